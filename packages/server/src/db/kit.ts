/**
 * The small SQL kit shared by modules (#15): helpers several domains use, so that no module reaches
 * into another's repository for them. Kept to plain functions over a Kysely executor.
 */
import { DomainError } from '@lianfang/core'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from './schema.generated.js'

/** The database or an open transaction: what a repository method takes. */
export type Executor = Kysely<DB> | Transaction<DB>

/** LIKE pattern for a literal prefix (escapes %, _ and \). */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** The OFFSET of a 1-based page. */
export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize
}

/** Throws `REGION_NOT_FOUND` unless a region with this code exists. */
export async function requireRegion(db: Executor, code: string): Promise<void> {
  const region = await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()
  if (!region) throw new DomainError('REGION_NOT_FOUND', `region ${code} does not exist`)
}
