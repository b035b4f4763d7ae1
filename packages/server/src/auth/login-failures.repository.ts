import { sql } from 'kysely'
import type { Executor } from '../db/kit.js'

/** SQL for the sign-in throttle's counters (`login_failures`); one query per method (STYLE.md §5). */
export class LoginFailuresRepository {
  /** The counters of `key` at the given addresses. */
  find(db: Executor, key: string, addresses: string[]) {
    return db
      .selectFrom('login_failures')
      .select(['address', 'failures', 'blocked_until'])
      .where('account_key', '=', key)
      .where('address', 'in', addresses)
      .execute()
  }

  /** Forgets counters last failed before `before` that hold no wait any more. */
  purge(db: Executor, before: Date, now: Date) {
    return db
      .deleteFrom('login_failures')
      .where('last_failed_at', '<', before)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
      .execute()
  }

  /** Forgets the counters of `key` at the given addresses. */
  deleteAt(db: Executor, key: string, addresses: string[]) {
    return db
      .deleteFrom('login_failures')
      .where('account_key', '=', key)
      .where('address', 'in', addresses)
      .execute()
  }

  /** Forgets every counter of `key`. */
  deleteAll(db: Executor, key: string) {
    return db.deleteFrom('login_failures').where('account_key', '=', key).execute()
  }

  /**
   * Counts one failure (starting again at 1 when the last one is older than `forgetBefore`);
   * returns the count.
   */
  countFailure(db: Executor, key: string, address: string, now: Date, forgetBefore: Date) {
    return db
      .insertInto('login_failures')
      .values({ account_key: key, address, failures: 1, last_failed_at: now, blocked_until: null })
      .onConflict((oc) =>
        oc.columns(['account_key', 'address']).doUpdateSet({
          failures: sql<number>`case when login_failures.last_failed_at < ${forgetBefore}
                                     then 1 else login_failures.failures + 1 end`,
          last_failed_at: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow()
  }

  block(db: Executor, key: string, address: string, until: Date) {
    return db
      .updateTable('login_failures')
      .set({ blocked_until: until })
      .where('account_key', '=', key)
      .where('address', '=', address)
      .execute()
  }
}
