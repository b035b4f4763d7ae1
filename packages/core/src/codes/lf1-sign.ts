/**
 * Signs an LF1 health code: `"LF1:" + Base45(zlib(COSE_Sign1(ES256, CWT claims)))` —
 * the EU DCC pipeline (eHN DCC Technical Specification v1, §2–3) with Lianfang's claims.
 */
import { base45Encode } from './base45.js'
import { encodeCbor } from './cbor.js'
import { zlibDeflate } from './compression.js'
import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from './cose-sign1.js'
import { COSE_ALG, type P256Signer } from './crypto-backend.js'
import { normaliseLowSP256 } from './ecdsa-low-s.js'
import { DomainError } from '../errors/domain-error.js'
import { lf1ClaimsProblem, lf1ClaimsToCbor, type Lf1Claims } from './lf1-claims.js'

/** The context identifier that starts every LF1 code. */
export const LF1_PREFIX = 'LF1:'

/** A signer whose `sign` is synchronous (the Node one), for {@link signLf1Sync}. */
export interface SyncP256Signer extends P256Signer {
  sign(data: Uint8Array): Uint8Array
}

/** Options of the LF1 signers. */
export interface SignLf1Options {
  /**
   * zlib compressor (RFC 1950). Default: stored blocks (level 0) — an LF1 CWT is ~165 bytes of
   * mostly random data (signature, kid, subject id), so DEFLATE saves 1–2 bytes while costing the
   * verifier tens of microseconds per scan; the zlib wrapper stays for DCC-compatible tooling.
   */
  readonly deflate?: (data: Uint8Array) => Uint8Array
}

const protectedCache = new WeakMap<Uint8Array, Uint8Array>()

function prepare(claims: Lf1Claims, signer: P256Signer): { protectedBytes: Uint8Array; payload: Uint8Array } {
  const problem = lf1ClaimsProblem(claims)
  if (problem) throw new DomainError('VALIDATION_FAILED', `LF1 claims: ${problem}`)
  let protectedBytes = protectedCache.get(signer.kid)
  if (!protectedBytes) {
    protectedBytes = encodeProtectedHeader(COSE_ALG.ES256, signer.kid)
    protectedCache.set(signer.kid, protectedBytes)
  }
  return { protectedBytes, payload: encodeCbor(lf1ClaimsToCbor(claims)) }
}

function finish(
  protectedBytes: Uint8Array,
  payload: Uint8Array,
  signature: Uint8Array,
  options: SignLf1Options,
): string {
  // Low-S always (ecdsa-low-s.ts): the verifier refuses the high-S twin, so a code's bytes are unique.
  const cose = encodeCoseSign1(protectedBytes, payload, normaliseLowSP256(signature))
  return LF1_PREFIX + base45Encode(options.deflate ? options.deflate(cose) : zlibDeflate(cose, 0))
}

/**
 * Signs `claims` into LF1 QR text. Throws `DomainError('VALIDATION_FAILED')` for malformed claims
 * (e.g. a lifetime over 72 hours).
 */
export async function signLf1(
  claims: Lf1Claims,
  signer: P256Signer,
  options: SignLf1Options = {},
): Promise<string> {
  const { protectedBytes, payload } = prepare(claims, signer)
  const signature = await signer.sign(sigStructure(protectedBytes, payload))
  return finish(protectedBytes, payload, signature, options)
}

/** {@link signLf1} for a synchronous signer. */
export function signLf1Sync(claims: Lf1Claims, signer: SyncP256Signer, options: SignLf1Options = {}): string {
  const { protectedBytes, payload } = prepare(claims, signer)
  return finish(protectedBytes, payload, signer.sign(sigStructure(protectedBytes, payload)), options)
}
