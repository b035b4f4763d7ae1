import { sql } from 'kysely'
import { REGION_LEVELS, regionPrefix } from '@lianfang/core'
import type { Database } from '../../db/database.js'
import type { Regions } from '../../db/schema.generated.js'
import type { RegionSeed } from './national-regions.js'
import { type Executor, likePrefix } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

export interface RegionRow {
  code: string
  parent_code: string | null
  level: Regions['level']
  name: string
  synthetic: boolean
}

export class RegionsRepository {
  constructor(private readonly database: Database) {}

  /** Inserts regions that do not exist yet (parents before children), in batches. */
  async insertMissing(regions: readonly (RegionSeed & { synthetic?: boolean })[]): Promise<number> {
    let inserted = 0
    for (let i = 0; i < regions.length; i += 1000) {
      const batch = regions.slice(i, i + 1000)
      const result = await this.database.db
        .insertInto('regions')
        .values(
          batch.map((r) => ({
            code: r.code,
            parent_code: r.parentCode,
            level: r.level,
            name: r.name,
            synthetic: r.synthetic ?? false,
          })),
        )
        .onConflict((oc) => oc.column('code').doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n)
    }
    return inserted
  }

  /** Pass the transaction when inside one (PGlite has a single connection). */
  findByCode(code: string, db: Executor = this.database.db): Promise<RegionRow | undefined> {
    return db
      .selectFrom('regions')
      .select(['code', 'parent_code', 'level', 'name', 'synthetic'])
      .where('code', '=', code)
      .executeTakeFirst()
  }

  /** The region when it lies in the scope (a region outside it is not found). */
  findInScope(scope: Scope, code: string, db: Executor = this.database.db): Promise<RegionRow | undefined> {
    return whereInScope(db.selectFrom('regions'), 'regions.code', scope)
      .select(['code', 'parent_code', 'level', 'name', 'synthetic'])
      .where('code', '=', code)
      .executeTakeFirst()
  }

  /** The region and its whole subtree (prefix range on the code index). */
  subtree(code: string, maxLevelIndex: number): Promise<RegionRow[]> {
    const levels = REGION_LEVELS.slice(0, maxLevelIndex + 1)
    return this.database.db
      .selectFrom('regions')
      .select(['code', 'parent_code', 'level', 'name', 'synthetic'])
      .where('code', 'like', `${regionPrefix(code)}%`)
      .where('level', 'in', levels)
      .orderBy('code')
      .execute()
  }

  /** Names for a set of codes. */
  async names(codes: readonly string[], db: Executor = this.database.db): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map()
    const rows = await db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('code', 'in', [...new Set(codes)])
      .execute()
    return new Map(rows.map((r) => [r.code, r.name]))
  }

  async count(): Promise<number> {
    const row = await sql<{ n: string }>`select count(*)::text as n from regions`.execute(this.database.db)
    return Number(row.rows[0]?.n ?? 0)
  }

  /** Regions of a subtree named by code or by name (an import's region column). */
  inSubtreeByCodeOrName(db: Executor, root: string, codes: readonly string[], names: readonly string[]) {
    if (codes.length === 0 && names.length === 0) return Promise.resolve([])
    return db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('code', 'like', likePrefix(regionPrefix(root)))
      .where((eb) => {
        const any = []
        if (codes.length > 0) any.push(eb('code', 'in', [...codes]))
        if (names.length > 0) any.push(eb('name', 'in', [...names]))
        return eb.or(any)
      })
      .execute()
  }
}
