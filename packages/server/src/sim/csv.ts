/**
 * CSV text for PostgreSQL `COPY … WITH (FORMAT csv)`: an empty unquoted field is NULL,
 * a field with a comma, quote or newline is quoted, bytea is written as `\x` + hex.
 */

const DAY_MS = 86_400_000
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))

/** A text field (quoted only when it has to be). */
export function csvText(value: string | null): string {
  if (value === null) return ''
  if (value === '' || /[",\n\r]/.test(value)) return `"${value.replaceAll('"', '""')}"`
  return value
}

/** A bytea field in PostgreSQL's hex format. */
export function csvBytea(value: Uint8Array): string {
  return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')
}

/**
 * Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS+00` (whole seconds), caching the date
 * part per UTC day: `toISOString()` per value would cost more than the rest of the row.
 */
export class TimestampFormatter {
  private readonly days = new Map<number, string>()

  format(ms: number): string {
    const day = Math.floor(ms / DAY_MS)
    let prefix = this.days.get(day)
    if (prefix === undefined) {
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 10) + ' '
      this.days.set(day, prefix)
    }
    let s = Math.floor((ms - day * DAY_MS) / 1000)
    const h = Math.floor(s / 3600)
    s -= h * 3600
    const m = Math.floor(s / 60)
    s -= m * 60
    return `${prefix}${TWO[h] ?? '00'}:${TWO[m] ?? '00'}:${TWO[s] ?? '00'}+00`
  }
}
