import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/kit.js'
import type { SigningKeys } from '../../db/schema.generated.js'

type Purpose = 'code' | 'root'

/**
 * SQL of the node's signing keys and of the status bits of issued codes; one query per method
 * (#15). The keys are node-wide: no region scope applies (only the node's operators manage them).
 */
export class KeysRepository {
  /** The active key of a purpose (its kid); locked when `lock`. */
  activeKid(db: Executor, purpose: Purpose, lock = false) {
    const q = db
      .selectFrom('signing_keys')
      .select('kid')
      .where('purpose', '=', purpose)
      .where('status', '=', 'active')
    return lock ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst()
  }

  /** Inserts a key; a kid already there is left alone. */
  insert(db: Executor, row: Insertable<SigningKeys>) {
    return db
      .insertInto('signing_keys')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  /** The active key of a purpose with its sealed private key. */
  activeSecret(db: Executor, purpose: Purpose) {
    return db
      .selectFrom('signing_keys')
      .select(['kid', 'private_enc'])
      .where('purpose', '=', purpose)
      .where('status', '=', 'active')
      .executeTakeFirst()
  }

  list(db: Executor) {
    return db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute()
  }

  retire(tx: Executor, kid: string, notAfter: Date) {
    return tx
      .updateTable('signing_keys')
      .set({ status: 'retired', retired_at: sql<Date>`now()`, not_after: notAfter })
      .where('kid', '=', kid)
      .execute()
  }

  statusOf(db: Executor, kid: string) {
    return db
      .selectFrom('signing_keys')
      .select(['status', 'purpose'])
      .where('kid', '=', kid)
      .executeTakeFirst()
  }

  revoke(tx: Executor, kid: string) {
    return tx
      .updateTable('signing_keys')
      .set({ status: 'revoked', revoked_at: sql<Date>`now()` })
      .where('kid', '=', kid)
      .execute()
  }

  activeRoot(db: Executor) {
    return db
      .selectFrom('signing_keys')
      .select(['kid', 'public_spki'])
      .where('purpose', '=', 'root')
      .where('status', '=', 'active')
      .executeTakeFirst()
  }

  /** Code keys not yet past `not_after`. */
  liveCodeKeys(db: Executor, now: Date) {
    return db
      .selectFrom('signing_keys')
      .selectAll()
      .where('purpose', '=', 'code')
      .where('not_after', '>', now)
      .execute()
  }

  revokedCodeKeys(db: Executor) {
    return db
      .selectFrom('signing_keys')
      .selectAll()
      .where('purpose', '=', 'code')
      .where('status', '=', 'revoked')
      .execute()
  }

  async count(db: Executor): Promise<number> {
    const r = await sql<{ v: string }>`select count(*)::text as v from signing_keys`.execute(db)
    return Number(r.rows[0]?.v ?? 0)
  }

  /**
   * A cheap fingerprint of the status bits: their count, highest index, and the highest issued
   * index — of health codes and of test results (LR1), which take theirs from the same sequence.
   */
  async statusFingerprint(db: Executor) {
    const r = await sql<{ n: string; m: number | null; h: number | null }>`
      select (select count(*) from code_status_bits)::text as n,
             (select max(status_index) from code_status_bits) as m,
             greatest((select max(status_index) from health_codes),
                      (select max(status_index) from nat_results)) as h`.execute(db)
    return r.rows[0]
  }

  statusBits(db: Executor) {
    return db.selectFrom('code_status_bits').select('status_index').execute()
  }

  /** Marks a status index revoked (whatever it was). */
  revokeStatus(tx: Executor, statusIndex: number) {
    return tx
      .insertInto('code_status_bits')
      .values({ status_index: statusIndex, status: 'revoked' })
      .onConflict((oc) => oc.column('status_index').doUpdateSet({ status: 'revoked' }))
      .execute()
  }

  /** Flags status indexes "changed" (one statement, idempotent). */
  flagChanged(db: Executor, statusIndexes: readonly number[]) {
    return sql`insert into code_status_bits (status_index, status)
      select unnest(${[...statusIndexes]}::int[]), 'changed' on conflict do nothing`.execute(db)
  }
}
