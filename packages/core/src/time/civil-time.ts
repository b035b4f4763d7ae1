/**
 * Civil (wall-clock) time in a region's time zone (#15): the local date of an instant, the instant
 * a local day starts, `YYYY-MM-DD HH:mm` for texts, and the UTC offset. Zones are IANA names
 * (`Asia/Shanghai`, `Europe/Berlin`) resolved by the runtime's `Intl.DateTimeFormat`, so zones
 * with daylight saving time work too: a local day is then 23 or 25 hours long, and where local
 * midnight does not exist (a switch at 00:00) the day starts at the switch.
 * Pure: the instant always comes in as an argument.
 */

/** The zone of a region when neither its rule set nor the configuration names one. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
/** Offsets are memoised per zone and quarter hour (every zone's switches fall on a quarter hour). */
const BUCKET = 15 * MINUTE
const MAX_MEMO = 4096

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsetMemo = new Map<string, Map<number, number>>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** True when the runtime knows `timeZone` as an IANA zone name (or `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** Throws a RangeError naming the value when `timeZone` is not a zone the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`not an IANA time zone: "${timeZone}"`)
}

/** Wall-clock fields of `ms` in `timeZone`, read as if they were UTC (ms since the epoch, whole seconds). */
function wallClockMs(ms: number, timeZone: string): number {
  const fields: Record<string, number> = {}
  let bc = false
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type === 'era') bc = p.value.startsWith('B')
    else if (p.type !== 'literal') fields[p.type] = Number(p.value)
  }
  const year = bc ? 1 - (fields.year ?? 0) : (fields.year ?? 0)
  const wall = new Date(0)
  wall.setUTCFullYear(year, (fields.month ?? 1) - 1, fields.day ?? 1)
  wall.setUTCHours(fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, 0)
  return wall.getTime()
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `instant`. */
function offsetMs(instant: number, timeZone: string): number {
  let memo = offsetMemo.get(timeZone)
  if (!memo) offsetMemo.set(timeZone, (memo = new Map<number, number>()))
  const bucket = Math.floor(instant / BUCKET)
  let offset = memo.get(bucket)
  if (offset === undefined) {
    const at = bucket * BUCKET
    offset = wallClockMs(at, timeZone) - at
    if (memo.size >= MAX_MEMO) memo.clear()
    memo.set(bucket, offset)
  }
  return offset
}

const ms = (at: Date | number): number => (typeof at === 'number' ? at : at.getTime())

/** The zone's offset from UTC at an instant, in minutes (+480 for Asia/Shanghai, +60 or +120 for Europe/Berlin). */
export function offsetMinutes(at: Date | number, timeZone: string = DEFAULT_TIME_ZONE): number {
  return offsetMs(ms(at), timeZone) / MINUTE
}

/** The wall-clock time of an instant as an ISO string without zone (`YYYY-MM-DDTHH:mm:ss.sss`). */
function wallIso(at: Date | number, timeZone: string): string {
  const t = ms(at)
  return new Date(t + offsetMs(t, timeZone)).toISOString()
}

/** The local calendar date of an instant, `YYYY-MM-DD`. */
export function localDate(at: Date | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  return wallIso(at, timeZone).slice(0, 10)
}

/** The local date and time of an instant, `YYYY-MM-DD HH:mm` (the dates in reasons and notices). */
export function formatLocalDateTime(at: Date | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  return wallIso(at, timeZone).slice(0, 16).replace('T', ' ')
}

/** The local day of an instant as a day number (days since 1970-01-01 on the wall calendar). */
export function localEpochDay(at: Date | number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const t = ms(at)
  return Math.floor((t + offsetMs(t, timeZone)) / DAY)
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Midnight UTC of a `YYYY-MM-DD` calendar date; throws a RangeError on a malformed or impossible date. */
function utcMidnight(date: string): number {
  const m = DATE.exec(date)
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN]
  const t = Date.UTC(y, mo - 1, d)
  if (!m || new Date(t).toISOString().slice(0, 10) !== date)
    throw new RangeError(`expected a calendar date as YYYY-MM-DD, got "${date}"`)
  return t
}

/** The calendar date `days` after (or before, when negative) `date`, both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY).toISOString().slice(0, 10)
}

/**
 * The instant local day `date` (`YYYY-MM-DD`) starts in `timeZone`: its first instant whose local
 * date is `date` (local midnight, or the switch when daylight saving skips midnight).
 */
export function startOfLocalDay(date: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const midnight = utcMidnight(date)
  // The offsets in force around that day; local midnight is midnight minus one of them.
  const candidates = [offsetMs(midnight - DAY, timeZone), offsetMs(midnight + DAY, timeZone)]
    .map((o) => midnight - o)
    .filter((t) => localDate(t, timeZone) === date)
    .sort((a, b) => a - b)
  const first = candidates[0]
  if (first === undefined) throw new RangeError(`no local day ${date} in ${timeZone}`)
  // A switch at midnight: the day starts at the switch, the first instant showing `date`.
  let start = first
  if (localDate(start - 1, timeZone) === date) {
    let lo = start - 3 * HOUR
    while (localDate(lo, timeZone) === date) lo -= 3 * HOUR
    let hi = start
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2)
      if (localDate(mid, timeZone) === date) hi = mid
      else lo = mid
    }
    start = hi
  }
  return new Date(start)
}

/** The instants `[start, end)` of local day `date`: 24 hours, or 23 / 25 on a daylight-saving switch. */
export function localDayBounds(
  date: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): { start: Date; end: Date } {
  return { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addDays(date, 1), timeZone) }
}
