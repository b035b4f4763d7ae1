/** Bad input for both verifiers (LF1 and EU DCC): nothing throws, nothing is accepted. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createLf1DecodeMemo,
  createWebCryptoBackend,
  generateWebCryptoP256Signer,
  signLf1,
  verifyDcc,
  verifyLf1,
} from './index.js'
import { badInputs } from './__fixtures__/code-arbitraries.js'
import { DCC_NOW, HCERT, makeDccWorld } from './__fixtures__/dcc-world.js'
import { makeWorld, NOW } from './__fixtures__/lf1-world.js'

const backend = createWebCryptoBackend()
const lf1 = await makeWorld(backend, generateWebCryptoP256Signer)
const lf1Options = { trust: lf1.trust, statusLists: lf1.statusLists, now: NOW }
const validLf1 = await signLf1(lf1.claims, lf1.issuer)
const dcc = await makeDccWorld(backend, await generateWebCryptoP256Signer())
const validDcc = await dcc.sign()
const RUNS = 400

describe('LF1 verifier on bad input', () => {
  it('accepts the valid fixture', async () => {
    expect((await verifyLf1(validLf1, lf1Options, backend)).ok).toBe(true)
  })

  it('never throws and never accepts altered codes', async () => {
    await fc.assert(
      fc.asyncProperty(badInputs(validLf1), async ({ kind, text }) => {
        const r = await verifyLf1(text, lf1Options, backend)
        // A flip in DEFLATE padding bits leaves the signed bytes intact: the same code, not a forgery.
        if (r.ok) expect({ kind, claims: r.claims }).toEqual({ kind: 'bit flip in zlib', claims: lf1.claims })
      }),
      { numRuns: RUNS },
    )
  })

  it('answers the same with a decode memo, from memory or not, at any time (property)', async () => {
    // A small memo, so that the run also crosses its generations; the valid code comes often.
    const memo = createLf1DecodeMemo(8)
    const input = fc.oneof(
      badInputs(validLf1).map((b) => b.text),
      fc.constant(validLf1),
      fc.constantFrom(
        ...(await Promise.all([1, 2, 3].map((i) => signLf1({ ...lf1.claims, statusIndex: i }, lf1.issuer)))),
      ),
    )
    const at = fc.constantFrom(NOW, lf1.claims.expiresAt + 1, lf1.claims.issuedAt - 3600)
    await fc.assert(
      fc.asyncProperty(input, at, async (text, now) => {
        const plain = await verifyLf1(text, { ...lf1Options, now }, backend)
        for (let i = 0; i < 2; i++)
          expect(await verifyLf1(text, { ...lf1Options, now, decode: memo }, backend)).toEqual(plain)
      }),
      { numRuns: RUNS },
    )
  })

  it('keeps decoded codes only, by their exact text, and forgets beyond its limit', async () => {
    const memo = createLf1DecodeMemo(4)
    const first = memo(validLf1)
    expect('ok' in first).toBe(false)
    expect(memo(validLf1)).toBe(first) // the same object: from memory
    expect(memo(validLf1.slice(0, 10) + validLf1.slice(10))).toBe(first) // an equal text, built anew
    expect(memo('LF1:aa')).toEqual({ ok: false, stage: 'base45', reason: 'not Base45 (RFC 9285)' })
    const others = await Promise.all(
      [1, 2, 3, 4].map((i) => signLf1({ ...lf1.claims, statusIndex: i }, lf1.issuer)),
    )
    for (const c of others) memo(c)
    expect(memo(validLf1)).not.toBe(first) // two generations of 2 later: decoded again
    expect(memo(validLf1)).toEqual(first)
  })

  it('refuses expired, revoked and unknown-key codes at their stage', async () => {
    const stranger = await generateWebCryptoP256Signer()
    const cases: [Promise<string>, number, string][] = [
      [signLf1(lf1.claims, lf1.issuer), lf1.claims.expiresAt + 1, 'expired'],
      [signLf1({ ...lf1.claims, statusIndex: lf1.revokedIndex }, lf1.issuer), NOW, 'revoked'],
      [signLf1(lf1.claims, stranger), NOW, 'unknown-key'],
      [signLf1(lf1.claims, { ...stranger, kid: lf1.issuer.kid }), NOW, 'signature'],
    ]
    for (const [code, now, stage] of cases) {
      expect(await verifyLf1(await code, { ...lf1Options, now }, backend)).toMatchObject({ ok: false, stage })
    }
  })
})

describe('EU DCC verifier on bad input', () => {
  it('accepts the valid fixture and returns the hcert', async () => {
    expect(await verifyDcc(validDcc, { trust: dcc.trust, now: DCC_NOW }, backend)).toMatchObject({
      ok: true,
      payload: HCERT,
    })
  })

  it('never throws and never accepts altered codes', async () => {
    await fc.assert(
      fc.asyncProperty(badInputs(validDcc), async ({ kind, text }) => {
        const r = await verifyDcc(text, { trust: dcc.trust, now: DCC_NOW }, backend)
        if (r.ok) expect({ kind, payload: r.payload }).toEqual({ kind: 'bit flip in zlib', payload: HCERT })
      }),
      { numRuns: RUNS },
    )
  })

  it('refuses expired, not-yet-valid, unknown-key and schema-invalid certificates', async () => {
    const other = await makeDccWorld(backend, await generateWebCryptoP256Signer())
    const at = (code: string, now = DCC_NOW) => verifyDcc(code, { trust: dcc.trust, now }, backend)
    expect(await at(validDcc, DCC_NOW + 2 * 86400)).toMatchObject({ ok: false, stage: 'expiry' })
    expect(await at(validDcc, DCC_NOW - 2 * 86400)).toMatchObject({ ok: false, stage: 'expiry' })
    expect(await at(await other.sign())).toMatchObject({ ok: false, stage: 'signature' })
    expect(await at(await dcc.sign({ ...HCERT, dob: 'yesterday' }))).toMatchObject({
      ok: false,
      stage: 'schema',
    })
    expect(await at(await dcc.sign({ ...HCERT, t: HCERT.v }))).toMatchObject({ ok: false, stage: 'schema' })
  })
})
