/**
 * Who last used the checkpoint on this device, so the page still opens when the network (and so
 * `/api/auth/me`) is gone. It grants nothing the lists do not already give: offline, the page
 * only verifies codes against the public, signed lists. Cleared when the server says there is
 * no session or the signed-in user may not verify codes, and on logout from the page.
 */
import type { Me } from '@lianfang/contracts'

export interface CheckpointSession {
  readonly username: string
  readonly displayName: string
  /** The user may open console pages besides the checkpoint. */
  readonly hasConsole: boolean
  readonly savedAt: number
}

const STORAGE_KEY = 'lianfang.checkpoint.session'

export function sessionFromMe(me: Me, hasConsole: boolean, nowMs: number): CheckpointSession {
  return { username: me.username, displayName: me.displayName, hasConsole, savedAt: nowMs }
}

export function rememberSession(session: CheckpointSession): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session))
  } catch {
    // storage disabled: offline start will not be possible
  }
}

export function forgetSession(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY)
  } catch {
    // nothing to forget
  }
}

export function rememberedSession(): CheckpointSession | undefined {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    if (raw === null) return undefined
    const v = JSON.parse(raw) as unknown
    if (
      typeof v === 'object' &&
      v !== null &&
      'username' in v &&
      typeof v.username === 'string' &&
      'displayName' in v &&
      typeof v.displayName === 'string' &&
      'hasConsole' in v &&
      typeof v.hasConsole === 'boolean' &&
      'savedAt' in v &&
      typeof v.savedAt === 'number'
    )
      return {
        username: v.username,
        displayName: v.displayName,
        hasConsole: v.hasConsole,
        savedAt: v.savedAt,
      }
    return undefined
  } catch {
    return undefined
  }
}
