import {
  generateCity,
  cityRegions,
  countCheckins,
  MAX_POPULATIONS,
  STREETS_PER_POPULATION,
  type SimDistrict,
  type SyntheticCity,
} from '@lianfang/core'
import type { Database, RawSession } from '../db/database.js'

/** pg_advisory_lock key held while a load picks its street block and reserves ids. */
const SIMULATE_LOCK = 731_415_927

/** First ids of the ranges reserved for one load (ids = first + local index). */
export interface ReservedIds {
  readonly household: number
  readonly venue: number
  /** Work units and classes (`work_units`). */
  readonly unit: number
  readonly person: number
  readonly checkin: number
}

export interface LoadPlan {
  readonly city: SyntheticCity
  readonly ids: ReservedIds
  readonly checkinsPerDay: readonly number[]
  readonly regions: number
}

/**
 * The part of a load that must not race another load or the server's own inserts, done on one
 * locked session: pick the first street block no existing street of the city uses (so a second
 * load gets streets, communities and ID sequence numbers of its own), generate the city,
 * insert its synthetic regions, and reserve id ranges from the identity sequences of
 * households, venues, work units, persons and check-ins under a table lock (no concurrent insert can draw
 * a value inside a range between nextval and setval).
 */
export async function planLoad(
  database: Database,
  params: {
    seed: number
    people: number
    days: number
    startDate: string
    cityCode: string
    checkinShare?: number
  },
  districts: readonly SimDistrict[],
): Promise<LoadPlan> {
  return database.withLockedSession(SIMULATE_LOCK, async (session) => {
    const streets = await session.query<{ code: string }>(
      `select code from regions where level = 'street' and code like $1`,
      [`${params.cityCode.slice(0, 4)}%`],
    )
    const used = new Set(
      streets.map((s) => Math.floor((Number(s.code.slice(6)) - 1) / STREETS_PER_POPULATION)),
    )
    let population = 0
    while (used.has(population)) population++
    if (population >= MAX_POPULATIONS) {
      throw new Error(
        `city ${params.cityCode} already holds ${MAX_POPULATIONS} synthetic populations; no street numbers left`,
      )
    }
    const city = generateCity({ ...params, districts, population })
    const regions = cityRegions(city)
    for (let i = 0; i < regions.length; i += 1000) {
      const values = regions
        .slice(i, i + 1000)
        .map((r) => `(${lit(r.code)}, ${lit(r.parentCode)}, ${lit(r.level)}, ${lit(r.name)}, true)`)
      await session.exec(
        `insert into regions (code, parent_code, level, name, synthetic) values ${values.join(',\n')}`,
      )
    }
    const checkinsPerDay = countCheckins(city)
    const checkins = checkinsPerDay.reduce((a, b) => a + b, 0)
    await session.exec('BEGIN')
    try {
      await session.exec(
        'LOCK TABLE households, venues, work_units, persons, checkins IN SHARE ROW EXCLUSIVE MODE',
      )
      const ids: ReservedIds = {
        household: await reserve(session, 'households', city.households.count),
        venue: await reserve(session, 'venues', city.venues.count),
        unit: await reserve(session, 'work_units', city.units.count),
        person: await reserve(session, 'persons', city.persons.count),
        checkin: await reserve(session, 'checkins', checkins),
      }
      await session.exec('COMMIT')
      return { city, ids, checkinsPerDay, regions: regions.length }
    } catch (e) {
      await session.exec('ROLLBACK')
      throw e
    }
  })
}

/** Takes `n` consecutive values of the table's id sequence; returns the first. */
async function reserve(session: RawSession, table: string, n: number): Promise<number> {
  const rows = await session.query<{ first: string }>(
    `select (setval(s, nextval(s) + $1::bigint - 1) - $1::bigint + 1)::text as first
       from (select pg_get_serial_sequence($2, 'id')::regclass as s) q`,
    [Math.max(1, n), table],
  )
  const first = Number(rows[0]?.first)
  if (!Number.isSafeInteger(first + n)) throw new Error(`${table} ids beyond 2^53 cannot be reserved`)
  return first
}

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}
