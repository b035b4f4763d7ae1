/**
 * Low-S ECDSA P-256 signatures. ECDSA is malleable: if `(r, s)` verifies, so does `(r, n − s)`
 * (SEC 1 v2 §4.1.4 checks only `1 ≤ s < n`), so anyone can turn a valid code into a second,
 * different byte string with the same claims. Fixing `s ≤ n/2` (the "low-S" rule of Bitcoin's
 * BIP 62 and of libsecp256k1) makes the signature, and so an LF1 code, unique: LF1 signers always
 * emit low-S and the LF1 verifier refuses high-S. EU DCC verification is left alone: other
 * issuers may sign with high S and the eHN specification does not forbid it.
 *
 * Signatures are the raw `r‖s` form (IEEE P1363, 64 bytes) that COSE and JWS use.
 */

/** The order n of the P-256 base point (FIPS 186-4 §D.1.2.3). */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n

const SCALAR_BYTES = 32

function toBytes32(value: bigint): Uint8Array {
  const out = new Uint8Array(SCALAR_BYTES)
  let v = value
  for (let i = SCALAR_BYTES - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

function fromBytes(bytes: Uint8Array): bigint {
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  return v
}

/** ⌊n/2⌋ as 32 big-endian bytes: the check compares bytes, no big integers on the verify path. */
const HALF_ORDER = toBytes32(P256_ORDER >> 1n)

/**
 * True when `signature` is 64 bytes and its `s` is at most ⌊n/2⌋. A high-S or malformed
 * signature gives false (the range `1 ≤ r, s < n` is the signature check's business).
 */
export function isLowSP256(signature: Uint8Array): boolean {
  if (signature.length !== 2 * SCALAR_BYTES) return false
  for (let i = 0; i < SCALAR_BYTES; i++) {
    const s = signature[SCALAR_BYTES + i] ?? 0
    const h = HALF_ORDER[i] ?? 0
    if (s !== h) return s < h
  }
  return true
}

/**
 * The other valid signature of the same message: `r‖(n − s)`. Used to normalise a high-S
 * signature (and, in tests, to make one). A signature that is not 64 bytes is returned as is.
 */
export function complementSP256(signature: Uint8Array): Uint8Array {
  if (signature.length !== 2 * SCALAR_BYTES) return signature
  const s = fromBytes(signature.subarray(SCALAR_BYTES))
  const out = new Uint8Array(2 * SCALAR_BYTES)
  out.set(signature.subarray(0, SCALAR_BYTES))
  out.set(toBytes32((P256_ORDER - s) % P256_ORDER), SCALAR_BYTES)
  return out
}

/** The low-S form of a P-256 signature: itself when already low, else `r‖(n − s)`. */
export function normaliseLowSP256(signature: Uint8Array): Uint8Array {
  return signature.length !== 2 * SCALAR_BYTES || isLowSP256(signature)
    ? signature
    : complementSP256(signature)
}
