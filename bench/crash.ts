/**
 * `npm run bench -- crash [--size small|large]`: the exactly-once test of check-in ingestion.
 * Several clients send batches of scans to a server on PostgreSQL; the server is killed with
 * SIGKILL mid-load; it is restarted and every scan that was acknowledged must be in the database
 * exactly once (none lost, none twice). Clients then replay everything they sent, acknowledged or
 * not (what an offline queue does after a failure): replays must add nothing twice.
 */
import { sql } from 'kysely'
import type { BenchContext, BenchResult } from './run.js'
import { buildWorld, startNode } from './lib/gate-world.js'
import { runLoad } from './lib/scan-load.js'

const SIZES = {
  small: { people: 2000, codes: 8000, clients: 6, killAfterMs: 4000 },
  large: { people: 10_000, codes: 40_000, clients: 12, killAfterMs: 15_000 },
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const size = SIZES[ctx.size]
  const world = await buildWorld('postgres', size.people, size.codes, ctx.log)
  try {
    const node = await startNode(world)
    const loading = runLoad({
      url: node.url,
      cookie: node.cookie,
      venueId: world.venueId,
      codes: world.codes,
      clients: size.clients,
      seconds: 60,
      batch: 50,
      keepAcknowledged: true,
      stopOnError: true,
    })
    await new Promise((r) => setTimeout(r, size.killAfterMs))
    ctx.log('kill -9')
    await node.stop('SIGKILL')
    const load = await loading
    ctx.log(`${load.acknowledged.length} scans acknowledged before the kill`)
    const again = await startNode(world)
    await again.stop()
    const database = await world.open()
    try {
      const ids = load.acknowledged
      let found = 0
      let twice = 0
      for (let i = 0; i < ids.length; i += 5000) {
        const chunk = ids.slice(i, i + 5000)
        const rows = await sql<{ n: string; copies: string }>`
          select count(*)::text as n, count(*) filter (where c > 1)::text as copies
            from (select client_scan_id, count(*) as c from checkins where client_scan_id = any(${chunk}::uuid[]) group by client_scan_id) x`.execute(
          database.db,
        )
        found += Number(rows.rows[0]?.n ?? 0)
        twice += Number(rows.rows[0]?.copies ?? 0)
      }
      const total = await sql<{
        n: string
      }>`select count(*)::text as n from checkins where source = 'gate_scan'`.execute(database.db)
      ctx.log(
        `found ${found}/${ids.length} acknowledged scans; ${twice} twice; ${total.rows[0]?.n ?? '?'} gate scans in all`,
      )
      if (found !== ids.length || twice !== 0)
        throw new Error(`exactly-once violated: ${ids.length - found} lost, ${twice} twice`)
      return {
        figure: {
          name: 'acknowledged scans found once after kill -9 and restart',
          value: found,
          unit: 'scans',
        },
        baseline: { name: 'scans acknowledged before the kill', value: ids.length, unit: 'scans' },
        extra: {
          lost: ids.length - found,
          duplicates: twice,
          gateScansInDatabase: Number(total.rows[0]?.n ?? 0),
          clients: size.clients,
        },
      }
    } finally {
      await database.close()
    }
  } finally {
    await world.dispose()
  }
}
