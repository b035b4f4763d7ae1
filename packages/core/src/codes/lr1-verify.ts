/**
 * Verifies an LR1 test result offline, against the same trust list and status lists as LF1
 * health codes (docs/health-code-format.md "Signed test results (LR1)"). Runs the same in Node
 * and in the browser; never throws: a refusal names the stage where it failed.
 */
import { base45Decode } from './base45.js'
import { toHex } from './bytes.js'
import { CBOR_INVALID, decodeCbor, isBytes } from './cbor.js'
import { zlibInflate } from './compression.js'
import { COSE_HEADER, parseCoseSign1, sigStructure } from './cose-sign1.js'
import { COSE_ALG, type SignatureBackend, type SyncSignatureBackend } from './crypto-backend.js'
import { isLowSP256 } from './ecdsa-low-s.js'
import type { Lf1Stage } from './lf1-verify.js'
import { lr1ClaimsFromCbor, type Lr1Claims } from './lr1-claims.js'
import { LR1_PREFIX } from './lr1-sign.js'
import { isStatusBitSet, type Lf1StatusListStore } from './status-list.js'
import type { Lf1TrustStore, TrustedKey } from './trust-list.js'

/** Where a refused result failed: the LF1 stages, in the same order. */
export type Lr1Stage = Lf1Stage

export type Lr1Verification =
  | {
      readonly ok: true
      readonly claims: Lr1Claims
      /** Hex key id of the signing key. */
      readonly kid: string
      /**
       * Whether the issuer's status list was held and checked. Always true unless the caller
       * passed `requireStatus: false` and no list of the issuer is held.
       */
      readonly statusChecked: boolean
      /** False when the status list used is older than its ttl; null when none was checked. */
      readonly statusFresh: boolean | null
    }
  | { readonly ok: false; readonly stage: Lr1Stage; readonly reason: string }

export interface Lr1VerifyOptions {
  readonly trust: Lf1TrustStore
  readonly statusLists: Lf1StatusListStore
  /** Verification time, NumericDate seconds. */
  readonly now: number
  /** Tolerated clock difference for `iat` in the future (default 300 s). */
  readonly clockSkewSeconds?: number
  /**
   * Default true (fail closed, like LF1): without the issuer's status list the result is refused
   * at `status-unavailable`. False: accepted with `statusChecked: false` — for a node that holds
   * no status lists of other issuers yet (the federation brings them).
   */
  readonly requireStatus?: boolean
}

type Failure = Extract<Lr1Verification, { ok: false }>
const fail = (stage: Lr1Stage, reason: string): Failure => ({ ok: false, stage, reason })

/** A result's text decoded: a pure function of the text. */
export interface Lr1Decoded {
  readonly claims: Lr1Claims
  readonly kid: Uint8Array
  readonly toBeSigned: Uint8Array
  readonly signature: Uint8Array
}

/** The decoding stages: prefix → Base45 → zlib → COSE_Sign1 (ES256, kid) → CBOR claims. */
export function decodeLr1(
  text: unknown,
  inflate: (data: Uint8Array) => Uint8Array | undefined = zlibInflate,
): Lr1Decoded | Failure {
  if (typeof text !== 'string' || !text.startsWith(LR1_PREFIX))
    return fail('prefix', 'does not start with LR1:')
  const deflated = base45Decode(text, LR1_PREFIX.length)
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
  const claims = lr1ClaimsFromCbor(decoded)
  if (typeof claims === 'string') return fail('cbor', claims)
  return { claims, kid, toBeSigned: sigStructure(msg.protectedBytes, msg.payload), signature: msg.signature }
}

interface Prepared extends Lr1Decoded {
  readonly key: TrustedKey
}

function prepare(text: unknown, backend: SignatureBackend, trust: Lf1TrustStore): Prepared | Failure {
  const d = decodeLr1(text, backend.inflate)
  if ('ok' in d) return d
  const key = trust.get(d.kid)
  if (!key) return fail('unknown-key', `kid ${toHex(d.kid)} is not in the trust list`)
  if (key.status === 'revoked') return fail('unknown-key', 'signing key is revoked')
  if (key.issuer !== d.claims.issuer) return fail('unknown-key', 'signing key belongs to another issuer')
  if (d.claims.issuedAt < key.notBefore || d.claims.issuedAt > key.notAfter)
    return fail('unknown-key', 'result signed outside the signing key validity')
  if (!isLowSP256(d.signature)) return fail('signature', 'ES256 signature is not in low-S form (s > n/2)')
  return { ...d, key }
}

function finish(p: Prepared, options: Lr1VerifyOptions): Lr1Verification {
  const { claims } = p
  if (claims.issuedAt > options.now + (options.clockSkewSeconds ?? 300))
    return fail('not-yet-valid', 'iat is in the future')
  if (options.now >= claims.expiresAt) return fail('expired', 'the result is no longer recognised (exp)')
  const kid = toHex(p.key.kid)
  const list = options.statusLists.get(claims.issuer, claims.statusListId)
  if (!list) {
    if (options.requireStatus === false)
      return { ok: true, claims, kid, statusChecked: false, statusFresh: null }
    return fail('status-unavailable', `no status list ${claims.statusListId} of ${claims.issuer}`)
  }
  if (isStatusBitSet(list, claims.statusIndex))
    return fail('revoked', 'the status list marks this result voided')
  return { ok: true, claims, kid, statusChecked: true, statusFresh: options.now <= list.issuedAt + list.ttl }
}

const guard = (e: unknown): Failure =>
  fail('cose', `unexpected: ${e instanceof Error ? e.message : String(e)}`)

/**
 * Verifies LR1 QR text: prefix → Base45 → zlib → COSE_Sign1 → CWT claims → trust-list key →
 * ES256 signature (low-S) → iat/exp → status list.
 */
export async function verifyLr1(
  text: string,
  options: Lr1VerifyOptions,
  backend: SignatureBackend,
): Promise<Lr1Verification> {
  try {
    const p = prepare(text, backend, options.trust)
    if ('ok' in p) return p
    if (!(await backend.verifyP256(p.key.publicKey, p.toBeSigned, p.signature)))
      return fail('signature', 'ES256 signature does not verify')
    return finish(p, options)
  } catch (e) {
    return guard(e)
  }
}

/** {@link verifyLr1} with a synchronous backend (Node). */
export function verifyLr1Sync(
  text: string,
  options: Lr1VerifyOptions,
  backend: SyncSignatureBackend,
): Lr1Verification {
  try {
    const p = prepare(text, backend, options.trust)
    if ('ok' in p) return p
    if (!backend.verifyP256(p.key.publicKey, p.toBeSigned, p.signature))
      return fail('signature', 'ES256 signature does not verify')
    return finish(p, options)
  } catch (e) {
    return guard(e)
  }
}
