/**
 * `npm run bench -- posters [--size small|large] [--pglite] [--venues N] [--batch N] [--samples N]`:
 * does one client printing posters hold up everyone else? The real server (`lianfang serve`, a child
 * process; PostgreSQL unless `--pglite`) with `--venues` venues (161: the admin) in a checkpoint
 * account's region. Baseline: `/healthz` p50 while the server is idle. Figure: `/healthz` p50 while
 * one client loops `GET /api/venues/posters.pdf` of `--batch` venues (a different random set each
 * time, so no request is answered from a cache), in the same run. Extra: the same with the client
 * looping one fixed set (what a cache can serve), and `/healthz` while the client asks for all the
 * venues at once (the worst single request), with the PDF render rate of each phase.
 *
 * Issue #14 measured /healthz p50 5.8 ms idle and 168 ms under a looping client, and stalls of up
 * to 4 s for 161 venues in one PDF.
 */
import type { BenchContext, BenchResult } from './run.js'
import { buildWorld, startNode, type RunningNode } from './lib/gate-world.js'
import { intOption } from './lib/args.js'
import { seededRandom, show, summarize, type Summary } from './lib/latency.js'

const SIZES = { small: { samples: 150 }, large: { samples: 600 } } as const

/** One `/healthz` round trip (ms). */
async function probe(url: string): Promise<number> {
  const t0 = performance.now()
  const res = await fetch(`${url}/healthz`)
  await res.arrayBuffer()
  return performance.now() - t0
}

/** `n` probes 20 ms apart (a monitor's view, not a flood). */
async function probes(url: string, n: number): Promise<Summary> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    times.push(await probe(url))
    await new Promise((r) => setTimeout(r, 20))
  }
  return summarize(times)
}

interface Loop {
  stop(): Promise<{ pdfs: number; pages: number; seconds: number; statuses: Record<string, number> }>
}

/** A client asking for poster PDFs back to back, each of the venue ids `next()` gives. */
function loopPosters(node: RunningNode, next: () => readonly string[]): Loop {
  let running = true
  let pdfs = 0
  let pages = 0
  const statuses: Record<string, number> = {}
  const t0 = performance.now()
  const done = (async () => {
    while (running) {
      const ids = next()
      const res = await fetch(`${node.url}/api/venues/posters.pdf?ids=${ids.join(',')}`, {
        headers: { cookie: node.cookie },
      })
      await res.arrayBuffer()
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
      if (res.ok) {
        pdfs++
        pages += ids.length
      } else await new Promise((r) => setTimeout(r, 50))
    }
  })()
  return {
    async stop() {
      running = false
      await done
      return { pdfs, pages, seconds: (performance.now() - t0) / 1000, statuses }
    },
  }
}

export async function run({ size, args, log }: BenchContext): Promise<BenchResult> {
  const kind = args.includes('--pglite') ? 'pglite' : 'postgres'
  const venueCount = intOption(args, 'venues', 161)
  const batch = Math.min(venueCount, intOption(args, 'batch', 20))
  const samples = intOption(args, 'samples', SIZES[size].samples)
  const world = await buildWorld(kind, 200, 0, log)
  const db = await world.open()
  const region = await db.db
    .selectFrom('venues')
    .select('region_code')
    .where('id', '=', world.venueId)
    .executeTakeFirstOrThrow()
  const rows = await db.db
    .insertInto('venues')
    .values(
      Array.from({ length: venueCount - 1 }, (_, i) => ({
        region_code: region.region_code,
        kind: 'restaurant' as const,
        name: `联防测试餐馆 ${String(i + 1)} 号店（江汉路步行街）`,
      })),
    )
    .returning('id')
    .execute()
  await db.close()
  const ids = [world.venueId, ...rows.map((r) => r.id)]
  log(`${kind}: ${ids.length} venues; starting the server`)
  const node = await startNode(world)
  try {
    // Warm up: fonts read, code paths compiled — four different sets, so that a cache cannot
    // answer them and the drawing code (in a worker or not) is compiled.
    for (let i = 0; i < 4; i++) {
      const set = ids.slice(i * batch, (i + 1) * batch)
      await fetch(`${node.url}/api/venues/posters.pdf?ids=${set.join(',')}`, {
        headers: { cookie: node.cookie },
      }).then((r) => r.arrayBuffer())
    }
    await probes(node.url, 20)

    const idle = await probes(node.url, samples)
    log(`idle /healthz: ${show(idle)}`)

    const rnd = seededRandom(14)
    const randomSet = () => {
      const pick = new Set<string>()
      while (pick.size < batch) pick.add(ids[Math.floor(rnd() * ids.length)] ?? '')
      return [...pick]
    }
    const busyLoop = loopPosters(node, randomSet)
    const busy = await probes(node.url, samples)
    const busyRate = await busyLoop.stop()
    log(`/healthz while a client loops ${batch}-venue PDFs (new set each time): ${show(busy)}`)
    log(`  ${JSON.stringify(busyRate)}`)

    const fixed = ids.slice(0, batch)
    const sameLoop = loopPosters(node, () => fixed)
    const same = await probes(node.url, samples)
    const sameRate = await sameLoop.stop()
    log(`/healthz while a client loops one ${batch}-venue PDF: ${show(same)}`)
    log(`  ${JSON.stringify(sameRate)}`)

    const all = ids.slice(0, Math.min(ids.length, 200))
    const t0 = performance.now()
    const big = fetch(`${node.url}/api/venues/posters.pdf?ids=${all.join(',')}`, {
      headers: { cookie: node.cookie },
    }).then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength }))
    const during: number[] = []
    let finished = false
    void big.then(() => {
      finished = true
    })
    while (!finished) {
      during.push(await probe(node.url))
      await new Promise((r) => setTimeout(r, 20))
    }
    const bigResult = await big
    const bigMs = performance.now() - t0
    const duringBig = summarize(during)
    log(
      `/healthz during one ${all.length}-venue PDF (${Math.round(bigMs)} ms, ${JSON.stringify(bigResult)}): ${show(duringBig)}, max ${duringBig.max} ms`,
    )

    return {
      figure: {
        name: `/healthz p50 while a client loops ${batch}-venue poster PDFs`,
        value: busy.p50,
        unit: 'ms',
      },
      baseline: { name: '/healthz p50, idle', value: idle.p50, unit: 'ms' },
      extra: {
        database: kind,
        venues: ids.length,
        batch,
        idle,
        busy,
        busyRate,
        sameSet: same,
        sameSetRate: sameRate,
        allVenues: { venues: all.length, ms: Math.round(bigMs), ...bigResult, healthz: duringBig },
      },
    }
  } finally {
    await node.stop()
    await world.dispose()
  }
}
