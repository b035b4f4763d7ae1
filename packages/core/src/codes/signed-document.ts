/**
 * Signing and verifying a CBOR document as a COSE_Sign1 (RFC 9052 §4) with ES256 — the envelope
 * of LF1 codes, trust lists and status lists.
 */
import { bytesEqual } from './bytes.js'
import { CBOR_INVALID, decodeCbor, encodeCbor, isBytes } from './cbor.js'
import {
  COSE_HEADER,
  encodeCoseSign1,
  encodeProtectedHeader,
  parseCoseSign1,
  sigStructure,
} from './cose-sign1.js'
import { COSE_ALG, type P256Signer, type SignatureBackend } from './crypto-backend.js'
import { normaliseLowSP256 } from './ecdsa-low-s.js'

/**
 * Signs `payload` (a value to CBOR-encode) with ES256, low-S; returns the tagged COSE_Sign1 bytes.
 * Opening does not insist on low-S: lists signed before the rule may still be held offline.
 */
export async function signCoseDocument(payload: unknown, signer: P256Signer): Promise<Uint8Array> {
  const protectedBytes = encodeProtectedHeader(COSE_ALG.ES256, signer.kid)
  const body = encodeCbor(payload)
  const signature = normaliseLowSP256(await signer.sign(sigStructure(protectedBytes, body)))
  return encodeCoseSign1(protectedBytes, body, signature)
}

/** Result of {@link openCoseDocument}: the decoded payload and the signer's kid, or why not. */
export type OpenedDocument =
  | { readonly ok: true; readonly kid: Uint8Array; readonly payload: unknown }
  | { readonly ok: false; readonly reason: string }

/**
 * Opens an ES256 COSE_Sign1 document: finds the signer's SPKI through `keyFor(kid)` and checks
 * the signature before decoding the payload. Never throws.
 */
export async function openCoseDocument(
  bytes: Uint8Array,
  keyFor: (kid: Uint8Array) => Uint8Array | undefined,
  backend: SignatureBackend,
): Promise<OpenedDocument> {
  try {
    const msg = parseCoseSign1(bytes)
    if (!msg) return { ok: false, reason: 'not a COSE_Sign1 message' }
    const alg = msg.protectedHeader.get(COSE_HEADER.alg)
    const kid = msg.protectedHeader.get(COSE_HEADER.kid)
    if (alg !== COSE_ALG.ES256) return { ok: false, reason: 'protected header alg must be ES256 (-7)' }
    if (!isBytes(kid)) return { ok: false, reason: 'protected header has no kid' }
    const spki = keyFor(kid)
    if (!spki) return { ok: false, reason: 'unknown signing key' }
    if (!(await backend.verifyP256(spki, sigStructure(msg.protectedBytes, msg.payload), msg.signature)))
      return { ok: false, reason: 'signature does not verify' }
    const payload = decodeCbor(msg.payload)
    if (payload === CBOR_INVALID) return { ok: false, reason: 'payload is not CBOR' }
    return { ok: true, kid, payload }
  } catch (e) {
    return { ok: false, reason: `unexpected: ${e instanceof Error ? e.message : String(e)}` }
  }
}

/** Looks a kid up in a list of `{ kid, publicKey }` (for the few root keys). */
export function findKey(
  keys: readonly { readonly kid: Uint8Array; readonly publicKey: Uint8Array }[],
  kid: Uint8Array,
): Uint8Array | undefined {
  return keys.find((k) => bytesEqual(k.kid, kid))?.publicKey
}
