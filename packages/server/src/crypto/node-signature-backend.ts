/**
 * Node implementations of the code crypto that core only declares (`SyncSignatureBackend`,
 * `SyncP256Signer`): node:crypto with one cached `KeyObject` per key (DESIGN.md "Known pitfalls":
 * creating the KeyObject once is most of the verify speed) and node:zlib.
 */
import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import { inflateSync } from 'node:zlib'
import {
  MAX_INFLATED_BYTES,
  normaliseLowSP256,
  zlibInflate,
  type EcCurve,
  type SignatureBackend,
  type SyncP256Signer,
  type SyncSignatureBackend,
} from '@lianfang/core'

const NODE_CURVES: Record<EcCurve, string> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
}

/** SPKI bytes → KeyObject, created once per key (null for bytes that are not a public key). */
function publicKeyCache(): (spki: Uint8Array) => KeyObject | null {
  const keys = new WeakMap<Uint8Array, KeyObject | null>()
  return (spki) => {
    let key = keys.get(spki)
    if (key === undefined) {
      try {
        key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' })
      } catch {
        key = null
      }
      keys.set(spki, key)
    }
    return key
  }
}

/**
 * Answers of ES256 checks already made, by the exact (key, signed bytes, signature): all three
 * are compared in full on a hit. Two generations of at most `limit / 2` entries each: when the
 * young one is full it becomes the old one and the old one is dropped, so the memo never holds
 * more than `limit` and forgets in O(1) (deleting a Map's oldest entry one at a time leaves holes
 * that every later `keys().next()` walks over). The signed bytes are kept as a latin1 string, not
 * a copied Uint8Array: one heap object where an ArrayBuffer costs the garbage collector more.
 */
function signatureMemo(limit: number) {
  type Entry = { spki: Uint8Array; data: string; ok: boolean }
  let young = new Map<string, Entry>()
  let old = new Map<string, Entry>()
  const half = Math.max(1, Math.floor(limit / 2))
  const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1')
  const sameKey = (a: Uint8Array, b: Uint8Array) =>
    a === b || Buffer.from(a.buffer, a.byteOffset, a.length).equals(b)
  return {
    get(spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean | undefined {
      const key = latin1(signature)
      const hit = young.get(key) ?? old.get(key)
      return hit && sameKey(hit.spki, spki) && hit.data === latin1(data) ? hit.ok : undefined
    },
    set(spki: Uint8Array, data: Uint8Array, signature: Uint8Array, ok: boolean): void {
      if (young.size >= half) {
        old = young
        young = new Map()
      }
      young.set(latin1(signature), { spki, data: latin1(data), ok })
    },
  }
}

/**
 * Creates the Node signature backend. ES256 uses `dsaEncoding: 'ieee-p1363'` (COSE's raw r‖s,
 * RFC 9053 §2.1); PS256 uses PSS with MGF1-SHA-256 and salt length 32 (RFC 8230 §2), accepting
 * any salt length on verify as RFC 8017 §9.1.2 allows. Never throws from a verify.
 */
export function createNodeSignatureBackend(): SyncSignatureBackend {
  const keyFor = publicKeyCache()
  return {
    verifyP256(spki, data, signature) {
      const key = keyFor(spki)
      if (!key || key.asymmetricKeyType !== 'ec' || signature.length !== 64) return false
      try {
        return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
      } catch {
        return false
      }
    },
    verifyEcdsaSha256(spki, curve, data, signature) {
      const key = keyFor(spki)
      if (
        !key ||
        key.asymmetricKeyType !== 'ec' ||
        key.asymmetricKeyDetails?.namedCurve !== NODE_CURVES[curve]
      )
        return false
      try {
        return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
      } catch {
        return false
      }
    },
    verifyPs256(spki, data, signature) {
      const key = keyFor(spki)
      if (!key || (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss')) return false
      try {
        return verify(
          'sha256',
          data,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
          signature,
        )
      } catch {
        return false
      }
    },
    sha256(data) {
      return new Uint8Array(createHash('sha256').update(data).digest())
    },
    // node:zlib checks the RFC 1950 header and the Adler-32 trailer; a few µs where the pure
    // JavaScript inflater takes tens (codes of issuers that DEFLATE rather than store).
    inflate(data) {
      // Stored blocks (what LF1 issuers write) are only copied: the pure fast path is quicker.
      if (((data[2] ?? 0) & 0x06) === 0) return zlibInflate(data)
      try {
        return new Uint8Array(inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES }))
      } catch {
        return undefined
      }
    },
  }
}

/**
 * Wraps a backend so that an ES256 check already made is answered from memory. The answer is a
 * pure function of (public key, signed bytes, signature), and all three are compared in full on a
 * hit, so a forged or altered code can never be served a cached "valid". Unlike a cache of whole
 * verification results, it survives trust- and status-list refreshes: every other check (key
 * still trusted, time window, status bit) runs again on each verification. It remembers the
 * last `limit / 2` to `limit` checks (`signatureMemo`: two generations).
 */
export function createMemoizingBackend(inner: SyncSignatureBackend, limit = 100_000): SyncSignatureBackend {
  const memo = signatureMemo(limit)
  return {
    ...inner,
    verifyP256(spki, data, signature) {
      const known = memo.get(spki, data, signature)
      if (known !== undefined) return known
      const ok = inner.verifyP256(spki, data, signature)
      memo.set(spki, data, signature, ok)
      return ok
    },
  }
}

/**
 * A backend whose ES256 checks run on libuv's thread pool (`crypto.verify` with a callback), so
 * the event loop goes on parsing requests and talking to the database while signatures are
 * checked on the other cores; memoized like {@link createMemoizingBackend}. The serving paths
 * (gate scans, synced batches) use it; everything else stays synchronous.
 */
export function createThreadPoolBackend(limit = 100_000): SignatureBackend {
  const memo = signatureMemo(limit)
  const keyFor = publicKeyCache()
  return {
    ...createNodeSignatureBackend(),
    verifyP256(spki, data, signature) {
      const known = memo.get(spki, data, signature)
      if (known !== undefined) return known
      const key = keyFor(spki)
      if (!key || key.asymmetricKeyType !== 'ec' || signature.length !== 64) return false
      return new Promise<boolean>((resolve) => {
        try {
          verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature, (err, ok) => {
            const answer = !err && ok
            memo.set(spki, data, signature, answer)
            resolve(answer)
          })
        } catch {
          resolve(false)
        }
      })
    },
  }
}

/**
 * An ES256 signer over a P-256 private key (PKCS#8 PEM/DER or a KeyObject). Its kid is the first
 * 8 bytes of SHA-256 over the public key's SPKI DER (docs/health-code-format.md "Key ids"). Its
 * signatures are always low-S (s ≤ n/2), the only form the LF1 verifier accepts.
 */
export function createNodeP256Signer(privateKey: KeyObject | string | Uint8Array): SyncP256Signer {
  const key =
    typeof privateKey === 'string'
      ? createPrivateKey(privateKey)
      : privateKey instanceof Uint8Array
        ? createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' })
        : privateKey
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new TypeError('an ES256 signer needs a P-256 private key')
  const publicKeySpki = new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }))
  const kid = new Uint8Array(createHash('sha256').update(publicKeySpki).digest().subarray(0, 8))
  return {
    kid,
    publicKeySpki,
    // Always low-S (core ecdsa-low-s.ts): OpenSSL picks s or n − s at random.
    sign: (data) =>
      normaliseLowSP256(new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }))),
  }
}

/** Generates a fresh P-256 key pair and returns its signer (tests, key rotation, demos). */
export function generateNodeP256Signer(): SyncP256Signer {
  return createNodeP256Signer(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)
}
