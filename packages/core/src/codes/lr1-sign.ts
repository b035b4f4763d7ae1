/**
 * Signs an LR1 test result: `"LR1:" + Base45(zlib(COSE_Sign1(ES256, CWT claims)))` — the LF1
 * pipeline (docs/health-code-format.md) with the result's claims, signed by the same issuer keys.
 */
import { base45Encode } from './base45.js'
import { encodeCbor } from './cbor.js'
import { zlibDeflate } from './compression.js'
import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from './cose-sign1.js'
import { COSE_ALG, type P256Signer } from './crypto-backend.js'
import { normaliseLowSP256 } from './ecdsa-low-s.js'
import { DomainError } from '../errors/domain-error.js'
import { lr1ClaimsProblem, lr1ClaimsToCbor, type Lr1Claims } from './lr1-claims.js'
import type { SignLf1Options, SyncP256Signer } from './lf1-sign.js'

/** The context identifier that starts every LR1 result. */
export const LR1_PREFIX = 'LR1:'

function prepare(claims: Lr1Claims, signer: P256Signer): { protectedBytes: Uint8Array; payload: Uint8Array } {
  const problem = lr1ClaimsProblem(claims)
  if (problem) throw new DomainError('VALIDATION_FAILED', `LR1 claims: ${problem}`)
  return {
    protectedBytes: encodeProtectedHeader(COSE_ALG.ES256, signer.kid),
    payload: encodeCbor(lr1ClaimsToCbor(claims)),
  }
}

function finish(
  protectedBytes: Uint8Array,
  payload: Uint8Array,
  signature: Uint8Array,
  options: SignLf1Options,
): string {
  // Low-S always, as LF1: the verifier refuses the high-S twin, so a result's bytes are unique.
  const cose = encodeCoseSign1(protectedBytes, payload, normaliseLowSP256(signature))
  return LR1_PREFIX + base45Encode(options.deflate ? options.deflate(cose) : zlibDeflate(cose, 0))
}

/**
 * Signs `claims` into LR1 QR text. Throws `DomainError('VALIDATION_FAILED')` for malformed claims
 * (e.g. a pooled positive, or a recognition longer than 14 days after sampling).
 */
export async function signLr1(
  claims: Lr1Claims,
  signer: P256Signer,
  options: SignLf1Options = {},
): Promise<string> {
  const { protectedBytes, payload } = prepare(claims, signer)
  const signature = await signer.sign(sigStructure(protectedBytes, payload))
  return finish(protectedBytes, payload, signature, options)
}

/** {@link signLr1} for a synchronous signer (the Node one). */
export function signLr1Sync(claims: Lr1Claims, signer: SyncP256Signer, options: SignLf1Options = {}): string {
  const { protectedBytes, payload } = prepare(claims, signer)
  return finish(protectedBytes, payload, signer.sign(sigStructure(protectedBytes, payload)), options)
}
