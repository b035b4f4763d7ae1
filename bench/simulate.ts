/**
 * `npm run bench -- simulate [--size small|large] [--keep]`: loads a synthetic city into
 * PostgreSQL and into an on-disk PGlite with `loadSyntheticCity` and reports persons/s and
 * check-ins/s. Baseline, in the same run and database: a raw COPY (pg-copy-streams) of the same
 * number of pre-generated check-in rows into a plain table with the same indexes.
 *
 * PostgreSQL: BENCH_DATABASE_URL, or a database `lianfang_bench` created (and dropped afterwards
 * unless --keep) on postgres://postgres@127.0.0.1:5432.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import {
  loadSyntheticCity,
  migrate,
  openDatabase,
  PiiCipher,
  type Database,
  type LoadSyntheticCityResult,
} from '@lianfang/server'
import type { BenchContext, BenchResult } from './run.js'

const SIZES = {
  small: { postgres: { people: 20_000, days: 3 }, pglite: { people: 20_000, days: 3 } },
  large: { postgres: { people: 1_000_000, days: 14 }, pglite: { people: 100_000, days: 14 } },
} as const
const SEED = 2020
const CITY = '420100'
const START = '2026-11-02'
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

interface Loaded {
  readonly result: LoadSyntheticCityResult
  readonly personsPerSecond: number
  readonly checkinsPerSecond: number
}

async function load(
  database: Database,
  people: number,
  days: number,
  log: (m: string) => void,
): Promise<Loaded> {
  const cipher = new PiiCipher(new Uint8Array(32).fill(42))
  let last = 0
  const result = await loadSyntheticCity(database, cipher, {
    seed: SEED,
    people,
    days,
    startDate: START,
    cityCode: CITY,
    onProgress: (p) => {
      if (Date.now() - last < 5000 && p.rows < p.total) return
      last = Date.now()
      log(`${database.kind} ${p.table} ${p.rows}/${p.total}`)
    },
  })
  return {
    result,
    personsPerSecond: Math.round(result.persons / result.timings.persons),
    checkinsPerSecond: Math.round(result.checkins / result.timings.checkins),
  }
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Writes `rows` check-in rows shaped like the simulation's (day by day, persons in order) to a file. */
async function writeBaselineCsv(
  file: string,
  rows: number,
  people: number,
  days: number,
  venues: number,
): Promise<void> {
  const out = createWriteStream(file)
  const perDay = Math.ceil(rows / days)
  const dayStart = Date.parse(`${START}T00:00:00+08:00`)
  let state = 12345
  const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296
  let written = 0
  let buf = ''
  for (let d = 0; d < days && written < rows; d++) {
    for (let j = 0; j < perDay && written < rows; j++, written++) {
      const person = 1 + Math.floor((j * people) / perDay)
      const t = dayStart + d * 86_400_000 + Math.floor((6 + rand() * 17) * 3600) * 1000
      buf += `${written + 1},420102001001,${1 + Math.floor(rand() * venues)},${person},${new Date(t).toISOString()},${new Date(t + 1_800_000).toISOString()},simulated\n`
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await once(out, 'drain')
        buf = ''
      }
    }
  }
  out.end(buf)
  await once(out, 'finish')
}

/** Raw COPY of the pre-generated file into a plain (unpartitioned) table with the checkins indexes. */
async function rawCopy(url: string, file: string, rows: number, log: (m: string) => void): Promise<number> {
  return withAdmin(url, async (client) => {
    await client.query(`DROP TABLE IF EXISTS bench_raw_checkins`)
    await client.query(`CREATE TABLE bench_raw_checkins (
      id bigint NOT NULL, region_code text NOT NULL, venue_id bigint NOT NULL, person_id bigint NOT NULL,
      checked_in_at timestamptz NOT NULL, checked_out_at timestamptz, source text NOT NULL,
      PRIMARY KEY (checked_in_at, id))`)
    await client.query(`CREATE INDEX ON bench_raw_checkins (venue_id, checked_in_at)`)
    await client.query(`CREATE INDEX ON bench_raw_checkins (person_id, checked_in_at)`)
    log(`baseline: raw COPY of ${rows} rows`)
    const t0 = performance.now()
    await pipeline(
      createReadStream(file, { highWaterMark: 1 << 20 }),
      client.query(
        copyFrom(
          `COPY bench_raw_checkins (id, region_code, venue_id, person_id, checked_in_at, checked_out_at, source) FROM STDIN WITH (FORMAT csv)`,
        ),
      ),
    )
    const seconds = (performance.now() - t0) / 1000
    await client.query(`DROP TABLE bench_raw_checkins`)
    return Math.round(rows / seconds)
  })
}

export async function run({ size, args, log }: BenchContext): Promise<BenchResult> {
  const keep = args.includes('--keep')
  const sizes = SIZES[size]
  let peakRss = 0
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250)
  sampler.unref()
  const tmp = await mkdtemp(join(tmpdir(), 'lianfang-bench-'))

  let url = process.env['BENCH_DATABASE_URL']
  const created = !url
  if (!url) {
    await withAdmin(ADMIN_URL, async (c) => {
      await c.query('DROP DATABASE IF EXISTS lianfang_bench')
      await c.query('CREATE DATABASE lianfang_bench')
    })
    url = ADMIN_URL.replace(/\/postgres$/, '/lianfang_bench')
  }
  try {
    const { people, days } = sizes.postgres
    log(`PostgreSQL: ${people} persons × ${days} days`)
    const database = await openDatabase({ url, poolSize: 4 })
    let pgLoad: Loaded
    try {
      await migrate(database)
      pgLoad = await load(database, people, days, log)
    } finally {
      await database.close()
    }
    log(`PostgreSQL: ${pgLoad.personsPerSecond} persons/s, ${pgLoad.checkinsPerSecond} check-ins/s`)

    const csv = join(tmp, 'baseline.csv')
    await writeBaselineCsv(csv, pgLoad.result.checkins, people, days, pgLoad.result.venues)
    const raw = await rawCopy(url, csv, pgLoad.result.checkins, log)
    await rm(csv)
    log(`baseline: ${raw} rows/s`)

    const lite = sizes.pglite
    log(`PGlite (on disk): ${lite.people} persons × ${lite.days} days`)
    const liteDb = await openDatabase({ dataDir: join(tmp, 'pgdata') })
    let liteLoad: Loaded
    try {
      await migrate(liteDb)
      liteLoad = await load(liteDb, lite.people, lite.days, log)
    } finally {
      await liteDb.close()
    }
    log(`PGlite: ${liteLoad.personsPerSecond} persons/s, ${liteLoad.checkinsPerSecond} check-ins/s`)

    const summary = (l: Loaded, p: { people: number; days: number }) => ({
      people: p.people,
      days: p.days,
      persons: l.result.persons,
      households: l.result.households,
      venues: l.result.venues,
      checkins: l.result.checkins,
      personsPerSecond: l.personsPerSecond,
      checkinsPerSecond: l.checkinsPerSecond,
      seconds: Math.round(l.result.seconds * 10) / 10,
      timings: Object.fromEntries(
        Object.entries(l.result.timings).map(([k, v]) => [k, Math.round(v * 10) / 10]),
      ),
    })
    return {
      figure: {
        name: 'simulate: check-ins loaded into PostgreSQL',
        value: pgLoad.checkinsPerSecond,
        unit: 'rows/s',
      },
      baseline: {
        name: 'raw COPY of pre-generated check-in CSV into a plain indexed table',
        value: raw,
        unit: 'rows/s',
      },
      extra: {
        postgres: summary(pgLoad, sizes.postgres),
        pglite: summary(liteLoad, sizes.pglite),
        peakRssMB: Math.round(peakRss / 1e6),
      },
    }
  } finally {
    clearInterval(sampler)
    await rm(tmp, { recursive: true, force: true })
    if (created && !keep) await withAdmin(ADMIN_URL, (c) => c.query('DROP DATABASE IF EXISTS lianfang_bench'))
  }
}
