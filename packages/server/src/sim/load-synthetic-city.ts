import {
  checkinBatches,
  formatEpochDay,
  householdRecords,
  maskIdNumber,
  parseEpochDay,
  personRecord,
  Rng,
  unitRecords,
  unitsOfPerson,
  venueRecords,
  type SimDistrict,
  type SimPerson,
  type SyntheticCity,
} from '@lianfang/core'
import { sql } from 'kysely'
import type { PiiCipher } from '../crypto/pii-cipher.js'
import type { Database } from '../db/database.js'
import { nationalRegions, RegionsRepository } from '../modules/regions/index.js'
import { csvBytea, csvText, TimestampFormatter } from './csv.js'
import { planLoad, type ReservedIds } from './plan-load.js'

export interface LoadSyntheticCityOptions {
  readonly seed: number
  readonly people: number
  readonly days: number
  /** First simulated local day, YYYY-MM-DD (default: `days` days before today in Asia/Shanghai). */
  readonly startDate?: string
  /** A city-level GB/T 2260 code present in `regions` (e.g. 420100 Wuhan, 110100 Beijing). */
  readonly cityCode: string
  /** Share of visits recorded as check-ins, in (0, 1] (default 1); see SimulationParams.checkinShare. */
  readonly checkinShare?: number
  readonly onProgress?: (progress: LoadProgress) => void
}

export interface LoadProgress {
  readonly table: 'plan' | 'households' | 'venues' | 'units' | 'persons' | 'checkins'
  readonly rows: number
  readonly total: number
}

export interface LoadSyntheticCityResult {
  readonly regions: number
  readonly households: number
  readonly persons: number
  readonly venues: number
  /** Work units of the employers and classes of the schools (CC.SETTINGS 4). */
  readonly units: number
  readonly checkins: number
  /** Wall-clock seconds of the whole load. */
  readonly seconds: number
  /** Seconds per phase (plan = generate, insert regions, reserve ids). */
  readonly timings: { readonly [K in LoadProgress['table']]: number }
  /** Which synthetic population of the city this was (0 = first). */
  readonly population: number
  readonly firstPersonId: number
  readonly startDate: string
}

/** Rows per COPY chunk for the entity tables. */
const CHUNK_ROWS = 5000
const PERSON_COLUMNS = [
  'id',
  'region_code',
  'household_id',
  'name',
  'sex',
  'birth_date',
  'phone',
  'id_type',
  'id_number_enc',
  'id_number_hash',
  'id_number_masked',
  'address',
  'workplace_id',
  'school_id',
  'work_unit_id',
  'class_unit_id',
]
const CHECKIN_COLUMNS = [
  'id',
  'region_code',
  'venue_id',
  'person_id',
  'checked_in_at',
  'checked_out_at',
  'source',
]

/**
 * Loads a synthetic city (core `generateCity`) into the database with COPY: regions (synthetic
 * streets and communities under the city's real districts), households, venues, persons with
 * encrypted, hashed and masked ID numbers, and the check-ins of `days` days into their day
 * partitions. Ids come from ranges reserved in the identity sequences, so a load never collides
 * with existing rows and can be repeated: each load adds a new population with its own streets.
 * Used by `lianfang simulate`, the demo seed of `npm start` and `npm run bench -- simulate`.
 */
export async function loadSyntheticCity(
  database: Database,
  cipher: PiiCipher,
  options: LoadSyntheticCityOptions,
): Promise<LoadSyntheticCityResult> {
  const started = performance.now()
  const progress = options.onProgress ?? (() => undefined)
  const startDate = options.startDate ?? defaultStartDate(options.days, Date.now())
  const districts = await cityDistricts(database, options.cityCode)
  const mark = stopwatch()

  const plan = await planLoad(database, { ...options, startDate }, districts)
  const { city, ids } = plan
  const totalCheckins = plan.checkinsPerDay.reduce((a, b) => a + b, 0)
  progress({ table: 'plan', rows: plan.regions, total: plan.regions })
  const tPlan = mark()

  await database.copyCsv(
    'households',
    ['id', 'region_code', 'address'],
    chunked(
      householdRecords(city),
      (h) => `${ids.household + h.index},${h.regionCode},${csvText(h.address)}\n`,
      (rows) => {
        progress({ table: 'households', rows, total: city.households.count })
      },
    ),
  )
  const tHouseholds = mark()

  await database.copyCsv(
    'venues',
    ['id', 'region_code', 'kind', 'name', 'capacity', 'address'],
    chunked(
      venueRecords(city),
      (v) =>
        `${ids.venue + v.index},${v.regionCode},${v.kind},${csvText(v.name)},${v.capacity},${csvText(v.address)}\n`,
      (rows) => {
        progress({ table: 'venues', rows, total: city.venues.count })
      },
    ),
  )
  const tVenues = mark()

  await database.copyCsv(
    'work_units',
    ['id', 'region_code', 'venue_id', 'kind', 'name'],
    chunked(
      unitRecords(city),
      (u) =>
        `${ids.unit + u.index},${city.venues.regionCode[u.venue] ?? ''},${ids.venue + u.venue},${u.kind},${csvText(u.name)}\n`,
      (rows) => {
        progress({ table: 'units', rows, total: city.units.count })
      },
    ),
  )
  const tUnits = mark()

  // PostgreSQL checks six foreign keys per person row in the server: two COPY streams use both
  // cores. (PGlite is one backend; parallel streams would only queue.)
  const streams = database.kind === 'postgres' ? 2 : 1
  let personsDone = 0
  await Promise.all(
    split(city.persons.count, streams).map(([from, to]) =>
      database.copyCsv(
        'persons',
        PERSON_COLUMNS,
        chunked(
          personRange(city, from, to),
          (p) => personCsv(city, p, ids, cipher),
          (rows) => {
            progress({ table: 'persons', rows: (personsDone += rows), total: city.persons.count })
          },
        ),
      ),
    ),
  )
  const tPersons = mark()

  // Local days in Asia/Shanghai start at 16:00 UTC the day before: one more UTC partition.
  const first = parseEpochDay(startDate)
  for (let day = first - 1; day < first + options.days; day++) {
    await sql`select ensure_checkin_partition(${formatEpochDay(day)}::date)`.execute(database.db)
  }
  // Days alternate between the streams; a day's ids follow from the per-day counts of the plan.
  const dayFirstId: number[] = []
  plan.checkinsPerDay.reduce((next, n, d) => ((dayFirstId[d] = next), next + n), ids.checkin)
  let checkinsDone = 0
  await Promise.all(
    Array.from({ length: Math.min(streams, options.days) }, (_, s) => {
      const days = Array.from({ length: options.days }, (_, d) => d).filter((d) => d % streams === s)
      return database.copyCsv(
        'checkins',
        CHECKIN_COLUMNS,
        checkinCsv(city, ids, days, dayFirstId, (rows) => {
          progress({ table: 'checkins', rows: (checkinsDone += rows), total: totalCheckins })
        }),
      )
    }),
  )
  const tCheckins = mark()

  return {
    regions: plan.regions,
    households: city.households.count,
    persons: city.persons.count,
    venues: city.venues.count,
    units: city.units.count,
    checkins: totalCheckins,
    seconds: (performance.now() - started) / 1000,
    timings: {
      plan: tPlan,
      households: tHouseholds,
      venues: tVenues,
      units: tUnits,
      persons: tPersons,
      checkins: tCheckins,
    },
    population: city.params.population,
    firstPersonId: ids.person,
    startDate,
  }
}

/** The real districts of a city-level region, read from the database. */
async function cityDistricts(database: Database, cityCode: string): Promise<SimDistrict[]> {
  await new RegionsRepository(database).insertMissing(nationalRegions())
  const city = await database.db
    .selectFrom('regions')
    .select(['level'])
    .where('code', '=', cityCode)
    .executeTakeFirst()
  if (!city || city.level !== 'city') {
    throw new Error(`${cityCode} is not a city-level region code (e.g. 420100 for Wuhan, 110100 for Beijing)`)
  }
  const districts = await database.db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('parent_code', '=', cityCode)
    .where('level', '=', 'district')
    .where('synthetic', '=', false)
    .orderBy('code')
    .execute()
  if (districts.length === 0) throw new Error(`city ${cityCode} has no districts in the regions table`)
  return districts
}

/**
 * Lets pending I/O run between chunks. Generating is CPU-bound: when the server takes every chunk
 * at once (no backpressure) the streams never wait, and without this the event loop would not
 * reach its I/O phase until a stream ends — a second COPY connection opened meanwhile gets no
 * startup packet, and the server drops it after `authentication_timeout` (60 s).
 */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve))

/** CSV chunks of CHUNK_ROWS rows, reporting each chunk's row count. */
async function* chunked<T>(
  rows: Iterable<T>,
  line: (row: T) => string,
  report: (rows: number) => void,
): AsyncGenerator<string> {
  let buf = ''
  let n = 0
  for (const row of rows) {
    buf += line(row)
    if (++n === CHUNK_ROWS) {
      yield buf
      buf = ''
      report(n)
      n = 0
      await yieldToIo()
    }
  }
  if (buf) yield buf
  report(n)
}

/** [from, to) ranges splitting `count` into `parts`. */
function split(count: number, parts: number): [number, number][] {
  return Array.from({ length: parts }, (_, i) => [
    Math.floor((i * count) / parts),
    Math.floor(((i + 1) * count) / parts),
  ])
}

function* personRange(city: SyntheticCity, from: number, to: number): Generator<SimPerson> {
  const rng = new Rng(city.key, 0, 0)
  for (let p = from; p < to; p++) yield personRecord(city, p, rng)
}

/**
 * A persons row: the ID number encrypted (AES-GCM), keyed-hashed for look-up and masked; the
 * employer, school and their units.
 */
function personCsv(city: SyntheticCity, p: SimPerson, ids: ReservedIds, cipher: PiiCipher): string {
  const { workUnit, classUnit } = unitsOfPerson(city, p.index)
  return (
    `${ids.person + p.index},${p.regionCode},${ids.household + p.household},${csvText(p.name)},${p.sex},${p.birthDate},` +
    `${p.phone ?? ''},resident,${csvBytea(cipher.encrypt(p.idNumber))},${csvBytea(cipher.lookupHash('resident', p.idNumber))},` +
    `${maskIdNumber('resident', p.idNumber)},${csvText(p.address)},${p.workplace === null ? '' : ids.venue + p.workplace},` +
    `${p.school === null ? '' : ids.venue + p.school},` +
    `${workUnit === null ? '' : ids.unit + workUnit},${classUnit === null ? '' : ids.unit + classUnit}\n`
  )
}

/** Check-in CSV, one chunk per generator batch; ids are consecutive in generation order. */
async function* checkinCsv(
  city: SyntheticCity,
  ids: ReservedIds,
  days: readonly number[],
  dayFirstId: readonly number[],
  report: (rows: number) => void,
): AsyncGenerator<string> {
  const ts = new TimestampFormatter()
  const region = city.venues.regionCode
  let day = -1
  let id = 0
  for (const b of checkinBatches(city, { personsPerBatch: 4096, dayIndexes: days })) {
    if (b.dayIndex !== day) {
      day = b.dayIndex
      id = dayFirstId[day] ?? 0
    }
    let buf = ''
    for (let i = 0; i < b.length; i++) {
      const v = b.venue[i] ?? 0
      buf += `${id++},${region[v] ?? ''},${ids.venue + v},${ids.person + (b.person[i] ?? 0)},${ts.format(b.checkedIn[i] ?? 0)},${ts.format(b.checkedOut[i] ?? 0)},simulated\n`
    }
    if (buf) yield buf
    report(b.length)
    await yieldToIo()
  }
}

function stopwatch(): () => number {
  let last = performance.now()
  return () => {
    const now = performance.now()
    const s = (now - last) / 1000
    last = now
    return s
  }
}

/** `days` days before today (Asia/Shanghai), so the last simulated day is yesterday. */
export function defaultStartDate(days: number, nowMs: number): string {
  const today = Math.floor((nowMs + 8 * 3_600_000) / 86_400_000)
  return formatEpochDay(today - days)
}
