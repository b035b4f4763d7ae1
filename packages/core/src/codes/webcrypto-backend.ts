/**
 * {@link SignatureBackend} over WebCrypto (`globalThis.crypto.subtle`, W3C Web Cryptography API),
 * for browsers and any runtime that has it (Node ≥ 20 too). Asynchronous by nature.
 */
import { KID_LENGTH, type EcCurve, type P256Signer, type SignatureBackend } from './crypto-backend.js'

/** The part of `SubtleCrypto` used here (typed locally: core compiles without the DOM library). */
interface SubtleLike {
  importKey(
    format: 'spki',
    keyData: Uint8Array,
    algorithm: { name: string; namedCurve?: string; hash?: string },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>
  verify(
    algorithm: { name: string; hash?: string; saltLength?: number },
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>
  generateKey(
    algorithm: { name: 'ECDSA'; namedCurve: 'P-256' },
    extractable: boolean,
    usages: string[],
  ): Promise<{ publicKey: unknown; privateKey: unknown }>
  exportKey(format: 'spki', key: unknown): Promise<ArrayBuffer>
  sign(algorithm: { name: 'ECDSA'; hash: 'SHA-256' }, key: unknown, data: Uint8Array): Promise<ArrayBuffer>
}

function subtle(): SubtleLike | undefined {
  return (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle
}

/**
 * Creates a WebCrypto backend. Imported keys are cached per SPKI array, so a trust list that
 * keeps its arrays imports each key once. Every failure (bad key, bad signature length, no
 * WebCrypto) becomes `false`.
 */
export function createWebCryptoBackend(): SignatureBackend {
  const ecKeys = new WeakMap<Uint8Array, Promise<unknown>>()
  const otherEcKeys = new WeakMap<Uint8Array, Promise<unknown>>()
  const rsaKeys = new WeakMap<Uint8Array, Promise<unknown>>()

  function importOnce(
    cache: WeakMap<Uint8Array, Promise<unknown>>,
    spki: Uint8Array,
    algorithm: { name: string; namedCurve?: string; hash?: string },
  ): Promise<unknown> {
    let key = cache.get(spki)
    if (!key) {
      const s = subtle()
      key = s
        ? s.importKey('spki', spki, algorithm, false, ['verify'])
        : Promise.reject(new Error('no WebCrypto'))
      key.catch(() => undefined)
      cache.set(spki, key)
    }
    return key
  }

  return {
    async verifyP256(spki, data, signature) {
      try {
        if (signature.length !== 64) return false
        const key = await importOnce(ecKeys, spki, { name: 'ECDSA', namedCurve: 'P-256' })
        return (await subtle()?.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data)) === true
      } catch {
        return false
      }
    },
    async verifyEcdsaSha256(spki: Uint8Array, curve: EcCurve, data: Uint8Array, signature: Uint8Array) {
      try {
        const key = await importOnce(otherEcKeys, spki, { name: 'ECDSA', namedCurve: curve })
        return (await subtle()?.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data)) === true
      } catch {
        return false
      }
    },
    async verifyPs256(spki, data, signature) {
      try {
        const key = await importOnce(rsaKeys, spki, { name: 'RSA-PSS', hash: 'SHA-256' })
        return (await subtle()?.verify({ name: 'RSA-PSS', saltLength: 32 }, key, signature, data)) === true
      } catch {
        return false
      }
    },
    async sha256(data) {
      const s = subtle()
      if (!s) throw new Error('WebCrypto is not available')
      return new Uint8Array(await s.digest('SHA-256', data))
    },
  }
}

/**
 * Generates a non-extractable P-256 key with WebCrypto and returns its ES256 signer (WebCrypto's
 * ECDSA signature is already the raw r‖s form COSE uses). For tests and browser-side demos.
 */
export async function generateWebCryptoP256Signer(): Promise<P256Signer> {
  const s = subtle()
  if (!s) throw new Error('WebCrypto is not available')
  const pair = await s.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  const publicKeySpki = new Uint8Array(await s.exportKey('spki', pair.publicKey))
  const kid = new Uint8Array(await s.digest('SHA-256', publicKeySpki)).slice(0, KID_LENGTH)
  return {
    kid,
    publicKeySpki,
    sign: async (data) =>
      new Uint8Array(await s.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data)),
  }
}
