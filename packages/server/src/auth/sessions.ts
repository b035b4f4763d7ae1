import { randomUUID } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'
import { sql } from 'kysely'
import { DomainError, isRole } from '@lianfang/core'
import type { Database } from '../db/database.js'
import type { SessionUser } from './session-user.js'

export const SESSION_COOKIE = 'lf_session'

/**
 * Sessions: an HttpOnly cookie carries a short JWT (HS256) naming a session row; the row
 * is what logout revokes, so a stolen token dies with its session.
 */
export class SessionService {
  /**
   * Resolved sessions, kept for a few seconds: a gate scans many times a second and each request
   * would otherwise cost a database round trip. A logout here drops the entry at once; a logout
   * on another API process takes effect within `cacheMs`.
   */
  private readonly cache = new Map<string, { user: SessionUser; until: number }>()
  private readonly cacheMs = 5000

  constructor(
    private readonly database: Database,
    private readonly key: Uint8Array,
    private readonly ttlHours: number,
  ) {}

  async create(
    userId: string,
    meta: { ip: string; userAgent: string | undefined },
  ): Promise<{ token: string; expiresAt: Date }> {
    const id = randomUUID()
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000)
    await this.database.db
      .insertInto('sessions')
      .values({ id, user_id: userId, expires_at: expiresAt, ip: meta.ip, user_agent: meta.userAgent ?? null })
      .execute()
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
    const hit = this.cache.get(token)
    if (hit && hit.until > Date.now()) return hit.user
    const user = await this.lookup(token)
    if (user) {
      if (this.cache.size > 50_000) this.cache.clear()
      this.cache.set(token, { user, until: Date.now() + this.cacheMs })
    } else {
      this.cache.delete(token)
    }
    return user
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
    const row = await this.database.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id as sid',
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.region_code',
        'u.person_id',
      ])
      .where('s.id', '=', sid)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', sql<Date>`now()`)
      .where('u.disabled', '=', false)
      .executeTakeFirst()
    if (!row || !isRole(row.role)) return undefined
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      regionCode: row.region_code,
      personId: row.person_id,
      sessionId: row.sid,
    }
  }

  async revoke(sessionId: string): Promise<void> {
    for (const [token, entry] of this.cache) if (entry.user.sessionId === sessionId) this.cache.delete(token)
    await this.database.db
      .updateTable('sessions')
      .set({ revoked_at: sql<Date>`now()` })
      .where('id', '=', sessionId)
      .execute()
  }
}

export function requireUser(user: SessionUser | undefined): SessionUser {
  if (!user) throw new DomainError('UNAUTHENTICATED', 'sign in first')
  return user
}
