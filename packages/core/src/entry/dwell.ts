/**
 * Assumed stay per venue kind when no check-out is recorded (minutes), so that overlaps can be
 * computed for contact tracing. Configurable per node (node setting `dwell_minutes`).
 */
export const DEFAULT_DWELL_MINUTES: Readonly<Record<string, number>> = {
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

/** The check-out time to assume: the recorded one, else check-in plus the kind's dwell. */
export function assumedCheckout(
  checkedInAt: Date,
  checkedOutAt: Date | null | undefined,
  kind: string,
  overrides: Readonly<Record<string, number>> = {},
): Date {
  if (checkedOutAt) return checkedOutAt
  const own = (table: Readonly<Record<string, number>>) =>
    Object.hasOwn(table, kind) ? table[kind] : undefined
  const minutes = own(overrides) ?? own(DEFAULT_DWELL_MINUTES) ?? DEFAULT_DWELL_MINUTES['other'] ?? 60
  return new Date(checkedInAt.getTime() + minutes * 60_000)
}
