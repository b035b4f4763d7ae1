/**
 * The checkpoint's decision on a presented code, made in the browser with core's LF1 verifier
 * against the cached lists: no network. Kept apart from the page so a later check-in queue can
 * call it too.
 */
import { verifyLf1, type HealthCodeColour, type Lf1Stage, type SignatureBackend } from '@lianfang/core'
import { listsUsable, type CachedLists } from './list-cache'

/** Where a refused code failed; `no-lists` when the checkpoint has no usable lists. */
export type CheckpointStage = Lf1Stage | 'no-lists'

/** Same fields as the server's `CodeVerification`, plus the gate's decision. */
export interface CheckpointResult {
  /** The code is genuine, current and not revoked. */
  readonly ok: boolean
  /** Let the person through: only a valid green code. */
  readonly allow: boolean
  readonly stage: CheckpointStage | null
  readonly reason: string | null
  readonly colour: HealthCodeColour | null
  readonly maskedName: string | null
  readonly issuer: string | null
  /** ISO time the code expires. */
  readonly expiresAt: string | null
  /** False when the status list used is older than its ttl. */
  readonly statusFresh: boolean | null
  /** When the check was made (ms). */
  readonly checkedAt: number
}

/**
 * Scanners and pasting add surrounding whitespace and line breaks. Spaces inside are kept:
 * space is a Base45 character.
 */
export function normalizeCode(text: string): string {
  return text.trim().replace(/[\r\n\t]+/g, '')
}

export async function verifyPresentedCode(
  text: string,
  lists: CachedLists,
  backend: SignatureBackend,
  nowMs: number,
): Promise<CheckpointResult> {
  const refused = (stage: CheckpointStage, reason: string): CheckpointResult => ({
    ok: false,
    allow: false,
    stage,
    reason,
    colour: null,
    maskedName: null,
    issuer: null,
    expiresAt: null,
    statusFresh: null,
    checkedAt: nowMs,
  })
  if (!lists.trust || !listsUsable(lists))
    return refused('no-lists', 'no valid trust list and status list cached: go online once')
  const v = await verifyLf1(
    normalizeCode(text),
    { trust: lists.trust.store, statusLists: lists.statusStore, now: Math.floor(nowMs / 1000) },
    backend,
  )
  if (!v.ok) return refused(v.stage, v.reason)
  return {
    ok: true,
    allow: v.claims.colour === 'green',
    stage: null,
    reason: null,
    colour: v.claims.colour,
    maskedName: v.claims.maskedName,
    issuer: v.claims.issuer,
    expiresAt: new Date(v.claims.expiresAt * 1000).toISOString(),
    statusFresh: v.statusFresh,
    checkedAt: nowMs,
  }
}
