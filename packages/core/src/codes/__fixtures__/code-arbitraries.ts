/**
 * fast-check arbitraries of bad input for the code verifiers, shared by the unit tests (small
 * runs) and `npm run fuzz` (≥ 100,000 cases): random text, random payloads behind a valid
 * prefix, truncations, bit flips in every layer, wrong prefixes and forged signatures.
 */
import fc from 'fast-check'
import { base45Decode, base45Encode } from '../base45.js'
import { zlibDeflate, zlibInflate } from '../compression.js'
import { encodeCoseSign1, parseCoseSign1 } from '../cose-sign1.js'

export interface BadInput {
  readonly kind: string
  readonly text: string
}

function layers(valid: string): { prefix: string; cose: Uint8Array } {
  const prefix = valid.slice(0, 4)
  const cose = zlibInflate(base45Decode(valid, 4) ?? new Uint8Array())
  if (!cose) throw new Error('fixture code does not decode')
  return { prefix, cose }
}

/** Bad inputs derived from one valid code (LF1 or HC1). */
export function badInputs(valid: string): fc.Arbitrary<BadInput> {
  const { prefix, cose } = layers(valid)
  const wrap = (bytes: Uint8Array) => prefix + base45Encode(zlibDeflate(bytes))
  const msg = parseCoseSign1(cose)
  if (!msg) throw new Error('fixture code is not COSE')
  const deflated = base45Decode(valid, 4) ?? new Uint8Array()
  return fc.oneof(
    fc.string({ maxLength: 400 }).map((text) => ({ kind: 'random text', text })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ kind: 'random unicode', text: prefix + s })),
    fc.uint8Array({ maxLength: 400 }).map((b) => ({ kind: 'random bytes', text: prefix + base45Encode(b) })),
    fc.uint8Array({ maxLength: 400 }).map((b) => ({ kind: 'random deflated', text: wrap(b) })),
    fc.nat(valid.length - 1).map((n) => ({ kind: 'truncated text', text: valid.slice(0, n) })),
    fc.nat(cose.length - 1).map((n) => ({ kind: 'truncated COSE', text: wrap(cose.slice(0, n)) })),
    fc
      .tuple(fc.nat(cose.length * 8 - 1), fc.nat(3))
      .filter(([bit]) => bit >> 3 < cose.length)
      .map(([bit]) => {
        const b = cose.slice()
        b[bit >> 3] = (b[bit >> 3] ?? 0) ^ (1 << (bit & 7))
        return { kind: 'bit flip in COSE', text: wrap(b) }
      }),
    fc.nat(deflated.length * 8 - 1).map((bit) => {
      const b = deflated.slice()
      b[bit >> 3] = (b[bit >> 3] ?? 0) ^ (1 << (bit & 7))
      return { kind: 'bit flip in zlib', text: prefix + base45Encode(b) }
    }),
    fc
      .constantFrom(
        ...['HC1:', 'LF1:', 'LF2:', 'lf1:', 'HC2:', 'HL0:', '', 'LF1', ' LF1:'].filter((p) => p !== prefix),
      )
      .map((p) => ({
        kind: 'wrong prefix',
        text: p + valid.slice(4),
      })),
    fc.uint8Array({ minLength: 0, maxLength: 80 }).map((sig) => ({
      kind: 'forged signature',
      text: wrap(encodeCoseSign1(msg.protectedBytes, msg.payload, sig)),
    })),
  )
}

/** A signed-code scenario: who signs, which status index, and when it is checked. */
export interface Lf1Scenario {
  readonly signer: 'issuer' | 'stranger' | 'forger'
  readonly statusIndex: number
  readonly issuedOffset: number
  readonly lifetime: number
  readonly checkOffset: number
}

/** Scenarios around the edges: unknown keys, forged kids, revoked bits, expiry and clock skew. */
export const lf1Scenarios: fc.Arbitrary<Lf1Scenario> = fc.record({
  signer: fc.constantFrom('issuer', 'issuer', 'stranger', 'forger'),
  statusIndex: fc.oneof(fc.constant(7), fc.nat(1100)),
  issuedOffset: fc.integer({ min: -80 * 3600, max: 3600 }),
  lifetime: fc.integer({ min: 1, max: 72 * 3600 }),
  checkOffset: fc.integer({ min: -3600, max: 80 * 3600 }),
})

/** The stage an LF1 verifier must stop at for a scenario (`ok` if none), given the world's list. */
export function expectedLf1Stage(s: Lf1Scenario, revoked: number, listSize: number): string {
  if (s.signer === 'stranger') return 'unknown-key'
  if (s.signer === 'forger') return 'signature'
  if (s.issuedOffset > s.checkOffset + 300) return 'not-yet-valid'
  if (s.checkOffset >= s.issuedOffset + s.lifetime) return 'expired'
  if (s.statusIndex === revoked || s.statusIndex >= listSize) return 'revoked'
  return 'ok'
}
