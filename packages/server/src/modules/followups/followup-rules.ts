/**
 * The rules of post-discharge follow-up, pure (time comes in as an argument). RULES.md CONF.AFTER
 * (confirmed: `afterDischargeDays` of observation after discharge, follow-up in weeks 2 and 4)
 * and ASYM.AFTER (asymptomatic: `afterReleaseDays` after release, the same weeks).
 *
 * Kept beside the server module rather than in `core/` so this change touches no shared file;
 * it imports nothing with I/O and can move to `core/src/rules/` as it is.
 */
import type { RuleSetParams } from '@lianfang/core'
import type { FollowupStatus, FollowupTiming } from '@lianfang/contracts'

export const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

export type DischargedStatus = 'confirmed' | 'asymptomatic'

export interface FollowupSlot {
  readonly week: number
  /** Start of the week: outcome + (week − 1) × 7 days. */
  readonly windowOpensAt: Date
  /** End of the week: outcome + week × 7 days. Without a result after this, the task is missed. */
  readonly dueAt: Date
}

/** The rule-set parameters that apply to a case of this classification. */
export function followupParams(
  params: RuleSetParams,
  status: DischargedStatus,
): { observationDays: number; weeks: readonly number[] } {
  return status === 'confirmed'
    ? { observationDays: params.confirmed.afterDischargeDays, weeks: params.confirmed.followupWeeks }
    : { observationDays: params.asymptomatic.afterReleaseDays, weeks: params.asymptomatic.followupWeeks }
}

/**
 * One slot per follow-up week (duplicates and anything but whole weeks 1…52 are dropped, in
 * ascending order): the week after discharge / release `outcomeAt` in which the visit is due.
 */
export function followupSchedule(outcomeAt: Date, weeks: readonly number[]): FollowupSlot[] {
  const valid = [...new Set(weeks)]
    .filter((w) => Number.isInteger(w) && w >= 1 && w <= 52)
    .sort((a, b) => a - b)
  const t = outcomeAt.getTime()
  return valid.map((week) => ({
    week,
    windowOpensAt: new Date(t + (week - 1) * WEEK_MS),
    dueAt: new Date(t + week * WEEK_MS),
  }))
}

/** When the post-discharge observation ends (outcome + the rule set's days). */
export function observationEnd(outcomeAt: Date, days: number): Date {
  return new Date(outcomeAt.getTime() + days * DAY_MS)
}

/** The status a task shows at `now`: a stored `due` task whose week has ended is `missed`. */
export function effectiveStatus(
  stored: 'due' | 'done' | 'cancelled',
  dueAt: Date,
  now: Date,
): FollowupStatus {
  return stored === 'due' && dueAt.getTime() < now.getTime() ? 'missed' : stored
}

/** Whether the visit took place before its week, in it, or after it. */
export function followupTiming(performedAt: Date, windowOpensAt: Date, dueAt: Date): FollowupTiming {
  const t = performedAt.getTime()
  if (t < windowOpensAt.getTime()) return 'early'
  if (t > dueAt.getTime()) return 'late'
  return 'on_time'
}
