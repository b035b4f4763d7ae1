import { sql } from 'kysely'
import type { Executor } from '../db/kit.js'

/**
 * SQL for sessions; one query per method (STYLE.md §5). `findUser` is on the hot path: every
 * authenticated request resolves its session (through the 5 s cache of `SessionService`).
 */
export class SessionsRepository {
  insert(
    db: Executor,
    s: { id: string; user_id: string; expires_at: Date; ip: string; user_agent: string | null },
  ) {
    return db.insertInto('sessions').values(s).execute()
  }

  /** The user of an open (unrevoked, unexpired) session of an enabled account. */
  findUser(db: Executor, sessionId: string) {
    return db
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
        'u.must_change_password',
      ])
      .where('s.id', '=', sessionId)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', sql<Date>`now()`)
      .where('u.disabled', '=', false)
      .executeTakeFirst()
  }

  revoke(db: Executor, sessionId: string) {
    return db
      .updateTable('sessions')
      .set({ revoked_at: sql<Date>`now()` })
      .where('id', '=', sessionId)
      .execute()
  }

  /** Revokes every open session of a user but `keep`; `numUpdatedRows` says how many. */
  revokeAllOf(db: Executor, userId: string, keep?: string) {
    let q = db
      .updateTable('sessions')
      .set({ revoked_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
    if (keep !== undefined) q = q.where('id', '<>', keep)
    return q.executeTakeFirst()
  }
}
