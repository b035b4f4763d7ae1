/**
 * `npm run bench -- verify [--size small|large]`: end-to-end LF1 verifications per second on one
 * core (QR text → decision, trust list and status list cached, Node backend) next to raw
 * node:crypto ECDSA P-256 verifications per second of the same signed bytes with a cached
 * KeyObject, measured in alternating rounds of the same run.
 */
import { createPublicKey, verify } from 'node:crypto'
import {
  base45Decode,
  createWebCryptoBackend,
  parseCoseSign1,
  sigStructure,
  signLf1,
  verifyLf1,
  verifyLf1Sync,
  zlibInflate,
} from '@lianfang/core'
import {
  createNodeSignatureBackend,
  generateNodeP256Signer,
} from '../packages/server/src/crypto/node-signature-backend.js'
import { makeWorld, NOW } from '../packages/core/src/codes/__fixtures__/lf1-world.js'
import type { BenchContext, BenchResult } from './run.js'

const SIZES = {
  small: { codes: 1000, rounds: 5, roundMs: 1000 },
  large: { codes: 10_000, rounds: 15, roundMs: 2000 },
}

/** Runs `fn` over `items` repeatedly for about `ms`; returns operations per second. */
export function rate<T>(items: readonly T[], ms: number, fn: (item: T) => unknown): number {
  let ops = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (const item of items) fn(item)
    ops += items.length
    elapsed = performance.now() - start
  }
  return (ops / elapsed) * 1000
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const size = SIZES[ctx.size]
  const backend = createNodeSignatureBackend()
  const world = await makeWorld(backend, generateNodeP256Signer)
  const options = { trust: world.trust, statusLists: world.statusLists, now: NOW }
  ctx.log(`signing ${size.codes} codes`)
  const codes: string[] = []
  for (let i = 0; i < size.codes; i++)
    codes.push(
      await signLf1(
        { ...world.claims, subject: `p-${i.toString(36)}`, statusIndex: 100 + (i % 900) },
        world.issuer,
      ),
    )
  const raw = codes.map((c) => {
    const msg = parseCoseSign1(zlibInflate(base45Decode(c, 4)!)!)!
    return { data: sigStructure(msg.protectedBytes, msg.payload), sig: msg.signature }
  })
  const key = createPublicKey({ key: Buffer.from(world.issuer.publicKeySpki), format: 'der', type: 'spki' })
  if (!codes.every((c) => verifyLf1Sync(c, options, backend).ok))
    throw new Error('a benchmark code does not verify')

  const figures: number[] = []
  const baselines: number[] = []
  for (let r = 0; r < size.rounds; r++) {
    baselines.push(
      rate(raw, size.roundMs, (x) => verify('sha256', x.data, { key, dsaEncoding: 'ieee-p1363' }, x.sig)),
    )
    figures.push(rate(codes, size.roundMs, (c) => verifyLf1Sync(c, options, backend)))
    ctx.log(
      `round ${r + 1}/${size.rounds}: LF1 ${figures.at(-1)!.toFixed(0)}/s, raw ${baselines.at(-1)!.toFixed(0)}/s`,
    )
  }

  // Context figures: the decode stages alone, and the async WebCrypto path the browser uses.
  const decodeOnly = rate(codes, 500, (c) => parseCoseSign1(zlibInflate(base45Decode(c, 4)!)!))
  const web = createWebCryptoBackend()
  const started = performance.now()
  for (const c of codes) await verifyLf1(c, options, web)
  const webRate = (codes.length / (performance.now() - started)) * 1000
  return {
    figure: {
      name: 'LF1 verify (Node backend, end to end)',
      value: Math.round(median(figures)),
      unit: 'ops/s',
    },
    baseline: { name: 'node:crypto ECDSA P-256 verify', value: Math.round(median(baselines)), unit: 'ops/s' },
    extra: {
      codes: codes.length,
      codeLength: codes[0]?.length,
      rounds: size.rounds,
      lf1PerRound: figures.map(Math.round),
      rawPerRound: baselines.map(Math.round),
      decodeOnlyPerSecond: Math.round(decodeOnly),
      webCryptoAsyncPerSecond: Math.round(webRate),
    },
  }
}
