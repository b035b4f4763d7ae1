/**
 * `npm run bench -- gate [--size small|large]`: single gate scans over HTTP (verify the code,
 * decide, record, acknowledge after commit) from many concurrent clients against a server on
 * PostgreSQL: scans/s and p50/p95/p99 latency, next to raw LF1 verifications/s on one core
 * measured in the same run (verification is the irreducible cost of a scan). Then, with wrk, the
 * same clients paced at half that rate (`extra.paced`): the latency of a gate at working load, not
 * the queue of a saturated server. Last, the floors (`extra.floors`, bench/lib/http-floor.ts): the
 * same load on servers that only verify, on `node:http` and on Fastify, against the same baseline —
 * how far this machine lets any HTTP server go (`--no-floors` skips them).
 */
import {
  createStatusListStore,
  createTrustStore,
  verifyLf1,
  verifyLf1Sync,
  verifyStatusList,
  verifyTrustList,
} from '@lianfang/core'
import {
  createNodeSignatureBackend,
  createThreadPoolBackend,
} from '../packages/server/src/crypto/node-signature-backend.js'
import { sql } from 'kysely'
import type { Database } from '@lianfang/server'
import type { BenchContext, BenchResult } from './run.js'
import { buildWorld, databaseCpuMs, percentile, startNode } from './lib/gate-world.js'
import { runLoad } from './lib/scan-load.js'
import { FLOOR_KINDS, startFloor } from './lib/http-floor.js'
import { runWrkGate, wrkVersion } from './lib/wrk-load.js'

const SIZES = {
  small: { people: 3000, codes: 45_000, seconds: 8, clients: 32 },
  large: { people: 20_000, codes: 180_000, seconds: 30, clients: 64 },
}
/** The paced phase offers this share of the throughput measured at saturation. */
const PACED_SHARE = 0.5

const round1 = (x: number) => Math.round(x * 10) / 10

/** The node's trust list and status list, verified and cached as a checkpoint keeps them. */
async function verifierLists(url: string) {
  const backend = createNodeSignatureBackend()
  const root = (await (await fetch(`${url}/api/trust-list/root`)).json()) as {
    kid: string
    publicKeySpki: string
  }
  const roots = [
    {
      kid: new Uint8Array(Buffer.from(root.kid, 'hex')),
      publicKey: new Uint8Array(Buffer.from(root.publicKeySpki, 'base64')),
    },
  ]
  const trust = await verifyTrustList(
    new Uint8Array(await (await fetch(`${url}/api/trust-list`)).arrayBuffer()),
    roots,
    backend,
    Math.floor(Date.now() / 1000),
  )
  if (!trust.ok) throw new Error(trust.reason)
  const store = createTrustStore(trust.value)
  const status = await verifyStatusList(
    new Uint8Array(await (await fetch(`${url}/api/status-list`)).arrayBuffer()),
    store,
    backend,
  )
  if (!status.ok) throw new Error(status.reason)
  const lists = createStatusListStore()
  lists.put(status.value)
  return { trust: store, statusLists: lists }
}
type Lists = Awaited<ReturnType<typeof verifierLists>>

function rawVerifyRate(lists: Lists, codes: readonly string[]): number {
  const backend = createNodeSignatureBackend()
  const now = Math.floor(Date.now() / 1000)
  const sample = codes.slice(0, 5000)
  let ops = 0
  const started = performance.now()
  while (performance.now() - started < 3000) {
    for (const c of sample) {
      const v = verifyLf1Sync(c, { ...lists, now }, backend)
      if (!v.ok) throw new Error(`fixture code does not verify: ${v.stage}`)
    }
    ops += sample.length
  }
  return ops / ((performance.now() - started) / 1000)
}

/**
 * The floors (bench/lib/http-floor.ts): each serves the same wrk load in this process with the
 * scan's irreducible work only — verify the code as the server does (decode, ES256 on libuv's
 * pool, memoized) — while the node idles.
 */
async function measureFloors(
  lists: Lists,
  codes: readonly string[],
  connections: number,
  seconds: number,
  log: (m: string) => void,
) {
  const out: Record<string, { scans_per_s: number; p99_ms: number; cpu_us_per_scan: number }> = {}
  for (const kind of FLOOR_KINDS) {
    const backend = createThreadPoolBackend()
    const verify = async (code: string) =>
      (await verifyLf1(code, { ...lists, now: Math.floor(Date.now() / 1000) }, backend)).ok
    const floor = await startFloor(kind, verify)
    try {
      const cpu0 = process.cpuUsage()
      const r = await runWrkGate({
        url: floor.url,
        cookie: 'lf_session=floor',
        venueId: '1',
        codes,
        connections,
        seconds,
      })
      const cpu = process.cpuUsage(cpu0)
      if (r.failed > 0) throw new Error(`floor ${kind}: ${r.failed} of ${r.ok + r.failed} scans failed`)
      out[kind] = {
        scans_per_s: Math.round(r.ok / r.seconds),
        p99_ms: round1(r.p99Ms),
        cpu_us_per_scan: round1((cpu.user + cpu.system) / r.ok),
      }
      log(`floor ${kind}: ${out[kind].scans_per_s} scans/s, p99 ${r.p99Ms.toFixed(1)} ms`)
    } finally {
      await floor.close()
    }
  }
  return out
}

/** The Node load generator (when wrk is not installed): same requests, same figures. */
async function nodeLoad(
  node: { url: string; cookie: string },
  venueId: string,
  codes: readonly string[],
  clients: number,
  seconds: number,
) {
  const load = await runLoad({
    url: node.url,
    cookie: node.cookie,
    venueId,
    codes,
    clients,
    seconds,
    batch: 0,
  })
  const sorted = [...load.latenciesMs].sort((a, b) => a - b)
  return {
    ok: load.accepted + load.duplicates,
    failed: load.rejected,
    seconds: load.seconds,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
  }
}

async function countGateScans(world: { open(): Promise<Database> }): Promise<number> {
  const database = await world.open()
  try {
    const r = await sql<{
      n: string
    }>`select count(*)::text as n from checkins where source = 'gate_scan'`.execute(database.db)
    return Number(r.rows[0]?.n ?? 0)
  } finally {
    await database.close()
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const size = SIZES[ctx.size]
  const world = await buildWorld('postgres', size.people, size.codes, ctx.log)
  try {
    const node = await startNode(world)
    try {
      await runLoad({
        url: node.url,
        cookie: node.cookie,
        venueId: world.venueId,
        codes: world.codes.slice(0, 2000),
        clients: 8,
        seconds: 2,
        batch: 0,
      })
      const lists = await verifierLists(node.url)
      const rawBefore = rawVerifyRate(lists, world.codes)
      ctx.log(`raw verify ${Math.round(rawBefore)}/s; ${size.clients} clients for ${size.seconds} s`)
      const loadgen = wrkVersion()
      ctx.log(`load generator: ${loadgen ?? 'node:http (install wrk for a cheaper one)'}`)
      const cpu0 = { server: node.cpuMs(), db: await databaseCpuMs(world) }
      const measured = loadgen
        ? await runWrkGate({
            url: node.url,
            cookie: node.cookie,
            venueId: world.venueId,
            codes: world.codes.slice(2000),
            connections: size.clients,
            seconds: size.seconds,
          })
        : await nodeLoad(node, world.venueId, world.codes.slice(2000), size.clients, size.seconds)
      const cpuUs = {
        server: (node.cpuMs() - cpu0.server) * 1000,
        db: ((await databaseCpuMs(world)) - cpu0.db) * 1000,
      }
      const saturated = measured.ok / measured.seconds
      // Latency at a gate's working load rather than at saturation (where, the clients being a
      // closed loop, the mean latency is clients / throughput by Little's law): each connection
      // sends after a random (exponential) wait, offering PACED_SHARE of the saturated rate.
      let paced:
        | { offered: number; ok: number; seconds: number; p50Ms: number; p90Ms: number; p99Ms: number }
        | undefined
      if (loadgen) {
        const offered = saturated * PACED_SHARE
        const used = 2000 + measured.ok + measured.failed
        const p = await runWrkGate({
          url: node.url,
          cookie: node.cookie,
          venueId: world.venueId,
          codes: world.codes.slice(used < world.codes.length - 10_000 ? used : 2000),
          connections: size.clients,
          seconds: size.seconds,
          meanDelayMs: (size.clients * 1000) / offered,
        })
        paced = { offered, ...p }
        ctx.log(
          `paced at ${Math.round(offered)}/s offered: ${Math.round(p.ok / p.seconds)} scans/s, p99 ${p.p99Ms.toFixed(1)} ms`,
        )
      }
      const rawAfter = rawVerifyRate(lists, world.codes)
      // Every acknowledged scan must be in the database, once.
      const stored = await countGateScans(world)
      if (stored < measured.ok + (paced?.ok ?? 0))
        throw new Error(
          `${measured.ok + (paced?.ok ?? 0)} scans acknowledged but ${stored} stored (warm-up included)`,
        )
      const scans = saturated
      const raw = (rawBefore + rawAfter) / 2
      const floors =
        loadgen && !ctx.args.includes('--no-floors')
          ? await measureFloors(lists, world.codes.slice(2000), size.clients, size.seconds, ctx.log)
          : undefined
      ctx.log(`gate: ${Math.round(scans)} scans/s, p99 ${measured.p99Ms.toFixed(1)} ms`)
      return {
        figure: {
          name: 'gate scans over HTTP (verify, decide, record; PostgreSQL)',
          value: Math.round(scans),
          unit: 'scans/s',
        },
        baseline: {
          name: 'raw LF1 verifications on one core (verifyLf1Sync)',
          value: Math.round(raw),
          unit: 'verifications/s',
        },
        extra: {
          p50_ms: round1(measured.p50Ms),
          p90_ms: round1(measured.p90Ms),
          p99_ms: round1(measured.p99Ms),
          clients: size.clients,
          scans: measured.ok,
          rejected: measured.failed,
          code_reuse: Math.round((measured.ok / (size.codes - 2000)) * 100) / 100,
          loadgen: loadgen ?? 'node:http',
          // The same scans offered at PACED_SHARE of the saturated rate (wrk only).
          paced: paced
            ? {
                offered_per_s: Math.round(paced.offered),
                scans_per_s: Math.round(paced.ok / paced.seconds),
                p50_ms: round1(paced.p50Ms),
                p90_ms: round1(paced.p90Ms),
                p99_ms: round1(paced.p99Ms),
              }
            : null,
          // The same load on servers that only verify (bench/lib/http-floor.ts), against the same
          // baseline: how far the machine lets any HTTP server go (wrk only; --no-floors skips).
          floors: floors
            ? Object.fromEntries(
                Object.entries(floors).map(([k, f]) => [
                  k,
                  { ...f, ratio: Math.round((f.scans_per_s / raw) * 1000) / 1000 },
                ]),
              )
            : null,
          // CPU per scan (µs), robust where throughput is not on a shared machine; compare with
          // 1e6 / baseline, the µs of one raw verification.
          cpu_us_per_scan: {
            server: round1(cpuUs.server / measured.ok),
            database: round1(cpuUs.db / measured.ok),
            raw_verify: round1(1e6 / raw),
          },
        },
      }
    } finally {
      await node.stop()
    }
  } finally {
    await world.dispose()
  }
}
