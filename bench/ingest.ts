/**
 * `npm run bench -- ingest [--size small|large] [--codes N]`: sustained check-ins/s through the
 * HTTP API in batches of 100 (the offline sync path: every code re-verified, every scan committed
 * before it is acknowledged), on PGlite and on PostgreSQL, next to the raw baseline measured in
 * the same run: the same rows inserted into the same table with `INSERT … SELECT unnest(…)` in
 * large batches (the fastest plain SQL path short of COPY).
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { intOption } from './lib/args.js'
import type { BenchContext, BenchResult } from './run.js'
import { buildWorld, databaseCpuMs, startNode, type World } from './lib/gate-world.js'
import { runLoad } from './lib/scan-load.js'

const SIZES = {
  small: { people: 3000, codes: 12_000, seconds: 8, clients: 4, rawRows: 100_000 },
  large: { people: 20_000, codes: 60_000, seconds: 30, clients: 6, rawRows: 1_000_000 },
}

/**
 * The same rows as the HTTP path writes — every column, real persons, subjects, issuer and
 * operator, so the same indexes see the same values — inserted with `INSERT … SELECT unnest(…)`
 * in 5,000-row batches (the fastest plain SQL path short of COPY), one statement per batch.
 */
async function rawUnnest(
  world: World,
  venueId: string,
  rows: number,
): Promise<{ rate: number; seconds: number; dbCpuUs: number }> {
  const database = await world.open()
  try {
    const venue = await database.db
      .selectFrom('venues')
      .select(['region_code', 'kind'])
      .where('id', '=', venueId)
      .executeTakeFirstOrThrow()
    const operator = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', world.username)
      .executeTakeFirstOrThrow()
    const people = await database.db
      .selectFrom('health_codes as h')
      .innerJoin('persons as p', 'p.id', 'h.person_id')
      .select(['p.id', 'p.region_code', 'h.subject_id', 'h.colour'])
      .execute()
    if (people.length === 0) throw new Error('no persons with health codes')
    // The issuer the HTTP run records: the node's own.
    const issuer =
      (
        await sql<{ issuer: string }>`select issuer from signing_keys order by issuer limit 1`.execute(
          database.db,
        )
      ).rows[0]?.issuer ?? null
    // The day partitions the rows fall in (the writer creates them on first use; this may run first).
    for (const ms of [Date.now(), Date.now() - 600_000])
      await sql`select ensure_checkin_partition(${new Date(ms).toISOString().slice(0, 10)}::date)`.execute(
        database.db,
      )
    const batch = 5000
    const cpu0 = await databaseCpuMs(world)
    const started = performance.now()
    for (let done = 0; done < rows; done += batch) {
      const n = Math.min(batch, rows - done)
      const who = Array.from(
        { length: n },
        () => people[Math.floor(Math.random() * people.length)] ?? people[0],
      )
      const col = <T>(f: (p: (typeof people)[number], i: number) => T) =>
        who.map((p, i) => (p ? f(p, i) : null))
      await sql`insert into checkins (region_code, venue_id, person_id, checked_in_at, source, client_scan_id, direction,
                                      decision, deny_reason, colour, resident, companion_person_id, operator_user_id,
                                      issuer, subject, seat)
                select * from unnest(
                  ${col(() => venue.region_code)}::text[], ${col(() => venueId)}::bigint[], ${col((p) => p.id)}::bigint[],
                  ${col(() => new Date(Date.now() - Math.floor(Math.random() * 600_000)).toISOString())}::timestamptz[],
                  ${col(() => 'gate_scan')}::text[], ${col(() => randomUUID())}::uuid[], ${col(() => 'in')}::text[],
                  ${col((p) => (p.colour === 'green' ? 'allow' : 'deny'))}::text[],
                  ${col((p) => (p.colour === 'green' ? null : `${p.colour}_code`))}::text[], ${col((p) => p.colour)}::text[],
                  ${col((p) => (venue.kind === 'residential_gate' ? p.region_code.startsWith(venue.region_code.slice(0, 6)) : null))}::boolean[],
                  ${col(() => null)}::bigint[], ${col(() => operator.id)}::bigint[], ${col(() => issuer)}::text[],
                  ${col((p) => p.subject_id)}::text[], ${col(() => null)}::jsonb[])
                on conflict (client_scan_id, checked_in_at) do nothing`.execute(database.db)
    }
    const seconds = (performance.now() - started) / 1000
    return { rate: rows / seconds, seconds, dbCpuUs: ((await databaseCpuMs(world)) - cpu0) * 1000 }
  } finally {
    await database.close()
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  // `--codes N`: the pool of distinct codes the clients cycle through (fewer codes, more reuse; a
  // code's signature is checked once, then memoized).
  const size = { ...SIZES[ctx.size], codes: intOption(ctx.args, 'codes', SIZES[ctx.size].codes) }
  const results: Record<
    string,
    {
      http: number
      raw: number
      raw_before_after: number[]
      ratio: number
      cpu_us_per_row: { http_server: number; http_database: number | null; raw_database: number | null }
      accepted: number
      reuse: number
    }
  > = {}
  for (const kind of ['pglite', 'postgres'] as const) {
    const world = await buildWorld(kind, size.people, size.codes, ctx.log)
    try {
      // The baseline in two halves, before and after the HTTP load, so that a machine whose
      // speed drifts during the run (a shared one does) moves both figures alike.
      const rawBefore = await rawUnnest(world, world.venueId, size.rawRows / 2)
      const node = await startNode(world)
      let load: Awaited<ReturnType<typeof runLoad>>
      let cpu: { server: number; db: number }
      try {
        ctx.log(`${kind}: ${size.clients} clients × batches of 100 for ${size.seconds} s`)
        await runLoad({
          url: node.url,
          cookie: node.cookie,
          venueId: world.venueId,
          codes: world.codes,
          clients: size.clients,
          seconds: 2,
          batch: 100,
        })
        const cpu0 = { server: node.cpuMs(), db: await databaseCpuMs(world) }
        load = await runLoad({
          url: node.url,
          cookie: node.cookie,
          venueId: world.venueId,
          codes: world.codes,
          clients: size.clients,
          seconds: size.seconds,
          batch: 100,
        })
        cpu = {
          server: (node.cpuMs() - cpu0.server) * 1000,
          db: ((await databaseCpuMs(world)) - cpu0.db) * 1000,
        }
      } finally {
        await node.stop()
      }
      const http = load.accepted / load.seconds
      ctx.log(
        `${kind}: HTTP ${Math.round(http)} check-ins/s (${load.accepted} accepted, ${load.rejected} rejected)`,
      )
      const rawAfter = await rawUnnest(world, world.venueId, size.rawRows / 2)
      const raw = {
        rate: size.rawRows / (rawBefore.seconds + rawAfter.seconds),
        dbCpuUs: rawBefore.dbCpuUs + rawAfter.dbCpuUs,
      }
      ctx.log(
        `${kind}: raw unnest ${Math.round(raw.rate)} rows/s (before ${Math.round(rawBefore.rate)}, after ${Math.round(rawAfter.rate)})`,
      )
      const perRow = (us: number, rows: number) => Math.round((us / rows) * 10) / 10
      results[kind] = {
        http: Math.round(http),
        raw: Math.round(raw.rate),
        raw_before_after: [Math.round(rawBefore.rate), Math.round(rawAfter.rate)],
        ratio: Math.round((http / raw.rate) * 1000) / 1000,
        // CPU per row (µs): robust where throughput is not, on a shared machine.
        cpu_us_per_row: {
          http_server: perRow(cpu.server, load.accepted),
          http_database: kind === 'postgres' ? perRow(cpu.db, load.accepted) : null,
          raw_database: kind === 'postgres' ? perRow(raw.dbCpuUs, size.rawRows) : null,
        },
        accepted: load.accepted,
        reuse: Math.round((load.accepted / size.codes) * 10) / 10,
      }
    } finally {
      await world.dispose()
    }
  }
  const pgResult = results['postgres']
  if (!pgResult) throw new Error('no PostgreSQL result')
  return {
    figure: {
      name: 'HTTP batch ingestion (PostgreSQL, batches of 100, codes verified)',
      value: pgResult.http,
      unit: 'check-ins/s',
    },
    baseline: {
      name: 'the same rows by INSERT … SELECT unnest, 5000-row batches (PostgreSQL)',
      value: pgResult.raw,
      unit: 'rows/s',
    },
    extra: {
      ...results,
      note: 'each code is scanned ~`reuse` times in the run; a code verified once is cached until the lists change',
    },
  }
}
