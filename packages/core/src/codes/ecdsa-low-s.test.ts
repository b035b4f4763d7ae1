/** Low-S LF1 signatures: a code's bytes are unique (issue #14, "ECDSA high-S variants verify"). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  base45Decode,
  base45Encode,
  complementSP256,
  createLf1DecodeMemo,
  createWebCryptoBackend,
  encodeCoseSign1,
  generateWebCryptoP256Signer,
  HEALTH_CODE_COLOURS,
  isLowSP256,
  LF1_PREFIX,
  normaliseLowSP256,
  P256_ORDER,
  parseCoseSign1,
  signLf1,
  sigStructure,
  verifyLf1,
  zlibDeflate,
  zlibInflate,
  type Lf1Claims,
  type P256Signer,
} from './index.js'
import { makeWorld, NOW } from './__fixtures__/lf1-world.js'

const backend = createWebCryptoBackend()
const world = await makeWorld(backend, generateWebCryptoP256Signer)
const options = { trust: world.trust, statusLists: world.statusLists, now: NOW }

/** The signature inside an LF1 code, and the same code carrying another signature. */
function split(code: string): { signature: Uint8Array; withSignature: (s: Uint8Array) => string } {
  const cose = zlibInflate(base45Decode(code, LF1_PREFIX.length) ?? new Uint8Array())
  const msg = cose && parseCoseSign1(cose)
  if (!msg) throw new Error('fixture code does not parse')
  return {
    signature: msg.signature,
    withSignature: (s) =>
      LF1_PREFIX + base45Encode(zlibDeflate(encodeCoseSign1(msg.protectedBytes, msg.payload, s), 0)),
  }
}

const sOf = (sig: Uint8Array) => BigInt(`0x${Buffer.from(sig.subarray(32)).toString('hex')}`)

const text = fc.string({ minLength: 1, maxLength: 64 })
const claimsArb: fc.Arbitrary<Lf1Claims> = fc
  .record({
    region: text,
    subject: text,
    maskedName: fc.string({ maxLength: 64 }),
    colour: fc.constantFrom(...HEALTH_CODE_COLOURS),
    age: fc.integer({ min: 0, max: 3600 }),
    life: fc.integer({ min: 3601, max: 72 * 3600 }),
    statusIndex: fc.integer({ min: 8, max: 1023 }),
  })
  .map(({ age, life, ...c }) => ({
    ...c,
    issuer: world.claims.issuer,
    statusListId: world.claims.statusListId,
    issuedAt: NOW - age,
    expiresAt: NOW - age + life,
  }))

describe('low-S ECDSA P-256', () => {
  it('tells low from high S at the boundary n/2', () => {
    const withS = (s: bigint) => {
      const sig = new Uint8Array(64).fill(1)
      sig.set(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'), 32)
      return sig
    }
    const half = P256_ORDER >> 1n
    expect(isLowSP256(withS(1n))).toBe(true)
    expect(isLowSP256(withS(half))).toBe(true)
    expect(isLowSP256(withS(half + 1n))).toBe(false)
    expect(isLowSP256(withS(P256_ORDER - 1n))).toBe(false)
    expect(isLowSP256(new Uint8Array(63))).toBe(false)
    expect(sOf(normaliseLowSP256(withS(half + 1n)))).toBe(half)
    expect(sOf(complementSP256(withS(5n)))).toBe(P256_ORDER - 5n)
    expect(normaliseLowSP256(withS(7n))).toEqual(withS(7n))
  })

  it('signs every LF1 code low-S, and its high-S twin is refused (property)', async () => {
    let rawHigh = 0
    const recording: P256Signer = {
      kid: world.issuer.kid,
      publicKeySpki: world.issuer.publicKeySpki,
      async sign(data) {
        const sig = await world.issuer.sign(data)
        if (!isLowSP256(sig)) rawHigh++
        return sig
      },
    }
    const memo = createLf1DecodeMemo(16)
    await fc.assert(
      fc.asyncProperty(claimsArb, async (claims) => {
        const code = await signLf1(claims, recording)
        const { signature, withSignature } = split(code)
        expect(isLowSP256(signature)).toBe(true)
        expect(await verifyLf1(code, options, backend)).toMatchObject({ ok: true, claims })
        const high = withSignature(complementSP256(signature))
        expect(high).not.toBe(code)
        for (const decode of [undefined, memo, memo]) {
          const opts = decode ? { ...options, decode } : options
          expect(await verifyLf1(high, opts, backend)).toMatchObject({ ok: false, stage: 'signature' })
          expect((await verifyLf1(code, opts, backend)).ok).toBe(true)
        }
      }),
      { numRuns: 64 },
    )
    // WebCrypto's raw signatures are high-S about half the time: the normalisation did the work.
    expect(rawHigh).toBeGreaterThan(0)
  })

  it('the high-S twin is a valid ECDSA signature over the same bytes (what made codes non-unique)', async () => {
    const code = await signLf1(world.claims, world.issuer)
    const cose = zlibInflate(base45Decode(code, LF1_PREFIX.length) ?? new Uint8Array())
    const msg = cose && parseCoseSign1(cose)
    if (!msg) throw new Error('no message')
    const data = sigStructure(msg.protectedBytes, msg.payload)
    expect(await backend.verifyP256(world.issuer.publicKeySpki, data, msg.signature)).toBe(true)
    expect(await backend.verifyP256(world.issuer.publicKeySpki, data, complementSP256(msg.signature))).toBe(
      true,
    )
  })
})
