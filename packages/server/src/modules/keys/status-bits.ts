import type { Executor } from '../../db/kit.js'
import { KeysRepository } from './keys.repository.js'

const repo = new KeysRepository()

/**
 * Flags status indexes "changed" on the signed status list (a colour changed, so the code that
 * carried the old index must be re-fetched); one statement, idempotent.
 */
export async function flagStatusChanged(db: Executor, statusIndexes: readonly number[]): Promise<void> {
  if (statusIndexes.length === 0) return
  await repo.flagChanged(db, statusIndexes)
}
