/**
 * A dedicated, kept PostgreSQL database per benchmark and size (`lianfang_bench_<name>_<size>`),
 * reused while its synthetic city matches what the benchmark asks for, so reruns skip the load;
 * plus the server's services built on it the way `createServices` builds them for the app.
 *
 * Server: BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres, trust auth).
 * Not `lianfang_bench`: `npm run bench -- simulate` drops that one when it finishes.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { sql } from 'kysely'
import {
  createServices,
  loadConfig,
  loadSyntheticCity,
  migrate,
  openDatabase,
  type Database,
  type LoadSyntheticCityResult,
  type Services,
} from '@lianfang/server'
import type { Role } from '@lianfang/core'
import type { SessionUser } from '../../packages/server/src/auth/session-user.js'

export const ADMIN_URL = process.env['BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** A fixed master secret: the ID numbers of a kept city stay readable across runs. */
export const BENCH_SECRET = 'c'.repeat(64)

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL)
  u.pathname = `/${name}`
  return u.toString()
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Creates database `name` if missing (dropping it first when `rebuild`); true when it was (re)created. */
export async function ensureDatabase(name: string, rebuild: boolean): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`)
  return withAdmin(async (c) => {
    if (rebuild) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    const exists = await c.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount) return false
    await c.query(`CREATE DATABASE ${name}`)
    return true
  })
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}

/** What a kept city was built from, and what the load gave. */
export interface CityMeta {
  readonly people: number
  readonly days: number
  readonly checkinShare: number
  readonly seed: number
  readonly cityCode: string
  readonly startDate: string
  readonly persons: number
  readonly checkins: number
  readonly venues: number
  readonly households: number
  readonly firstPersonId: number
  readonly loadSeconds: number
  readonly loadedAt: string
}

export type CitySpec = Pick<CityMeta, 'people' | 'days' | 'checkinShare' | 'seed' | 'cityCode'>

async function readMeta(database: Database, key: string): Promise<CityMeta | undefined> {
  await sql`create table if not exists bench_meta (key text primary key, value jsonb not null)`.execute(
    database.db,
  )
  const r = await sql<{
    value: CityMeta
  }>`select value from bench_meta where key = ${key}`.execute(database.db)
  return r.rows[0]?.value
}

async function writeMeta(database: Database, key: string, value: CityMeta): Promise<void> {
  await sql`insert into bench_meta (key, value) values (${key}, ${JSON.stringify(value)}::jsonb)
            on conflict (key) do update set value = excluded.value`.execute(database.db)
}

export interface BenchNode {
  readonly database: Database
  readonly services: Services
  readonly city: CityMeta
  /** True when the city was loaded in this run (false: reused). */
  readonly loaded: boolean
}

export function benchServices(database: Database): Services {
  const config = loadConfig({
    LIANFANG_SECRET: BENCH_SECRET,
    LIANFANG_DATA_DIR: mkdtempSync(join(tmpdir(), 'lianfang-bench-cfg-')),
    LOG_LEVEL: 'warn',
  })
  return createServices(config, database)
}

/**
 * Opens (PostgreSQL: `url`; PGlite: `dataDir`), migrates, and loads the synthetic city unless the
 * database already holds exactly this one (recorded in `bench_meta`). A database holding another
 * city is refused (`openKeptCity` with rebuild replaces it); `empty` says whether the database
 * is known to be empty when no city is recorded (else a half-done load is refused too).
 */
export async function openCity(
  open: { url: string; poolSize?: number } | { dataDir: string },
  spec: CitySpec,
  log: (m: string) => void,
  startDate: string,
): Promise<BenchNode> {
  const database = await openDatabase(open)
  try {
    await migrate(database)
    const services = benchServices(database)
    const key = 'city'
    const meta = await readMeta(database, key)
    const same =
      meta !== undefined &&
      meta.people === spec.people &&
      meta.days === spec.days &&
      meta.checkinShare === spec.checkinShare &&
      meta.seed === spec.seed &&
      meta.cityCode === spec.cityCode
    if (same) {
      log(
        `${database.kind}: reusing the city loaded ${meta.loadedAt} (${meta.persons} persons, ${meta.checkins} check-ins from ${meta.startDate})`,
      )
      return { database, services, city: meta, loaded: false }
    }
    // Any row of a load (households and venues are committed before persons) means a load was cut.
    const leftover = await sql<{ any: boolean }>`select exists (select 1 from households)
      or exists (select 1 from venues) or exists (select 1 from persons) as any`.execute(database.db)
    if (meta || leftover.rows[0]?.any) {
      throw new StaleCityError(
        meta
          ? `this database holds another city (${JSON.stringify(meta)}); run with --rebuild to replace it`
          : 'this database holds rows of a load but no finished bench city (an interrupted load?)',
      )
    }
    log(
      `${database.kind}: loading ${spec.people} persons × ${spec.days} days (check-in share ${spec.checkinShare}) from ${startDate}`,
    )
    let last = 0
    const result: LoadSyntheticCityResult = await loadSyntheticCity(database, services.cipher, {
      seed: spec.seed,
      people: spec.people,
      days: spec.days,
      startDate,
      cityCode: spec.cityCode,
      checkinShare: spec.checkinShare,
      onProgress: (p) => {
        if (Date.now() - last < 10_000 && p.rows < p.total) return
        last = Date.now()
        log(`${database.kind} ${p.table} ${p.rows}/${p.total}`)
      },
    })
    log(`${database.kind}: loaded in ${result.seconds.toFixed(1)} s; vacuum analyze`)
    // What autovacuum would have done by the time anyone investigates: statistics, visibility map.
    if (database.kind === 'postgres') await database.exec('VACUUM (ANALYZE)')
    else await database.exec('ANALYZE')
    const city: CityMeta = {
      ...spec,
      startDate: result.startDate,
      persons: result.persons,
      checkins: result.checkins,
      venues: result.venues,
      households: result.households,
      firstPersonId: result.firstPersonId,
      loadSeconds: Math.round(result.seconds * 10) / 10,
      loadedAt: new Date().toISOString(),
    }
    await writeMeta(database, key, city)
    return { database, services, city, loaded: true }
  } catch (e) {
    await database.close()
    throw e
  }
}

class StaleCityError extends Error {}

/**
 * The kept PostgreSQL database `name` with the city `spec`: reused when it holds exactly that
 * city; (re)created and loaded when missing, when `rebuild`, or when an earlier load was
 * interrupted; refused when it holds another city (pass rebuild).
 */
export async function openKeptCity(
  name: string,
  spec: CitySpec,
  rebuild: boolean,
  log: (m: string) => void,
  startDate: string,
): Promise<BenchNode> {
  await ensureDatabase(name, rebuild)
  try {
    return await openCity({ url: databaseUrl(name), poolSize: 4 }, spec, log, startDate)
  } catch (e) {
    if (!(e instanceof StaleCityError) || e.message.includes('--rebuild')) throw e
    log(`${name}: ${e.message}; recreating it`)
    await ensureDatabase(name, true)
    return openCity({ url: databaseUrl(name), poolSize: 4 }, spec, log, startDate)
  }
}

/** A user of `role` in `regionCode` (created once), as the guard would hand it to a service. */
export async function benchUser(services: Services, role: Role, regionCode: string): Promise<SessionUser> {
  const username = `bench_${role}_${regionCode}`
  const db = services.database.db
  let row = await db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirst()
  if (!row) {
    const created = await services.auth.createUser(null, {
      username,
      displayName: `bench ${role}`,
      password: 'bench-password-123',
      role,
      regionCode,
    })
    row = { id: created.id }
  }
  return {
    id: row.id,
    username,
    displayName: `bench ${role}`,
    role,
    regionCode,
    personId: null,
    sessionId: 'bench',
  }
}
