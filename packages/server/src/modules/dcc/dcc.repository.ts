import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/kit.js'
import type { DccSigners } from '../../db/schema.generated.js'

/**
 * SQL of the node's DCC trust list (`dcc_signers`); one query per method. The list is node-wide:
 * no region scope applies (only the node's operators change it, every verifier reads it).
 */
export class DccRepository {
  /** The live signers (not removed), newest first, with the name of who added each. */
  list(db: Executor) {
    return db
      .selectFrom('dcc_signers as s')
      .leftJoin('users as u', 'u.id', 's.added_by')
      .select([
        's.id',
        's.kid',
        's.country',
        's.label',
        's.subject',
        's.der',
        's.not_before',
        's.not_after',
        's.added_at',
        'u.username as added_by_name',
      ])
      .where('s.removed_at', 'is', null)
      .orderBy('s.added_at', 'desc')
      .orderBy('s.id', 'desc')
      .execute()
  }

  /** What the trust store is built from: every live signer's DER and its name. */
  liveCertificates(db: Executor) {
    return db
      .selectFrom('dcc_signers')
      .select(['id', 'kid', 'label', 'country', 'der'])
      .where('removed_at', 'is', null)
      .execute()
  }

  /** The live signer with this kid, if any. */
  liveByKid(db: Executor, kid: string) {
    return db
      .selectFrom('dcc_signers')
      .select('id')
      .where('kid', '=', kid)
      .where('removed_at', 'is', null)
      .executeTakeFirst()
  }

  insert(tx: Executor, row: Insertable<DccSigners>) {
    return tx.insertInto('dcc_signers').values(row).returning('id').executeTakeFirstOrThrow()
  }

  /** Marks a live signer removed; the row it removed (none when absent or removed already). */
  remove(tx: Executor, id: string, by: string, reason: string) {
    return tx
      .updateTable('dcc_signers')
      .set({ removed_at: sql<Date>`now()`, removed_by: by, removed_reason: reason })
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .returning(['id', 'kid', 'country', 'label'])
      .executeTakeFirst()
  }
}
