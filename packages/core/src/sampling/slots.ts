/**
 * Sampling-site slots (#17, RULES TEST.WILL 愿检尽检: anyone who wants a test can book one): a
 * site's opening hours as weekly periods of local time, cut into one-hour slots, each taking as
 * many bookings as the site's capacity per hour. Pure: the time zone and "now" come in.
 */
import { addDays, localDate, offsetMinutes } from '../time/civil-time.js'

/** Minutes of one booking slot: capacity is given per hour, so a slot is an hour. */
export const SLOT_MINUTES = 60
/** How far ahead a citizen may book. Not a RULES figure: a planning window for the sites. */
export const BOOKING_HORIZON_DAYS = 14
/** Periods a site may list (two a day, every day of the week). */
export const MAX_OPENING_PERIODS = 14

/** A weekly opening period: ISO weekdays (1 Monday … 7 Sunday) and local times `HH:mm`, `from` < `to`. */
export interface OpeningPeriod {
  readonly weekdays: readonly number[]
  readonly from: string
  readonly to: string
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/
export const OPENING_TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$'

/** Minutes since midnight of `HH:mm` (`24:00` is not a time here; a period ends by 23:59). */
export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm)
  if (!m) throw new RangeError(`expected a local time HH:mm, got "${hhmm}"`)
  return Number(m[1]) * 60 + Number(m[2])
}

/**
 * What is wrong with a list of opening periods, or null: a malformed time, `from` not before `to`,
 * a weekday outside 1–7 or repeated, no weekday, too many periods, two periods of one day overlapping.
 */
export function openingHoursProblem(periods: readonly OpeningPeriod[]): string | null {
  if (periods.length > MAX_OPENING_PERIODS) return `at most ${MAX_OPENING_PERIODS} opening periods`
  const byDay = new Map<number, [number, number][]>()
  for (const [i, p] of periods.entries()) {
    if (!HHMM.test(p.from) || !HHMM.test(p.to)) return `period ${i + 1}: times are HH:mm`
    const from = minutesOf(p.from)
    const to = minutesOf(p.to)
    if (from >= to) return `period ${i + 1}: from must be before to`
    if (p.weekdays.length === 0) return `period ${i + 1}: no weekday`
    if (new Set(p.weekdays).size !== p.weekdays.length) return `period ${i + 1}: a weekday twice`
    for (const d of p.weekdays) {
      if (!Number.isInteger(d) || d < 1 || d > 7) return `period ${i + 1}: weekdays are 1 (Monday) to 7`
      const day = byDay.get(d) ?? []
      if (day.some(([f, t]) => from < t && f < to)) return `period ${i + 1}: overlaps another on weekday ${d}`
      day.push([from, to])
      byDay.set(d, day)
    }
  }
  return null
}

/** ISO weekday of a calendar date `YYYY-MM-DD`: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${addDays(date, 0)}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/** The instant the wall clock of `timeZone` shows `date` `minutes` after midnight. */
export function localInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${addDays(date, 0)}T00:00:00Z`) + minutes * 60_000
  const guess = wall - offsetMinutes(wall, timeZone) * 60_000
  return new Date(wall - offsetMinutes(guess, timeZone) * 60_000)
}

/**
 * The slot starts of local day `date`: every `SLOT_MINUTES` from each period's `from` while before
 * its `to` (the last slot of a period may be shorter), ascending, without repeats.
 */
export function slotsOn(periods: readonly OpeningPeriod[], date: string, timeZone: string): Date[] {
  const weekday = isoWeekday(date)
  const starts = new Set<number>()
  for (const p of periods) {
    if (!p.weekdays.includes(weekday)) continue
    const to = minutesOf(p.to)
    for (let m = minutesOf(p.from); m < to; m += SLOT_MINUTES)
      starts.add(localInstant(date, m, timeZone).getTime())
  }
  return [...starts].sort((a, b) => a - b).map((t) => new Date(t))
}

/** Why a slot cannot be booked, or null: not a slot of the site's hours, over, or too far ahead. */
export type SlotProblem = 'not_a_slot' | 'past' | 'too_far'

/**
 * Whether `at` may be booked at `now`: it must be a slot start of the site's opening hours, not
 * over yet (a slot is bookable until its end), and within `BOOKING_HORIZON_DAYS` local days.
 */
export function slotProblem(
  periods: readonly OpeningPeriod[],
  at: Date,
  now: Date,
  timeZone: string,
): SlotProblem | null {
  const date = localDate(at, timeZone)
  if (!slotsOn(periods, date, timeZone).some((s) => s.getTime() === at.getTime())) return 'not_a_slot'
  if (at.getTime() + SLOT_MINUTES * 60_000 <= now.getTime()) return 'past'
  if (date > addDays(localDate(now, timeZone), BOOKING_HORIZON_DAYS)) return 'too_far'
  return null
}

/** Places left in a slot: the capacity per hour less the bookings that hold a place (never below 0). */
export function freePlaces(capacityPerHour: number, taken: number): number {
  return Math.max(0, capacityPerHour - taken)
}
