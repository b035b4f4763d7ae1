import type { RiskAreaPeriod } from '@lianfang/contracts'
import { sql, type RawBuilder } from 'kysely'
import { likePrefix, type Executor } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

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

export async function findPeriod(db: Executor, scope: Scope, id: string): Promise<RiskAreaPeriod> {
  const p = await whereInScope(
    db.selectFrom('risk_area_periods as p').innerJoin('regions as r', 'r.code', 'p.region_code'),
    'p.region_code',
    scope,
  )
    .select(periodColumns)
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow()
  return toPeriod(p)
}

/** Periods of areas within the scope, newest first. */
export async function listPeriods(db: Executor, scope: Scope, limit: number): Promise<RiskAreaPeriod[]> {
  const rows = await whereInScope(
    db.selectFrom('risk_area_periods as p').innerJoin('regions as r', 'r.code', 'p.region_code'),
    'p.region_code',
    scope,
  )
    .select(periodColumns)
    .orderBy('p.starts_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toPeriod)
}

/**
 * Who may have been in an area (a region prefix) since `horizon`: declared trips (health codes)
 * and check-ins (entry and exit). For the recompute after a level change.
 */
export function visitorsSince(areaPrefix: string, horizon: Date): RawBuilder<{ person_id: string }> {
  const area = likePrefix(areaPrefix)
  return sql<{
    person_id: string
  }>`select person_id from trips where place_region_code like ${area} and left_at >= ${horizon} and voided_at is null
     union
     select c.person_id from venues v join checkins c on c.venue_id = v.id
      where v.region_code like ${area} and c.checked_in_at >= ${horizon}`
}

/** The periods in force at `at` on any of these regions (exact codes; the caller passes ancestors too). */
export function periodsInForce(
  db: Executor,
  regionCodes: readonly string[],
  at: Date,
): Promise<{ region_code: string; level: RiskLevel }[]> {
  if (regionCodes.length === 0) return Promise.resolve([])
  return db
    .selectFrom('risk_area_periods')
    .select(['region_code', 'level'])
    .where('region_code', 'in', [...regionCodes])
    .where('starts_at', '<=', at)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', at)]))
    .execute()
}
