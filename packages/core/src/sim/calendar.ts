/**
 * Day arithmetic for the simulation. Days are counted as epoch days (days since
 * 1970-01-01) and simulated days are local days in Asia/Shanghai (UTC+8, no daylight
 * saving since 1991), so a local day starts at 16:00 UTC of the previous UTC day.
 */

export const DAY_MS = 86_400_000
export const DAY_SECONDS = 86_400
/** Asia/Shanghai is UTC+8 all year. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** Parses `YYYY-MM-DD` into an epoch day; throws RangeError on a malformed or impossible date. */
export function parseEpochDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`)
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const ms = Date.UTC(y, mo - 1, d)
  const check = new Date(ms)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: "${date}"`)
  }
  return Math.round(ms / DAY_MS)
}

/** Formats an epoch day as `YYYY-MM-DD`. */
export function formatEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10)
}

/** The UTC instant (epoch ms) at which local day `epochDay` starts in Asia/Shanghai. */
export function localDayStartMs(epochDay: number): number {
  return epochDay * DAY_MS - SHANGHAI_OFFSET_MS
}

/** Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7
}

/** Completed years between a birth day and a day (both epoch days), as the calendar counts them. */
export function ageOn(birthEpochDay: number, onEpochDay: number): number {
  const b = new Date(birthEpochDay * DAY_MS)
  const o = new Date(onEpochDay * DAY_MS)
  let age = o.getUTCFullYear() - b.getUTCFullYear()
  const beforeBirthday =
    o.getUTCMonth() < b.getUTCMonth() ||
    (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())
  if (beforeBirthday) age--
  return age
}
