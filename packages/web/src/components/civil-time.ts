import dayjs, { type Dayjs } from 'dayjs'
import { DISPLAY_TIME_ZONE } from './format'

/**
 * Date pickers work in the browser's zone; the console shows and means times in the region's zone
 * (`DISPLAY_TIME_ZONE`, DESIGN.md data rules). A picker's value is therefore read as a wall-clock
 * time of the region, whatever zone the computer is set to: 2026-12-06 08:00 typed on a laptop on
 * UTC is 08:00 in Wuhan (00:00Z), as it is shown back.
 */
const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: DISPLAY_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

/** The region's wall clock at an instant, as a UTC timestamp with the same fields. */
function wallFieldsAsUtc(ms: number): number {
  const f: Record<string, number> = {}
  for (const p of parts.formatToParts(new Date(ms))) if (p.type !== 'literal') f[p.type] = Number(p.value)
  return Date.UTC(
    f['year'] ?? 1970,
    (f['month'] ?? 1) - 1,
    f['day'] ?? 1,
    f['hour'] ?? 0,
    f['minute'] ?? 0,
    f['second'] ?? 0,
  )
}

/** The region's offset from UTC at an instant, in ms. */
const offsetAt = (ms: number): number => wallFieldsAsUtc(ms) - Math.floor(ms / 1000) * 1000

/** A picker value read as the region's wall-clock time → the instant (ISO, UTC). */
export function wallToIso(d: Dayjs): string {
  const asUtc = Date.UTC(d.year(), d.month(), d.date(), d.hour(), d.minute(), d.second(), d.millisecond())
  const first = asUtc - offsetAt(asUtc)
  return new Date(asUtc - offsetAt(first)).toISOString()
}

/** An instant → a picker value showing the region's wall-clock time. */
export function isoToWall(iso: string | Date): Dayjs {
  const ms = typeof iso === 'string' ? new Date(iso).getTime() : iso.getTime()
  const w = new Date(ms + offsetAt(ms))
  return dayjs(
    new Date(
      w.getUTCFullYear(),
      w.getUTCMonth(),
      w.getUTCDate(),
      w.getUTCHours(),
      w.getUTCMinutes(),
      w.getUTCSeconds(),
      w.getUTCMilliseconds(),
    ),
  )
}

/** Now, as a picker value in the region's wall-clock time. */
export const wallNow = (): Dayjs => isoToWall(new Date())

/** For `disabledDate`: a day after today in the region. */
export const afterTodayInRegion = (d: Dayjs): boolean => d.isAfter(wallNow().endOf('day'))
