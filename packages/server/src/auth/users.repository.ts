import { sql } from 'kysely'
import type { Role } from '@lianfang/core'
import type { Executor } from '../db/kit.js'
import { type Scope, whereInScope } from './scope.js'

/** The columns of a user as lists and answers show it (`UserSummary`). */
function summaries(db: Executor) {
  return db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.region_code',
      'r.name as region_name',
      'u.disabled',
      // The latest wait of an address after failed sign-ins (the throttle's key is the username).
      sql<Date | null>`(select max(f.blocked_until) from login_failures f
                         where f.account_key = u.username and f.blocked_until > now())`.as('locked_until'),
    ])
}

/**
 * SQL for user accounts; one query per method (STYLE.md §5). Lists and finds of accounts take
 * the reader's `Scope` and apply it here (#15): an account outside it is simply not found.
 */
export class UsersRepository {
  /** The accounts of the scope, by username (at most `limit`). */
  list(db: Executor, scope: Scope, limit: number) {
    return whereInScope(summaries(db), 'u.region_code', scope).orderBy('u.username').limit(limit).execute()
  }

  /** One account's summary, whatever the scope (after a scoped find or a write). */
  summary(db: Executor, id: string) {
    return summaries(db).where('u.id', '=', id).executeTakeFirstOrThrow()
  }

  /** The region of an account, whatever the scope (the caller asserts it: 403 rather than 404). */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('users').select(['region_code', 'username']).where('id', '=', id).executeTakeFirst()
  }

  /** The account, when it lies in the scope. */
  find(db: Executor, scope: Scope, id: string) {
    return whereInScope(db.selectFrom('users as u'), 'u.region_code', scope)
      .select(['u.username', 'u.region_code'])
      .where('u.id', '=', id)
      .executeTakeFirst()
  }

  findIdByUsername(db: Executor, username: string) {
    return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()
  }

  /** The account bound to a person, if any. */
  findIdByPerson(db: Executor, personId: string) {
    return db.selectFrom('users').select('id').where('person_id', '=', personId).executeTakeFirst()
  }

  /** The region of a person an account is to be bound to (the caller checks it against the scope). */
  personRegion(db: Executor, personId: string) {
    return db
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', '=', personId)
      .executeTakeFirst()
  }

  insert(
    db: Executor,
    u: {
      username: string
      display_name: string
      password_hash: string
      role: Role
      region_code: string
      person_id: string | null
      must_change_password?: boolean
    },
  ) {
    return db
      .insertInto('users')
      .values(u)
      .returning(['id', 'username', 'display_name', 'role', 'region_code', 'disabled'])
      .executeTakeFirstOrThrow()
  }

  setDisabled(db: Executor, id: string, disabled: boolean) {
    return db
      .updateTable('users')
      .set({ disabled, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }

  /** What sign-in needs of an account. */
  findForLogin(db: Executor, username: string) {
    return db
      .selectFrom('users')
      .select(['id', 'password_hash', 'disabled'])
      .where('username', '=', username)
      .executeTakeFirst()
  }

  passwordHash(db: Executor, id: string) {
    return db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()
  }

  /** Sets the password; `mustChange`: an admin chose it (a reset), so its user must change it first. */
  setPassword(db: Executor, id: string, hash: string, mustChange: boolean) {
    return db
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: mustChange, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }

  /** The signed-in user's own account with its region's name (`GET /api/auth/me`). */
  findMe(db: Executor, id: string) {
    return db
      .selectFrom('users as u')
      .innerJoin('regions as r', 'r.code', 'u.region_code')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.region_code',
        'u.person_id',
        'u.must_change_password',
        'r.name as region_name',
      ])
      .where('u.id', '=', id)
      .executeTakeFirstOrThrow()
  }

  async count(db: Executor): Promise<number> {
    const r = await sql<{ n: string }>`select count(*)::text as n from users`.execute(db)
    return Number(r.rows[0]?.n ?? 0)
  }

  /** The citizen accounts bound to a person. */
  citizensOfPerson(db: Executor, personId: string) {
    return db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('person_id', '=', personId)
      .where('role', '=', 'citizen')
      .execute()
  }

  /** Disables an account and unbinds it from its person. */
  disableAndUnbind(db: Executor, id: string) {
    return db
      .updateTable('users')
      .set({ disabled: true, person_id: null, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }
}
