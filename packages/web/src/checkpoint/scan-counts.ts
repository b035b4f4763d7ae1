/** Today's allowed / denied scans at this device, kept in localStorage (not sent anywhere). */

export interface ScanCounts {
  /** Local calendar day, YYYY-MM-DD. */
  readonly day: string
  readonly allowed: number
  readonly denied: number
}

const STORAGE_KEY = 'lianfang.checkpoint.counts'

export function localDay(nowMs: number): string {
  const d = new Date(nowMs)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The counts for today: yesterday's (or unreadable) counts start again at zero. */
export function countsForToday(stored: unknown, nowMs: number): ScanCounts {
  const day = localDay(nowMs)
  if (
    typeof stored === 'object' &&
    stored !== null &&
    'day' in stored &&
    stored.day === day &&
    'allowed' in stored &&
    typeof stored.allowed === 'number' &&
    'denied' in stored &&
    typeof stored.denied === 'number'
  )
    return { day, allowed: stored.allowed, denied: stored.denied }
  return { day, allowed: 0, denied: 0 }
}

export function addScan(counts: ScanCounts, allowed: boolean, nowMs: number): ScanCounts {
  const today = countsForToday(counts, nowMs)
  return allowed ? { ...today, allowed: today.allowed + 1 } : { ...today, denied: today.denied + 1 }
}

export function readScanCounts(nowMs: number): ScanCounts {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    return countsForToday(raw === null ? undefined : (JSON.parse(raw) as unknown), nowMs)
  } catch {
    return countsForToday(undefined, nowMs)
  }
}

export function writeScanCounts(counts: ScanCounts): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(counts))
  } catch {
    // storage full or disabled: the counts still show for this page
  }
}
