/**
 * `npm run bench -- gate [--size small|large]`: single gate scans over HTTP (verify the code,
 * decide, record, acknowledge after commit) from many concurrent clients against a server on
 * PostgreSQL: scans/s and p50/p95/p99 latency, next to raw LF1 verifications/s on one core
 * measured in the same run (verification is the irreducible cost of a scan).
 */
import {
  createStatusListStore,
  createTrustStore,
  verifyLf1Sync,
  verifyStatusList,
  verifyTrustList,
} from '@lianfang/core'
import { createNodeSignatureBackend } from '../packages/server/src/crypto/node-signature-backend.js'
import type { BenchContext, BenchResult } from './run.js'
import { buildWorld, percentile, startNode } from './lib/gate-world.js'
import { runLoad } from './lib/scan-load.js'

const SIZES = {
  small: { people: 3000, codes: 30_000, seconds: 8, clients: 32 },
  large: { people: 20_000, codes: 120_000, seconds: 30, clients: 64 },
}

async function rawVerifyRate(url: string, codes: readonly string[]): Promise<number> {
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
  const now = Math.floor(Date.now() / 1000)
  const trust = await verifyTrustList(
    new Uint8Array(await (await fetch(`${url}/api/trust-list`)).arrayBuffer()),
    roots,
    backend,
    now,
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
  const sample = codes.slice(0, 5000)
  let ops = 0
  const started = performance.now()
  while (performance.now() - started < 3000) {
    for (const c of sample) {
      const v = verifyLf1Sync(c, { trust: store, statusLists: lists, now }, backend)
      if (!v.ok) throw new Error(`fixture code does not verify: ${v.stage}`)
    }
    ops += sample.length
  }
  return ops / ((performance.now() - started) / 1000)
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
      const rawBefore = await rawVerifyRate(node.url, world.codes)
      ctx.log(`raw verify ${Math.round(rawBefore)}/s; ${size.clients} clients for ${size.seconds} s`)
      const load = await runLoad({
        url: node.url,
        cookie: node.cookie,
        venueId: world.venueId,
        codes: world.codes.slice(2000),
        clients: size.clients,
        seconds: size.seconds,
        batch: 0,
      })
      const rawAfter = await rawVerifyRate(node.url, world.codes)
      const scans = (load.accepted + load.duplicates) / load.seconds
      const sorted = [...load.latenciesMs].sort((a, b) => a - b)
      const raw = (rawBefore + rawAfter) / 2
      ctx.log(`gate: ${Math.round(scans)} scans/s, p99 ${percentile(sorted, 99).toFixed(1)} ms`)
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
          p50_ms: Math.round(percentile(sorted, 50) * 10) / 10,
          p95_ms: Math.round(percentile(sorted, 95) * 10) / 10,
          p99_ms: Math.round(percentile(sorted, 99) * 10) / 10,
          clients: size.clients,
          scans: load.accepted + load.duplicates,
          rejected: load.rejected,
          code_reuse: Math.round(((load.accepted + load.duplicates) / (size.codes - 2000)) * 100) / 100,
        },
      }
    } finally {
      await node.stop()
    }
  } finally {
    await world.dispose()
  }
}
