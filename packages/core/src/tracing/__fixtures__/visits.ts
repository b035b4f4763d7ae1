/** Shared test fixtures for the tracing rules: a clock, visits and options. */
import { RULE_SET_PRESETS } from '../../rules/rule-set.js'
import type { OverlapOptions } from '../overlap.js'
import type { CoVisit, Seat, VenueRule, Visit } from '../types.js'

export const params = RULE_SET_PRESETS.FK8.params
export const T0 = new Date('2026-11-10T02:00:00Z')
export const min = (n: number) => new Date(T0.getTime() + n * 60_000)
export const WIDE = { start: min(-100_000), end: min(100_000) }
export const opts = (o: Partial<OverlapOptions> = {}): OverlapOptions => ({
  casePersonId: 'CASE',
  bufferMinutes: 0,
  params,
  window: WIDE,
  ...o,
})
export const visit = (
  venueKind: string,
  inMin: number,
  outMin: number | null,
  seat?: Seat,
  enclosed?: boolean,
): Visit => ({
  venueId: `V-${venueKind}`,
  venueKind,
  checkedInAt: min(inMin),
  checkedOutAt: outMin === null ? null : min(outMin),
  ...(seat ? { seat } : {}),
  ...(enclosed !== undefined ? { enclosed } : {}),
})
export const co = (personId: string, v: Visit): CoVisit => ({ ...v, personId })

export interface Row {
  name: string
  caseVisit: Visit
  other: Visit
  options?: Partial<OverlapOptions>
  rule: VenueRule | null
}
