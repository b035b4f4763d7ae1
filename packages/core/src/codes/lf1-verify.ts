/**
 * Verifies an LF1 health code offline against a cached trust list and status lists. Runs the
 * same in Node and in the browser; crypto comes in through {@link SignatureBackend}. Never
 * throws: every input gets a decision and, when refused, the stage where it failed.
 */
import { base45Decode } from './base45.js'
import { toHex } from './bytes.js'
import { CBOR_INVALID, decodeCbor, isBytes } from './cbor.js'
import { zlibInflate } from './compression.js'
import { COSE_HEADER, parseCoseSign1, sigStructure } from './cose-sign1.js'
import { COSE_ALG, type SignatureBackend, type SyncSignatureBackend } from './crypto-backend.js'
import { isLowSP256 } from './ecdsa-low-s.js'
import { lf1ClaimsFromCbor, type Lf1Claims } from './lf1-claims.js'
import { LF1_PREFIX } from './lf1-sign.js'
import { isStatusBitSet, type Lf1StatusListStore } from './status-list.js'
import type { Lf1TrustStore, TrustedKey } from './trust-list.js'

/** Where a refused code failed, in pipeline order. */
export type Lf1Stage =
  | 'prefix'
  | 'base45'
  | 'zlib'
  | 'cose'
  | 'cbor'
  | 'unknown-key'
  | 'signature'
  | 'not-yet-valid'
  | 'expired'
  | 'status-unavailable'
  | 'revoked'

export type Lf1Verification =
  | {
      readonly ok: true
      readonly claims: Lf1Claims
      /** Hex key id of the signing key. */
      readonly kid: string
      /** False when the status list used is older than its ttl (the checkpoint has been offline). */
      readonly statusFresh: boolean
    }
  | { readonly ok: false; readonly stage: Lf1Stage; readonly reason: string }

export interface Lf1VerifyOptions {
  readonly trust: Lf1TrustStore
  readonly statusLists: Lf1StatusListStore
  /** Verification time, NumericDate seconds. */
  readonly now: number
  /** Tolerated clock difference for `iat` in the future (default 300 s). */
  readonly clockSkewSeconds?: number
  /**
   * Decodes the code's text (default: {@link decodeLf1} with the backend's inflater). A server
   * passes {@link createLf1DecodeMemo} so that a code scanned again is not decoded again.
   */
  readonly decode?: (code: string) => Lf1DecodeResult
}

/** A code's text decoded: a pure function of the text (no keys, no clock, no lists). */
export interface Lf1Decoded {
  readonly claims: Lf1Claims
  readonly kid: Uint8Array
  readonly toBeSigned: Uint8Array
  readonly signature: Uint8Array
}
export type Lf1DecodeResult = Lf1Decoded | Extract<Lf1Verification, { ok: false }>

interface Prepared {
  readonly claims: Lf1Claims
  readonly key: TrustedKey
  readonly toBeSigned: Uint8Array
  readonly signature: Uint8Array
}
type Failure = Extract<Lf1Verification, { ok: false }>
const fail = (stage: Lf1Stage, reason: string): Failure => ({ ok: false, stage, reason })

/**
 * The decoding stages: prefix → Base45 → zlib → COSE_Sign1 (alg ES256 and a kid) → CBOR claims.
 * `inflate` defaults to the pure inflater (a backend's gives the same bytes and refusals).
 */
export function decodeLf1(
  code: unknown,
  inflate: (data: Uint8Array) => Uint8Array | undefined = zlibInflate,
): Lf1DecodeResult {
  if (typeof code !== 'string' || !code.startsWith(LF1_PREFIX))
    return fail('prefix', 'does not start with LF1:')
  const deflated = base45Decode(code, LF1_PREFIX.length)
  if (!deflated) return fail('base45', 'not Base45 (RFC 9285)')
  const coseBytes = inflate(deflated)
  if (!coseBytes) return fail('zlib', 'not a zlib stream')
  const msg = parseCoseSign1(coseBytes)
  if (!msg) return fail('cose', 'not a COSE_Sign1 structure')
  const alg = msg.protectedHeader.get(COSE_HEADER.alg)
  const kid = msg.protectedHeader.get(COSE_HEADER.kid)
  if (alg !== COSE_ALG.ES256 || !isBytes(kid))
    return fail('cose', 'protected header needs alg ES256 and a kid')
  const decoded = decodeCbor(msg.payload)
  if (decoded === CBOR_INVALID) return fail('cbor', 'payload is not CBOR')
  const claims = lf1ClaimsFromCbor(decoded)
  if (typeof claims === 'string') return fail('cbor', claims)
  return { claims, kid, toBeSigned: sigStructure(msg.protectedBytes, msg.payload), signature: msg.signature }
}

/**
 * {@link decodeLf1} that remembers the codes it decoded, by their exact text, in two generations of
 * at most `limit / 2` each (forgetting in O(1), like the signature memo of the Node backend). Only
 * decoded codes are kept, never refusals, so text that is not a code costs no memory. Decoding is a
 * pure function of the text, so an answer from memory is the answer; everything that depends on
 * keys, lists or the clock is checked again on every verification. The decoded parts are shared
 * between the verifications of the same text and must not be modified.
 */
export function createLf1DecodeMemo(
  limit = 100_000,
  inflate?: (data: Uint8Array) => Uint8Array | undefined,
): (code: string) => Lf1DecodeResult {
  let young = new Map<string, Lf1Decoded>()
  let old = new Map<string, Lf1Decoded>()
  const half = Math.max(1, Math.floor(limit / 2))
  return (code) => {
    const known = young.get(code) ?? old.get(code)
    if (known) return known
    const decoded = decodeLf1(code, inflate)
    if ('ok' in decoded) return decoded
    if (young.size >= half) {
      old = young
      young = new Map()
    }
    young.set(code, decoded)
    return decoded
  }
}

/** Decoding, then the signing key: everything up to (not including) the signature check. */
function prepare(code: unknown, options: Lf1VerifyOptions, backend: SignatureBackend): Prepared | Failure {
  const d =
    options.decode && typeof code === 'string' ? options.decode(code) : decodeLf1(code, backend.inflate)
  if ('ok' in d) return d
  const { claims, kid } = d
  const key = options.trust.get(kid)
  if (!key) return fail('unknown-key', `kid ${toHex(kid)} is not in the trust list`)
  if (key.status === 'revoked') return fail('unknown-key', 'signing key is revoked')
  if (key.issuer !== claims.issuer) return fail('unknown-key', 'signing key belongs to another issuer')
  if (claims.issuedAt < key.notBefore || claims.issuedAt > key.notAfter)
    return fail('unknown-key', 'code issued outside the signing key validity')
  return { claims, key, toBeSigned: d.toBeSigned, signature: d.signature }
}

/** Checks after a valid signature: time window, then the status list. */
function finish(p: Prepared, options: Lf1VerifyOptions): Lf1Verification {
  const { claims } = p
  if (claims.issuedAt > options.now + (options.clockSkewSeconds ?? 300))
    return fail('not-yet-valid', 'iat is in the future')
  if (options.now >= claims.expiresAt) return fail('expired', 'exp has passed')
  const list = options.statusLists.get(claims.issuer, claims.statusListId)
  if (!list) return fail('status-unavailable', `no status list ${claims.statusListId} of ${claims.issuer}`)
  if (isStatusBitSet(list, claims.statusIndex))
    return fail('revoked', 'the status list marks this code revoked or superseded')
  return { ok: true, claims, kid: toHex(p.key.kid), statusFresh: options.now <= list.issuedAt + list.ttl }
}

/**
 * LF1 signatures are low-S (ecdsa-low-s.ts): the high-S twin of a valid signature would verify
 * as ECDSA but make a second byte string for the same code, so it is refused before the backend
 * (and its memo) is asked. EU DCCs are not held to this (dcc-verify.ts).
 */
const HIGH_S = fail('signature', 'ES256 signature is not in low-S form (s > n/2)')

function guard(e: unknown): Failure {
  return fail('cose', `unexpected: ${e instanceof Error ? e.message : String(e)}`)
}

/**
 * Verifies LF1 QR text (docs/health-code-format.md): prefix → Base45 → zlib → COSE_Sign1 (RFC
 * 9052) → CWT claims (RFC 8392) → trust list key → ES256 signature (low-S only) → iat/exp → status list.
 */
export async function verifyLf1(
  code: string,
  options: Lf1VerifyOptions,
  backend: SignatureBackend,
): Promise<Lf1Verification> {
  try {
    const p = prepare(code, options, backend)
    if ('ok' in p) return p
    if (!isLowSP256(p.signature)) return HIGH_S
    if (!(await backend.verifyP256(p.key.publicKey, p.toBeSigned, p.signature)))
      return fail('signature', 'ES256 signature does not verify')
    return finish(p, options)
  } catch (e) {
    return guard(e)
  }
}

/** {@link verifyLf1} with a synchronous backend (Node): no promise on the hot path. */
export function verifyLf1Sync(
  code: string,
  options: Lf1VerifyOptions,
  backend: SyncSignatureBackend,
): Lf1Verification {
  try {
    const p = prepare(code, options, backend)
    if ('ok' in p) return p
    if (!isLowSP256(p.signature)) return HIGH_S
    if (!backend.verifyP256(p.key.publicKey, p.toBeSigned, p.signature))
      return fail('signature', 'ES256 signature does not verify')
    return finish(p, options)
  } catch (e) {
    return guard(e)
  }
}
