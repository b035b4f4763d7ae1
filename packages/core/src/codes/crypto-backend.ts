/**
 * The injected crypto of the code verifiers. Core is pure (no `node:crypto`), and browsers have
 * only WebCrypto, so signature checks, digests and (optionally) inflation come in through this
 * interface: `createWebCryptoBackend()` in core, `createNodeSignatureBackend()` in the server.
 *
 * Keys are passed as SubjectPublicKeyInfo DER bytes (RFC 5280 §4.1.2.7). A backend caches the
 * imported key per `Uint8Array` object, so callers keep the same array for the same key.
 */

/** COSE algorithm identifiers used here (RFC 9053 §2.1, RFC 8230 §2). */
export const COSE_ALG = { ES256: -7, PS256: -37 } as const
export type CoseAlgName = keyof typeof COSE_ALG

/** NIST curves by their WebCrypto names (FIPS 186-4 §D.1.2). */
export type EcCurve = 'P-256' | 'P-384' | 'P-521'

/** A value or a promise of it: a Node backend answers synchronously, WebCrypto asynchronously. */
export type MaybePromise<T> = T | Promise<T>

/** Verifies signatures and computes digests for the verifiers. Implementations must not throw. */
export interface SignatureBackend {
  /**
   * ECDSA P-256 with SHA-256 (COSE ES256, RFC 9053 §2.1) over `data`; `signature` is the raw
   * `r‖s` form (64 bytes, IEEE P1363) that COSE uses. False on any malformed input.
   */
  verifyP256(spki: Uint8Array, data: Uint8Array, signature: Uint8Array): MaybePromise<boolean>
  /**
   * ECDSA with SHA-256 on another named curve. COSE's ES256 names the hash, not the curve (RFC
   * 9053 §2.1 only suggests P-256), and EU document signers exist with P-384 keys under ES256.
   * `signature` is raw `r‖s`.
   */
  verifyEcdsaSha256(
    spki: Uint8Array,
    curve: EcCurve,
    data: Uint8Array,
    signature: Uint8Array,
  ): MaybePromise<boolean>
  /** RSASSA-PSS with SHA-256, MGF1-SHA-256, salt length 32 (COSE PS256, RFC 8230 §2). */
  verifyPs256(spki: Uint8Array, data: Uint8Array, signature: Uint8Array): MaybePromise<boolean>
  /** SHA-256 (FIPS 180-4), used to derive key ids. */
  sha256(data: Uint8Array): MaybePromise<Uint8Array>
  /** Optional faster zlib inflate (RFC 1950); `undefined` on bad data. Defaults to the pure one. */
  inflate?: (data: Uint8Array) => Uint8Array | undefined
}

/** A backend whose answers are synchronous (the Node one): enables the `…Sync` verifiers. */
export interface SyncSignatureBackend extends SignatureBackend {
  verifyP256(spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean
  verifyEcdsaSha256(spki: Uint8Array, curve: EcCurve, data: Uint8Array, signature: Uint8Array): boolean
  verifyPs256(spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean
  sha256(data: Uint8Array): Uint8Array
}

/** Signs with one ECDSA P-256 private key (COSE ES256). `kid` is derived by {@link deriveKid}. */
export interface P256Signer {
  /** Key id: the first 8 bytes of SHA-256 of the public key's SPKI DER. */
  readonly kid: Uint8Array
  /** SPKI DER of the public key (what trust lists carry). */
  readonly publicKeySpki: Uint8Array
  /** Raw `r‖s` (64 bytes) ECDSA P-256/SHA-256 signature of `data`. */
  sign(data: Uint8Array): MaybePromise<Uint8Array>
}

/** Length of a key id, in bytes (the EU DCC's 8-byte kid, eHN DCC Technical Specification v1 §3.3.1). */
export const KID_LENGTH = 8

/**
 * Derives a key id: the first 8 bytes of SHA-256 over `der` — the SPKI DER for LF1 issuer keys,
 * the certificate DER for EU DCC document signers.
 */
export async function deriveKid(
  backend: Pick<SignatureBackend, 'sha256'>,
  der: Uint8Array,
): Promise<Uint8Array> {
  const digest = await backend.sha256(der)
  return digest.slice(0, KID_LENGTH)
}
