import type { VenueKind } from '../sim/types.js'

/**
 * Assumed stay per venue kind when no check-out is recorded (minutes), so that overlaps can be
 * computed for contact tracing. The presets' values of the rule-set parameter
 * `closeContact.dwellMinutes`, which a region may change (core `dwellMinutesOf`); a kind the rule
 * set does not name, or an unknown kind, takes its value here (else `other`'s).
 */
export const DEFAULT_DWELL_MINUTES: Readonly<Record<VenueKind, number>> = {
  residential_gate: 5,
  market: 45,
  supermarket: 40,
  restaurant: 75,
  office: 480,
  factory: 480,
  school: 420,
  hospital: 120,
  station: 30,
  bus: 40,
  train: 180,
  flight: 150,
  ship: 240,
  gym: 90,
  cinema: 150,
  hotel: 720,
  other: 60,
}

/**
 * The longest stay a check-in can stand for, in hours: a check-out closes the person's open
 * check-in at that venue from at most this long before (`CheckinWriter`), and no assumed dwell
 * is longer. Contact tracing looks this far back for stays that can still reach a later one.
 */
export const MAX_STAY_HOURS = 24
export const MAX_STAY_MS = Math.max(MAX_STAY_HOURS * 60, ...Object.values(DEFAULT_DWELL_MINUTES)) * 60_000

/**
 * The bounds of an assumed dwell (`closeContact.dwellMinutes`): whole minutes, at least 1 and at
 * most `MAX_STAY_HOURS` — contact tracing reaches back `MAX_STAY_MS` for stays that can still meet
 * a later one, so no stay may be longer.
 */
export const MIN_DWELL_MINUTES = 1
export const MAX_DWELL_MINUTES = MAX_STAY_HOURS * 60

/** Whether `minutes` is a dwell the rule set may assume (an integer within the bounds). */
export function isValidDwellMinutes(minutes: unknown): minutes is number {
  return (
    typeof minutes === 'number' &&
    Number.isInteger(minutes) &&
    minutes >= MIN_DWELL_MINUTES &&
    minutes <= MAX_DWELL_MINUTES
  )
}

/**
 * The check-out time to assume: the recorded one, else check-in plus the kind's dwell — from
 * `overrides` (the rule set's, `dwellMinutesOf`), else `DEFAULT_DWELL_MINUTES`.
 */
export function assumedCheckout(
  checkedInAt: Date,
  checkedOutAt: Date | null | undefined,
  kind: string,
  overrides: Readonly<Record<string, number>> = {},
): Date {
  if (checkedOutAt) return checkedOutAt
  const own = (table: Readonly<Record<string, number | undefined>>) =>
    Object.hasOwn(table, kind) ? table[kind] : undefined
  const minutes = own(overrides) ?? own(DEFAULT_DWELL_MINUTES) ?? DEFAULT_DWELL_MINUTES.other
  return new Date(checkedInAt.getTime() + minutes * 60_000)
}
