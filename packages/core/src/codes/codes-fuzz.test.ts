/** Bad input for both verifiers (LF1 and EU DCC): nothing throws, nothing is accepted. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
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
