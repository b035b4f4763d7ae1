import { type Scope, whereInScope } from '../../auth/scope.js'
import { type Executor, likePrefix, pageOffset } from '../../db/kit.js'
import type { Venue } from '@lianfang/contracts'

export interface VenueFilter {
  /** Narrows within the scope to a region's subtree (the caller asserted it is in scope). */
  readonly regionPrefix?: string | undefined
  readonly kind?: Venue['kind'] | undefined
  /** A substring of the name. */
  readonly name?: string | undefined
}

/**
 * SQL for the venues register; one query per method (STYLE.md §5). Reads take a `Scope` (#15):
 * a venue of another region is simply not found.
 */
export class VenuesRepository {
  private scoped(db: Executor, scope: Scope) {
    return whereInScope(
      db.selectFrom('venues as v').innerJoin('regions as r', 'r.code', 'v.region_code'),
      'v.region_code',
      scope,
    ).select([
      'v.id',
      'v.region_code',
      'v.name',
      'v.kind',
      'v.capacity',
      'v.address',
      'v.active',
      'v.manager_user_id',
      'r.name as region_name',
    ])
  }

  private filtered(db: Executor, scope: Scope, f: VenueFilter) {
    let q = this.scoped(db, scope)
    if (f.regionPrefix) q = q.where('v.region_code', 'like', likePrefix(f.regionPrefix))
    if (f.kind) q = q.where('v.kind', '=', f.kind)
    if (f.name) q = q.where('v.name', 'like', `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    return q
  }

  list(db: Executor, scope: Scope, f: VenueFilter, page: number, pageSize: number) {
    return this.filtered(db, scope, f)
      .orderBy('v.region_code')
      .orderBy('v.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  async count(db: Executor, scope: Scope, f: VenueFilter): Promise<number> {
    const row = await this.filtered(db, scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  findById(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope).where('v.id', '=', id).executeTakeFirst()
  }

  /** Only the region of a venue, whatever the scope (OUT_OF_SCOPE versus NOT_FOUND). */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('venues').select('region_code').where('id', '=', id).executeTakeFirst()
  }
}
