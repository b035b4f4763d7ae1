/** LR1 signed test results: round trip, stages, and altered texts (fast-check). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BASE45_ALPHABET,
  base45Decode,
  base45Encode,
  createStatusListStore,
  createWebCryptoBackend,
  generateWebCryptoP256Signer,
  LR1_DEFAULT_VALIDITY_SECONDS,
  signLf1,
  signLr1,
  verifyLf1,
  verifyLr1,
  zlibDeflate,
  zlibInflate,
  type Lr1Claims,
} from './index.js'
import { badInputs } from './__fixtures__/code-arbitraries.js'
import { makeWorld, NOW } from './__fixtures__/lf1-world.js'

const backend = createWebCryptoBackend()
const world = await makeWorld(backend, generateWebCryptoP256Signer)
const opts = { trust: world.trust, statusLists: world.statusLists, now: NOW }
const claims: Lr1Claims = {
  issuer: 'node-420100',
  region: '420102',
  subject: 'p-7GQ2vH9kR3xA',
  maskedName: '张*明',
  result: 'negative',
  kind: 'pooled',
  sampledAt: NOW - 30 * 3600,
  resultedAt: NOW - 20 * 3600,
  lab: '武汉市疾控中心实验室',
  resultId: '4711',
  issuedAt: NOW - 60,
  expiresAt: NOW - 30 * 3600 + LR1_DEFAULT_VALIDITY_SECONDS,
  statusListId: '2026-11',
  statusIndex: 43,
}
const valid = await signLr1(claims, world.issuer)
const stage = async (text: string, o: Parameters<typeof verifyLr1>[1] = opts) => {
  const r = await verifyLr1(text, o, backend)
  return r.ok ? 'ok' : r.stage
}

const text = fc.string({ minLength: 1, maxLength: 64 })
const claimsArb: fc.Arbitrary<Lr1Claims> = fc
  .record({
    subject: text,
    maskedName: fc.string({ maxLength: 64 }),
    lab: fc.string({ maxLength: 64 }),
    resultId: text,
    outcome: fc.constantFrom(
      ['negative', 'single'] as const,
      ['negative', 'pooled'] as const,
      ['positive', 'single'] as const,
    ),
    sampledAgo: fc.integer({ min: 0, max: 6 * 86_400 }),
    toResult: fc.integer({ min: 0, max: 3600 }),
    statusIndex: fc.integer({ min: 8, max: 1023 }),
  })
  .filter((r) => r.sampledAgo >= r.toResult)
  .map((r) => ({
    ...claims,
    subject: r.subject,
    maskedName: r.maskedName,
    lab: r.lab,
    resultId: r.resultId,
    result: r.outcome[0],
    kind: r.outcome[1],
    sampledAt: NOW - r.sampledAgo,
    resultedAt: NOW - r.sampledAgo + r.toResult,
    issuedAt: NOW,
    expiresAt: NOW - r.sampledAgo + LR1_DEFAULT_VALIDITY_SECONDS,
    statusIndex: r.statusIndex,
  }))

describe('LR1 sign and verify', () => {
  it('round-trips any well-formed claims (property)', async () => {
    await fc.assert(
      fc.asyncProperty(claimsArb, async (c) => {
        const qr = await signLr1(c, world.issuer)
        expect(qr.startsWith('LR1:')).toBe(true)
        expect(await verifyLr1(qr, opts, backend)).toMatchObject({
          ok: true,
          claims: c,
          statusChecked: true,
          statusFresh: true,
        })
      }),
      { numRuns: 60 },
    )
  })

  it('refuses every text with one character changed (property)', async () => {
    const position = fc.nat(valid.length - 1)
    const replacement = fc.oneof(
      fc.constantFrom(...Array.from(BASE45_ALPHABET)),
      fc.string({ minLength: 1, maxLength: 1 }),
    )
    await fc.assert(
      fc.asyncProperty(position, replacement, async (i, c) => {
        fc.pre(valid[i] !== c)
        const altered = valid.slice(0, i) + c + valid.slice(i + 1)
        expect(await stage(altered)).not.toBe('ok')
      }),
      { numRuns: 400 },
    )
  })

  it('refuses every COSE message with one byte changed (property)', async () => {
    const cose = zlibInflate(base45Decode(valid, 4) ?? new Uint8Array()) ?? new Uint8Array()
    await fc.assert(
      fc.asyncProperty(fc.nat(cose.length - 1), fc.integer({ min: 1, max: 255 }), async (i, x) => {
        const b = cose.slice()
        b[i] = (b[i] ?? 0) ^ x
        expect(await stage('LR1:' + base45Encode(zlibDeflate(b)))).not.toBe('ok')
      }),
      { numRuns: 400 },
    )
  })

  it('never throws and never accepts the shared bad inputs (property)', async () => {
    await fc.assert(
      fc.asyncProperty(badInputs(valid), async ({ kind, text: t }) => {
        const r = await verifyLr1(t, opts, backend)
        // A flip in DEFLATE padding bits leaves the signed bytes intact: the same result.
        if (r.ok) expect({ kind, claims: r.claims }).toEqual({ kind: 'bit flip in zlib', claims })
      }),
      { numRuns: 300 },
    )
  })

  it('names the failing stage', async () => {
    expect(await stage(valid)).toBe('ok')
    expect(await stage('LF1:' + valid.slice(4))).toBe('prefix')
    expect(await stage('LR1:aa')).toBe('base45')
    expect(await stage('LR1:00000')).toBe('zlib')
    expect(await stage(valid, { ...opts, now: claims.expiresAt })).toBe('expired')
    expect(await stage(valid, { ...opts, now: claims.issuedAt - 3600 })).toBe('not-yet-valid')
    expect(await stage(await signLr1({ ...claims, statusIndex: world.revokedIndex }, world.issuer))).toBe(
      'revoked',
    )
    const otherList = await signLr1({ ...claims, statusListId: 'other' }, world.issuer)
    expect(await stage(otherList)).toBe('status-unavailable')
    const stranger = await generateWebCryptoP256Signer()
    expect(await stage(await signLr1(claims, stranger))).toBe('unknown-key')
    expect(await stage(await signLr1(claims, { ...stranger, kid: world.issuer.kid }))).toBe('signature')
    expect(await stage(await signLr1({ ...claims, issuer: 'node-110000' }, world.issuer))).toBe('unknown-key')
  })

  it('accepts a result without its issuer’s status list only when asked to, and says so', async () => {
    const none = { ...opts, statusLists: createStatusListStore() }
    expect(await stage(valid, none)).toBe('status-unavailable')
    expect(await verifyLr1(valid, { ...none, requireStatus: false }, backend)).toMatchObject({
      ok: true,
      statusChecked: false,
      statusFresh: null,
    })
  })

  it('keeps health codes and results apart though one key signs both', async () => {
    const lf1 = await signLf1(world.claims, world.issuer)
    expect(await stage('LR1:' + lf1.slice(4))).toBe('cbor')
    const r = await verifyLf1('LF1:' + valid.slice(4), opts, backend)
    expect(r).toMatchObject({ ok: false, stage: 'cbor' })
  })

  it('refuses malformed claims when signing', async () => {
    const bad: Partial<Lr1Claims>[] = [
      { result: 'positive', kind: 'pooled' },
      { expiresAt: claims.sampledAt + 15 * 86_400 },
      { resultedAt: claims.sampledAt - 1 },
      { resultedAt: claims.issuedAt + 3600 },
      { resultId: '' },
      { lab: 'x'.repeat(65) },
    ]
    for (const b of bad)
      await expect(signLr1({ ...claims, ...b }, world.issuer)).rejects.toThrow(/LR1 claims/)
  })
})
