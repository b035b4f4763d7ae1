import { sql } from 'kysely'
import type { Executor } from '../../db/kit.js'

/**
 * Flags status indexes "changed" on the signed status list (a colour changed, so the code that
 * carried the old index must be re-fetched); one statement, idempotent.
 */
export async function flagStatusChanged(db: Executor, statusIndexes: readonly number[]): Promise<void> {
  if (statusIndexes.length === 0) return
  await sql`insert into code_status_bits (status_index, status)
    select unnest(${[...statusIndexes]}::int[]), 'changed' on conflict do nothing`.execute(db)
}
