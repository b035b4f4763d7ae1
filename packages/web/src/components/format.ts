import type { Language } from '../i18n'

/** Times are stored in UTC and shown in the region's zone (DESIGN.md, data rules). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai'

export function formatDateTime(iso: string, lang: Language): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(lang, {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d)
}

/** A positive integer from a URL parameter, or the fallback. */
export function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = value === null ? NaN : Number(value)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback
}
