import type { RuleSetParams } from '../rules/rule-set.js'
import type { CaseKind } from '../rules/health-facts.js'
import { DAY_MS, isValidDate } from './time.js'
import type { TimeWindow } from './types.js'

/** What the exposure window of a case is computed from. */
export interface ExposureWindowCase {
  readonly kind: CaseKind
  /** Symptom onset (suspected / confirmed cases). */
  readonly onsetAt?: Date
  /** Sampling time of the first positive specimen (asymptomatic infections, or no known onset). */
  readonly firstPositiveSampleAt?: Date
  /** When the case was isolated; the window ends there. */
  readonly isolatedAt?: Date
}

export type ExposureWindow = TimeWindow

export type ExposureWindowResult = ExposureWindow | { readonly error: string }

/**
 * The exposure window of a case (RULES.md CC.WINDOW): it starts `windowBeforeOnsetDays` days
 * (FK5–FK8: 2; FK9: 4) before the earlier of symptom onset and the sampling of the first positive
 * specimen (asymptomatic infections: the sample only); it ends when the case is isolated, or at `now` while the case is not isolated yet.
 * An isolation time later than `now` (planned, or clock skew) is clamped to `now`: nobody can have
 * been exposed in the future.
 *
 * Returns `{ error }` when there is no date to start from, a date is invalid, or the window would
 * end before it starts (e.g. isolated more than the look-back before the onset).
 */
export function exposureWindow(
  c: ExposureWindowCase,
  params: RuleSetParams,
  now: Date,
): ExposureWindowResult {
  const days = params.closeContact.windowBeforeOnsetDays
  if (!Number.isFinite(days) || days < 0) {
    return { error: `closeContact.windowBeforeOnsetDays must be a number ≥ 0 (got ${String(days)})` }
  }
  if (!isValidDate(now)) return { error: '`now` is not a valid date' }
  for (const [name, d] of [
    ['onsetAt', c.onsetAt],
    ['firstPositiveSampleAt', c.firstPositiveSampleAt],
    ['isolatedAt', c.isolatedAt],
  ] as const) {
    if (d !== undefined && !isValidDate(d)) return { error: `${name} is not a valid date` }
  }

  // CC.WINDOW: 2 days before onset, or before the first positive sample — whichever came first
  // (a screening positive who develops symptoms days later was infectious from the sample).
  const dates = [c.kind === 'asymptomatic' ? undefined : c.onsetAt, c.firstPositiveSampleAt].filter(
    (d): d is Date => d !== undefined,
  )
  if (dates.length === 0) {
    return {
      error:
        c.kind === 'asymptomatic'
          ? 'asymptomatic infection without firstPositiveSampleAt: the window has no start'
          : `${c.kind} case without onsetAt or firstPositiveSampleAt: the window has no start`,
    }
  }
  const anchor = new Date(Math.min(...dates.map((d) => d.getTime())))

  const start = new Date(anchor.getTime() - days * DAY_MS)
  const end = c.isolatedAt && c.isolatedAt.getTime() < now.getTime() ? c.isolatedAt : now
  if (end.getTime() < start.getTime()) {
    return {
      error: `exposure window ends (${end.toISOString()}) before it starts (${start.toISOString()})`,
    }
  }
  return { start, end: new Date(end.getTime()) }
}

/** Narrows an `exposureWindow` result to the window. */
export function isExposureWindow(r: ExposureWindowResult): r is ExposureWindow {
  return !('error' in r)
}
