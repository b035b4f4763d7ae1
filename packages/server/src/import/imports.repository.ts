import { sql } from 'kysely'
import type { Executor } from '../db/kit.js'
import { type Scope, whereInScope } from '../auth/scope.js'

/** SQL for import previews; one query per method (STYLE.md §5). */
export class ImportsRepository {
  insertPreview(
    db: Executor,
    p: {
      id: string
      kind: string
      user_id: string
      region_code: string
      filename: string
      digest: string
      row_count: number
      valid_count: number
      rows_enc: Uint8Array
      expires_at: Date
    },
  ) {
    return db.insertInto('import_previews').values(p).execute()
  }

  /**
   * The caller's own open preview in their scope, locked for its confirmation; expired ones and
   * ones outside the scope are not found.
   */
  findOpenForUpdate(db: Executor, scope: Scope, id: string, userId: string) {
    return whereInScope(db.selectFrom('import_previews'), 'import_previews.region_code', scope)
      .select(['id', 'kind', 'region_code', 'filename', 'digest', 'row_count', 'valid_count', 'rows_enc'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst()
  }

  /** Marks a preview confirmed and drops its rows (their content now lives in the domain's tables). */
  markConfirmed(db: Executor, id: string, inserted: number) {
    return db
      .updateTable('import_previews')
      .set({ confirmed_at: sql<Date>`now()`, inserted, rows_enc: null })
      .where('id', '=', id)
      .execute()
  }

  /** Drops the rows of expired, unconfirmed previews (the counts stay). */
  purgeExpired(db: Executor) {
    return db
      .updateTable('import_previews')
      .set({ rows_enc: null })
      .where('confirmed_at', 'is', null)
      .where('expires_at', '<=', sql<Date>`now()`)
      .where('rows_enc', 'is not', null)
      .executeTakeFirst()
  }
}
