import { createHash } from 'node:crypto'

/** What of a stored check-in row the audit chain covers (see {@link checkinDigest}). */
export interface DigestedCheckin {
  readonly id: string
  readonly clientScanId: string
  readonly checkedInAt: Date
  readonly venueId: string
  readonly personId: string | null
  readonly decision: string
  readonly colour: string | null
}

/**
 * The SHA-256 (hex) of check-in rows as the audit record of their flush states it (issue #14:
 * check-ins are audited one record per actor and flush, not per scan, so that the chain's lock is
 * taken once per flush). One line per row, in `id` order: id, client scan id, time (ISO, as stored:
 * milliseconds), venue, person, decision and colour, separated by `|`. A row deleted, added or
 * edited in one of these fields no longer matches the digest in the (hash-chained) record; the
 * check-out time is not covered (a later check-out sets it).
 */
export function checkinDigest(rows: readonly DigestedCheckin[]): string {
  const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id))
  const h = createHash('sha256')
  for (const r of sorted) {
    h.update(
      `${r.id}|${r.clientScanId.toLowerCase()}|${r.checkedInAt.toISOString()}|${r.venueId}|${r.personId ?? ''}|${r.decision}|${r.colour ?? ''}\n`,
    )
  }
  return h.digest('hex')
}

/** Ids (bigint text) as runs `[from, to]`, for the record to name its rows compactly. */
export function idRuns(ids: readonly string[]): [string, string][] {
  const sorted = [...ids].sort(compareIds)
  const runs: [string, string][] = []
  for (const id of sorted) {
    const last = runs.at(-1)
    if (last && BigInt(id) === BigInt(last[1]) + 1n) last[1] = id
    else runs.push([id, id])
  }
  return runs
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}
