import type { RiskAreaPeriod } from '@lianfang/contracts'
import { likePrefix, type Executor } from '../../db/kit.js'

export type RiskLevel = RiskAreaPeriod['level']

/** Periods at medium or high risk not ended before `horizon` (few rows: for grading trips). */
export function activePeriods(
  db: Executor,
  horizon: Date,
): Promise<{ region_code: string; level: string; starts_at: Date; ends_at: Date | null }[]> {
  return db
    .selectFrom('risk_area_periods')
    .select(['region_code', 'level', 'starts_at', 'ends_at'])
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', horizon)]))
    .where('level', '!=', 'low')
    .execute()
}

export function openPeriod(db: Executor, regionCode: string) {
  return db
    .selectFrom('risk_area_periods')
    .select(['id', 'starts_at'])
    .where('region_code', '=', regionCode)
    .where('ends_at', 'is', null)
    .executeTakeFirst()
}

export async function closePeriod(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('risk_area_periods').set({ ends_at: at }).where('id', '=', id).execute()
}

export async function insertPeriod(
  db: Executor,
  p: { regionCode: string; level: RiskLevel; startsAt: Date; setBy: string },
): Promise<string> {
  const row = await db
    .insertInto('risk_area_periods')
    .values({ region_code: p.regionCode, level: p.level, starts_at: p.startsAt, set_by: p.setBy })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const periodColumns = ['p.id', 'p.region_code', 'r.name', 'p.level', 'p.starts_at', 'p.ends_at'] as const

function toPeriod(p: {
  id: string
  region_code: string
  name: string
  level: string
  starts_at: Date
  ends_at: Date | null
}): RiskAreaPeriod {
  return {
    id: p.id,
    regionCode: p.region_code,
    regionName: p.name,
    level: p.level as RiskLevel,
    startsAt: p.starts_at.toISOString(),
    endsAt: p.ends_at?.toISOString() ?? null,
  }
}

export async function findPeriod(db: Executor, id: string): Promise<RiskAreaPeriod> {
  const p = await db
    .selectFrom('risk_area_periods as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(periodColumns)
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow()
  return toPeriod(p)
}

/** Periods of areas under a region prefix, newest first. */
export async function listPeriods(db: Executor, prefix: string, limit: number): Promise<RiskAreaPeriod[]> {
  const rows = await db
    .selectFrom('risk_area_periods as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(periodColumns)
    .where('p.region_code', 'like', likePrefix(prefix))
    .orderBy('p.starts_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toPeriod)
}
