/**
 * `npm run bench -- ingest [--size small|large]`: sustained check-ins/s through the HTTP API in
 * batches of 100 (the offline sync path: every code re-verified, every scan committed before it
 * is acknowledged), on PGlite and on PostgreSQL, next to the raw baseline measured in the same
 * run: the same kind of rows inserted into the same table with `INSERT … SELECT unnest(…)` in
 * large batches (the fastest plain SQL path short of COPY).
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { BenchContext, BenchResult } from './run.js'
import { buildWorld, startNode, type World } from './lib/gate-world.js'
import { runLoad } from './lib/scan-load.js'

const SIZES = {
  small: { people: 3000, codes: 12_000, seconds: 8, clients: 4, rawRows: 100_000 },
  large: { people: 20_000, codes: 60_000, seconds: 30, clients: 6, rawRows: 1_000_000 },
}

async function rawUnnest(world: World, venueId: string, rows: number): Promise<number> {
  const database = await world.open()
  try {
    const region = await database.db
      .selectFrom('venues')
      .select('region_code')
      .where('id', '=', venueId)
      .executeTakeFirstOrThrow()
    const batch = 5000
    const started = performance.now()
    for (let done = 0; done < rows; done += batch) {
      const n = Math.min(batch, rows - done)
      const ids = Array.from({ length: n }, () => randomUUID())
      const times = Array.from({ length: n }, () =>
        new Date(Date.now() - Math.floor(Math.random() * 600_000)).toISOString(),
      )
      await sql`insert into checkins (region_code, venue_id, checked_in_at, source, client_scan_id, decision, colour)
                select ${region.region_code}, ${venueId}::bigint, t, 'gate_scan', id, 'allow', 'green'
                  from unnest(${times}::timestamptz[], ${ids}::uuid[]) as u(t, id)
                on conflict (client_scan_id, checked_in_at) do nothing`.execute(database.db)
    }
    return rows / ((performance.now() - started) / 1000)
  } finally {
    await database.close()
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const size = SIZES[ctx.size]
  const results: Record<
    string,
    { http: number; raw: number; ratio: number; accepted: number; reuse: number }
  > = {}
  for (const kind of ['pglite', 'postgres'] as const) {
    const world = await buildWorld(kind, size.people, size.codes, ctx.log)
    try {
      const node = await startNode(world)
      let load: Awaited<ReturnType<typeof runLoad>>
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
        load = await runLoad({
          url: node.url,
          cookie: node.cookie,
          venueId: world.venueId,
          codes: world.codes,
          clients: size.clients,
          seconds: size.seconds,
          batch: 100,
        })
      } finally {
        await node.stop()
      }
      const http = load.accepted / load.seconds
      ctx.log(
        `${kind}: HTTP ${Math.round(http)} check-ins/s (${load.accepted} accepted, ${load.rejected} rejected)`,
      )
      const raw = await rawUnnest(world, world.venueId, size.rawRows)
      ctx.log(`${kind}: raw unnest ${Math.round(raw)} rows/s`)
      results[kind] = {
        http: Math.round(http),
        raw: Math.round(raw),
        ratio: Math.round((http / raw) * 1000) / 1000,
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
      name: 'INSERT … SELECT unnest, 5000-row batches (PostgreSQL)',
      value: pgResult.raw,
      unit: 'rows/s',
    },
    extra: {
      ...results,
      note: 'each code is scanned ~`reuse` times in the run; a code verified once is cached until the lists change',
    },
  }
}
