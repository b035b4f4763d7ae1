import {
  DEFAULT_EDITION,
  parentRegionCode,
  RULE_SET_PRESETS,
  type Edition,
  type RuleSet,
  type RuleSetParams,
} from '@lianfang/core'
import { sql, type Insertable, type RawBuilder } from 'kysely'
import { type Executor, likePrefix } from '../../db/kit.js'
import type { RuleSets } from '../../db/schema.generated.js'
import { type Scope, scopeCondition, whereInScope } from '../../auth/scope.js'
import type { PersonIdsQuery } from './colour.repository.js'

export interface RuleSetRow {
  id: string
  region_code: string
  name: string
  edition: string
  version: number
  params: unknown
  status: string
  created_at: Date
  published_at: Date | null
}

export function toRuleSet(row: RuleSetRow): RuleSet {
  return {
    id: `${row.region_code}#${row.id}`,
    edition: row.edition as Edition,
    version: row.version,
    params: row.params as RuleSetParams,
  }
}

/** The codes of a region and all its ancestors, nearest first. */
export function ancestry(code: string): string[] {
  const out: string[] = []
  let c: string | undefined = code
  while (c) {
    out.push(c)
    c = parentRegionCode(c)
  }
  return out
}

/**
 * SQL of rule sets; one query per method (#15). A rule set is visible in its region's scope;
 * the published ones of the ancestors are in force below them and listed with them.
 */
export class RuleSetsRepository {
  /** The rule sets of a region's ancestors (in force from above) and of its subtree within the scope. */
  list(db: Executor, scope: Scope, regionCode: string, subtreePrefix: string) {
    return db
      .selectFrom('rule_sets')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('region_code', 'in', ancestry(regionCode)),
          eb.and([
            eb('region_code', 'like', likePrefix(subtreePrefix)),
            scopeCondition(eb, 'region_code', scope),
          ]),
        ]),
      )
      .orderBy('region_code')
      .orderBy('version', 'desc')
      .execute()
  }

  find(db: Executor, scope: Scope, id: string) {
    return whereInScope(db.selectFrom('rule_sets'), 'rule_sets.region_code', scope)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
  }

  /** Only the region of a rule set, whatever the scope: tells OUT_OF_SCOPE from NOT_FOUND. */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('rule_sets').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  insert(tx: Executor, row: Insertable<RuleSets>) {
    return tx.insertInto('rule_sets').values(row).returningAll().executeTakeFirstOrThrow()
  }

  /** Sets a rule set's parameters (and name, when given). */
  update(tx: Executor, id: string, params: unknown, name: string | undefined) {
    return tx
      .updateTable('rule_sets')
      .set({ params: JSON.stringify(params), ...(name ? { name } : {}) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  /** The region's published rule set becomes superseded. */
  supersedePublished(tx: Executor, regionCode: string) {
    return tx
      .updateTable('rule_sets')
      .set({ status: 'superseded' })
      .where('region_code', '=', regionCode)
      .where('status', '=', 'published')
      .execute()
  }

  publish(tx: Executor, id: string) {
    return tx
      .updateTable('rule_sets')
      .set({ status: 'published', published_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  /**
   * Whom a dry run evaluates: persons of the subtree with a yellow or red code or a live fact
   * (`hasFacts`: conditions on `persons p`, one per fact source).
   */
  async dryRunSubjects(db: Executor, subtreePrefix: string, hasFacts: readonly RawBuilder<boolean>[]) {
    const r = await sql<{ id: string; region_code: string; name: string; colour: string | null }>`
      select p.id, p.region_code, p.name, hc.colour
        from persons p left join health_codes hc on hc.person_id = p.id
       where p.region_code like ${likePrefix(subtreePrefix)}
         and (hc.colour in ('yellow', 'red') or ${sql.join(hasFacts, sql` or `)})
       order by p.id`.execute(db)
    return r.rows
  }

  /** The persons holding a code in the subtree (a publish recomputes them). */
  codesUnder(subtreePrefix: string): PersonIdsQuery {
    return sql<{
      person_id: string
    }>`select person_id from health_codes where region_code like ${likePrefix(subtreePrefix)}`
  }

  publishedFor(db: Executor, regionCodes: readonly string[]) {
    return db
      .selectFrom('rule_sets')
      .selectAll()
      .where('status', '=', 'published')
      .where('region_code', 'in', [...regionCodes])
      .execute()
  }

  async nextVersion(db: Executor, regionCode: string): Promise<number> {
    const row = await db
      .selectFrom('rule_sets')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('region_code', '=', regionCode)
      .executeTakeFirst()
    return (row?.v ?? 0) + 1
  }
}

/**
 * Resolves the rule set in force for persons' regions: the published rule set of the nearest
 * region on the way up, else the default preset (FK8). One query per batch.
 */
export async function resolveRuleSets(
  db: Executor,
  regionCodes: readonly string[],
): Promise<Map<string, RuleSet>> {
  const all = new Set<string>()
  for (const c of regionCodes) for (const a of ancestry(c)) all.add(a)
  const published = all.size === 0 ? [] : await new RuleSetsRepository().publishedFor(db, [...all])
  const byRegion = new Map(published.map((r) => [r.region_code, toRuleSet(r)]))
  const out = new Map<string, RuleSet>()
  for (const c of regionCodes) {
    const found = ancestry(c)
      .map((a) => byRegion.get(a))
      .find((r) => r !== undefined)
    out.set(c, found ?? RULE_SET_PRESETS[DEFAULT_EDITION])
  }
  return out
}
