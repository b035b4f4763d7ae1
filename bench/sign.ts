/**
 * `npm run bench -- sign [--size small|large]`: LF1 codes signed per second on one core (claims →
 * QR text, Node signer) next to raw node:crypto ECDSA P-256 signatures per second over bytes of
 * the same size with a cached KeyObject, in alternating rounds of the same run.
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import { signLf1Sync, type Lf1Claims } from '@lianfang/core'
import { createNodeP256Signer } from '../packages/server/src/crypto/node-signature-backend.js'
import { rate } from './verify.js'
import type { BenchContext, BenchResult } from './run.js'

const SIZES = {
  small: { claims: 1000, rounds: 5, roundMs: 1000 },
  large: { claims: 10_000, rounds: 15, roundMs: 2000 },
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

export async function run(ctx: BenchContext): Promise<BenchResult> {
  const size = SIZES[ctx.size]
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const signer = createNodeP256Signer(privateKey)
  const now = 1_795_000_000
  const claims: Lf1Claims[] = Array.from({ length: size.claims }, (_, i) => ({
    issuer: 'node-420100',
    region: '420102',
    subject: `p-${(i * 7919).toString(36)}-${i}`,
    maskedName: '张*明',
    colour: (['green', 'yellow', 'red'] as const)[i % 3] ?? 'green',
    issuedAt: now + i,
    expiresAt: now + i + 24 * 3600,
    statusListId: '2026-11',
    statusIndex: i,
  }))
  const data = Array.from({ length: size.claims }, () =>
    new Uint8Array(190).map(() => Math.floor(Math.random() * 256)),
  )
  const figures: number[] = []
  const baselines: number[] = []
  for (let r = 0; r < size.rounds; r++) {
    baselines.push(
      rate(data, size.roundMs, (d) => sign('sha256', d, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
    )
    figures.push(rate(claims, size.roundMs, (c) => signLf1Sync(c, signer)))
    ctx.log(
      `round ${r + 1}/${size.rounds}: LF1 ${figures.at(-1)!.toFixed(0)}/s, raw ${baselines.at(-1)!.toFixed(0)}/s`,
    )
  }
  return {
    figure: {
      name: 'LF1 sign (Node signer, claims to QR text)',
      value: Math.round(median(figures)),
      unit: 'ops/s',
    },
    baseline: { name: 'node:crypto ECDSA P-256 sign', value: Math.round(median(baselines)), unit: 'ops/s' },
    extra: {
      claims: size.claims,
      rounds: size.rounds,
      lf1PerRound: figures.map(Math.round),
      rawPerRound: baselines.map(Math.round),
    },
  }
}
