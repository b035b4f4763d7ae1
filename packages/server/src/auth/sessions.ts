import { randomUUID } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'
import { LRUCache } from 'lru-cache'
import { DomainError, isRole } from '@lianfang/core'
import type { Database } from '../db/database.js'
import type { SessionUser } from './session-user.js'
import { SessionsRepository } from './sessions.repository.js'

export const SESSION_COOKIE = 'lf_session'

/**
 * Sessions: an HttpOnly cookie carries a short JWT (HS256) naming a session row; the row
 * is what logout revokes, so a stolen token dies with its session.
 */
export class SessionService {
  /**
   * Resolved sessions, kept for a few seconds: a gate scans many times a second and each request
   * would otherwise cost a database round trip. An entry older than `cacheMs` is still answered
   * while one look-up refreshes it in the background (lru-cache's `fetch` with `allowStale`), so
   * no request waits for the refresh and the requests of a busy gate do not all look the session up
   * at once when it expires. A logout here drops the entry at once (and discards a refresh in
   * flight); a logout on another API process takes effect within `cacheMs` plus one look-up.
   * Token → user, or false for a token that names no valid session (not undefined: lru-cache keeps
   * the stale value of an entry whose refresh answers undefined).
   */
  private readonly cache: LRUCache<string, SessionUser | false>
  private revocations = 0
  private readonly repo = new SessionsRepository()

  constructor(
    private readonly database: Database,
    private readonly key: Uint8Array,
    private readonly ttlHours: number,
    private readonly cacheMs = 5000,
  ) {
    this.cache = new LRUCache<string, SessionUser | false>({
      max: 50_000,
      ttl: cacheMs,
      allowStale: true,
      fetchMethod: async (token) => {
        const seen = this.revocations
        const user = await this.lookup(token)
        // A logout landed meanwhile (possibly of this very session): read again, after it.
        return (seen === this.revocations ? user : await this.lookup(token)) ?? false
      },
    })
  }

  async create(
    userId: string,
    meta: { ip: string; userAgent: string | undefined },
  ): Promise<{ token: string; expiresAt: Date }> {
    const id = randomUUID()
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000)
    await this.repo.insert(this.database.db, {
      id,
      user_id: userId,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent ?? null,
    })
    const token = await new SignJWT({ sid: id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key)
    return { token, expiresAt }
  }

  /** The user of a valid, unrevoked session, or undefined. */
  async resolve(token: string): Promise<SessionUser | undefined> {
    return (await this.cache.fetch(token)) || undefined
  }

  private async lookup(token: string): Promise<SessionUser | undefined> {
    let sid: unknown
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] })
      sid = payload['sid']
    } catch {
      return undefined
    }
    if (typeof sid !== 'string') return undefined
    const row = await this.repo.findUser(this.database.db, sid)
    if (!row || !isRole(row.role)) return undefined
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      regionCode: row.region_code,
      personId: row.person_id,
      sessionId: row.sid,
      mustChangePassword: row.must_change_password,
    }
  }

  async revoke(sessionId: string): Promise<void> {
    await this.repo.revoke(this.database.db, sessionId)
    // After the update: a look-up in flight reads again (`revocations`), a later one sees it revoked.
    this.revocations++
    const tokens: string[] = []
    this.cache.forEach((user, token) => {
      if (user && user.sessionId === sessionId) tokens.push(token)
    })
    for (const token of tokens) this.cache.delete(token)
  }

  /**
   * Forgets what this process cached of the user's sessions (their account changed: a password
   * change clears `mustChangePassword`), so the next request reads the account again. Another API
   * process sees the change within `cacheMs`.
   */
  forget(userId: string): void {
    this.revocations++
    const tokens: string[] = []
    this.cache.forEach((user, token) => {
      if (user && user.id === userId) tokens.push(token)
    })
    for (const token of tokens) this.cache.delete(token)
  }

  /**
   * Revokes every open session of a user (disabled, or a changed password), but `keep` (the
   * session that changed the password). Takes effect at once on this process, as `revoke` does.
   */
  async revokeAllOf(userId: string, keep?: string): Promise<number> {
    const result = await this.repo.revokeAllOf(this.database.db, userId, keep)
    this.revocations++
    const tokens: string[] = []
    this.cache.forEach((user, token) => {
      if (user && user.id === userId && user.sessionId !== keep) tokens.push(token)
    })
    for (const token of tokens) this.cache.delete(token)
    return Number(result.numUpdatedRows)
  }
}

export function requireUser(user: SessionUser | undefined): SessionUser {
  if (!user) throw new DomainError('UNAUTHENTICATED', 'sign in first')
  return user
}
