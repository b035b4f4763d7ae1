import {
  DEFAULT_EDITION,
  parentRegionCode,
  RULE_SET_PRESETS,
  type Edition,
  type RuleSet,
  type RuleSetParams,
} from '@lianfang/core'
import type { Executor } from '../../db/kit.js'

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

export class RuleSetsRepository {
  list(db: Executor, regionCodes: readonly string[]) {
    return db
      .selectFrom('rule_sets')
      .selectAll()
      .where('region_code', 'in', [...regionCodes])
      .orderBy('region_code')
      .orderBy('version', 'desc')
      .execute()
  }

  find(db: Executor, id: string) {
    return db.selectFrom('rule_sets').selectAll().where('id', '=', id).executeTakeFirst()
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
