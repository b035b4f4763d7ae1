import { DomainError } from '@lianfang/core'
import type { Scope } from '../../auth/scope.js'
import type { Executor } from '../../db/kit.js'
import { CasesRepository } from './cases.repository.js'

const repo = new CasesRepository()

/**
 * After a scoped find of case `id` came back empty: OUT_OF_SCOPE when the case exists in another
 * region (the API has always said 403 there, not 404), else NOT_FOUND. Always throws.
 */
export async function missingCase(db: Executor, scope: Scope, id: string): Promise<never> {
  const elsewhere = await repo.regionOf(db, id)
  if (elsewhere) scope.assert(elsewhere.region_code, `case ${id}`)
  throw new DomainError('NOT_FOUND', `case ${id} does not exist`)
}
