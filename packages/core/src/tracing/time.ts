/** Internal time helpers of tracing (not exported from the package). */

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

/** True for a Date that holds a real instant. */
export function isValidDate(d: Date | null | undefined): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime())
}
