/**
 * The gate this device serves (a venue) and the direction it records, remembered per operator
 * next to the checkpoint session, so the page still records scans when it opens offline. The
 * venue's kind says whether scans there carry a seat (flights, trains, buses); settings stored
 * before the kind was remembered have none, and are still read.
 */
import type { Direction } from './scan-queue'

export interface GateSetting {
  readonly username: string
  readonly venueId: string
  readonly venueName: string
  readonly direction: Direction
  /** The venue's kind (`flight`, `market`, …); absent in settings stored by earlier versions. */
  readonly venueKind?: string
}

const STORAGE_KEY = 'lianfang.checkpoint.gate'

/** The stored setting when it is well-formed and belongs to `username`. */
export function parseGateSetting(value: unknown, username: string): GateSetting | undefined {
  if (
    typeof value === 'object' &&
    value !== null &&
    'username' in value &&
    value.username === username &&
    'venueId' in value &&
    typeof value.venueId === 'string' &&
    value.venueId !== '' &&
    'venueName' in value &&
    typeof value.venueName === 'string' &&
    'direction' in value &&
    (value.direction === 'in' || value.direction === 'out')
  ) {
    const kind = 'venueKind' in value ? value.venueKind : undefined
    return {
      username,
      venueId: value.venueId,
      venueName: value.venueName,
      direction: value.direction,
      ...(typeof kind === 'string' && kind !== '' ? { venueKind: kind } : {}),
    }
  }
  return undefined
}

export function readGateSetting(username: string): GateSetting | undefined {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    return raw === null ? undefined : parseGateSetting(JSON.parse(raw) as unknown, username)
  } catch {
    return undefined
  }
}

export function writeGateSetting(setting: GateSetting): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(setting))
  } catch {
    // storage disabled: the choice holds for this page only
  }
}

export function forgetGateSetting(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY)
  } catch {
    // nothing to forget
  }
}
