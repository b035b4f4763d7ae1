/**
 * The LF1 trust list: the federation's issuer keys, signed by the federation root key as an
 * ES256 COSE_Sign1 (RFC 9052) over a CBOR map. Format: docs/health-code-format.md "Trust list".
 */
import { bytesEqual, bytesKey } from './bytes.js'
import { isBytes } from './cbor.js'
import { COSE_ALG, deriveKid, type P256Signer, type SignatureBackend } from './crypto-backend.js'
import { findKey, openCoseDocument, signCoseDocument } from './signed-document.js'

export const TRUSTED_KEY_STATUSES = ['active', 'retired', 'revoked'] as const
/** active: signs codes; retired: signs no more, its codes verify until they expire; revoked: nothing verifies. */
export type TrustedKeyStatus = (typeof TRUSTED_KEY_STATUSES)[number]

/** One issuer key. Times are NumericDates (seconds). */
export interface TrustedKey {
  /** First 8 bytes of SHA-256(publicKey): checked when the list is opened. */
  readonly kid: Uint8Array
  /** Issuer node id: must equal the `iss` of every code the key signs. */
  readonly issuer: string
  readonly region: string
  readonly alg: 'ES256'
  /** SubjectPublicKeyInfo DER (RFC 5280 §4.1.2.7) of a P-256 key. */
  readonly publicKey: Uint8Array
  /** The key may sign codes whose `iat` lies in [notBefore, notAfter]. */
  readonly notBefore: number
  readonly notAfter: number
  readonly status: TrustedKeyStatus
}

export interface TrustList {
  /** Increases with every list the root signs; a verifier never goes back to a lower one. */
  readonly version: number
  readonly issuedAt: number
  readonly expiresAt: number
  readonly keys: readonly TrustedKey[]
}

/** A root key that signs trust lists. */
export interface RootKey {
  readonly kid: Uint8Array
  readonly publicKey: Uint8Array
}

function keyToCbor(k: TrustedKey): Map<string, unknown> {
  return new Map<string, unknown>([
    ['kid', k.kid],
    ['alg', COSE_ALG[k.alg]],
    ['issuer', k.issuer],
    ['region', k.region],
    ['status', k.status],
    ['notAfter', k.notAfter],
    ['notBefore', k.notBefore],
    ['publicKey', k.publicKey],
  ])
}

/** The trust list as its CBOR payload map. */
export function trustListToCbor(list: TrustList): Map<string, unknown> {
  return new Map<string, unknown>([
    ['keys', list.keys.map(keyToCbor)],
    ['version', list.version],
    ['issuedAt', list.issuedAt],
    ['expiresAt', list.expiresAt],
  ])
}

/** Signs a trust list with the federation root key (ES256 COSE_Sign1). */
export async function signTrustList(list: TrustList, rootSigner: P256Signer): Promise<Uint8Array> {
  return signCoseDocument(trustListToCbor(list), rootSigner)
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64

function keyFromCbor(value: unknown): TrustedKey | string {
  if (!(value instanceof Map)) return 'key entry is not a map'
  const m = value as ReadonlyMap<unknown, unknown>
  const [kid, alg, issuer, region, status] = ['kid', 'alg', 'issuer', 'region', 'status'].map((k) => m.get(k))
  const [publicKey, notBefore, notAfter] = ['publicKey', 'notBefore', 'notAfter'].map((k) => m.get(k))
  if (!isBytes(kid) || kid.length !== 8) return 'kid must be 8 bytes'
  if (alg !== COSE_ALG.ES256) return 'alg must be ES256 (-7)'
  if (!isText(issuer) || !isText(region)) return 'issuer and region must be 1–64 characters'
  if (!TRUSTED_KEY_STATUSES.includes(status as TrustedKeyStatus))
    return 'status must be active|retired|revoked'
  if (!isBytes(publicKey)) return 'publicKey must be SPKI bytes'
  if (!isTime(notBefore) || !isTime(notAfter) || notAfter < notBefore) return 'bad notBefore/notAfter'
  return {
    kid,
    issuer,
    region,
    alg: 'ES256',
    publicKey,
    notBefore,
    notAfter,
    status: status as TrustedKeyStatus,
  }
}

/** Result of opening a signed list. */
export type OpenResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }

/**
 * Opens a signed trust list: root signature, structure, every kid = SHA-256(publicKey)[0..8],
 * and `issuedAt ≤ now ≤ expiresAt` (`now` in seconds). Never throws.
 */
export async function verifyTrustList(
  bytes: Uint8Array,
  roots: readonly RootKey[],
  backend: SignatureBackend,
  now: number,
): Promise<OpenResult<TrustList>> {
  const opened = await openCoseDocument(bytes, (kid) => findKey(roots, kid), backend)
  if (!opened.ok) return opened
  try {
    if (!(opened.payload instanceof Map)) return { ok: false, reason: 'payload is not a map' }
    const m = opened.payload as ReadonlyMap<unknown, unknown>
    const version = m.get('version')
    const issuedAt = m.get('issuedAt')
    const expiresAt = m.get('expiresAt')
    const rawKeys = m.get('keys')
    if (!isTime(version) || !isTime(issuedAt) || !isTime(expiresAt) || !Array.isArray(rawKeys))
      return { ok: false, reason: 'version, issuedAt, expiresAt and keys are required' }
    if (now < issuedAt - 300 || now > expiresAt) return { ok: false, reason: 'trust list is not valid now' }
    const keys: TrustedKey[] = []
    for (const raw of rawKeys as unknown[]) {
      const key = keyFromCbor(raw)
      if (typeof key === 'string') return { ok: false, reason: key }
      if (!bytesEqual(await deriveKid(backend, key.publicKey), key.kid))
        return { ok: false, reason: 'kid does not match the public key' }
      keys.push(key)
    }
    return { ok: true, value: { version, issuedAt, expiresAt, keys } }
  } catch (e) {
    return { ok: false, reason: `unexpected: ${e instanceof Error ? e.message : String(e)}` }
  }
}

/** Issuer keys indexed by kid, for the verifier's hot path. */
export interface Lf1TrustStore {
  get(kid: Uint8Array): TrustedKey | undefined
}

/** Indexes a verified trust list by kid. */
export function createTrustStore(list: TrustList): Lf1TrustStore {
  const byKid = new Map<string, TrustedKey>()
  for (const k of list.keys) byKid.set(bytesKey(k.kid), k)
  return { get: (kid) => (kid.length === 8 ? byKid.get(bytesKey(kid)) : undefined) }
}
