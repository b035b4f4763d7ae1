/**
 * The issuer's status list: one bit per issued code (1 = revoked or superseded by a colour
 * change), zlib-compressed and signed by one of the issuer's keys as an ES256 COSE_Sign1.
 * Bit order follows the W3C Bitstring Status List v1.0: index 0 is the most significant bit of
 * the first byte. Format: docs/health-code-format.md "Status list".
 */
import { isBytes } from './cbor.js'
import { zlibDeflate, zlibInflate } from './compression.js'
import type { P256Signer, SignatureBackend } from './crypto-backend.js'
import { openCoseDocument, signCoseDocument } from './signed-document.js'
import type { Lf1TrustStore, OpenResult } from './trust-list.js'

/** Largest list: 2^24 codes (2 MiB of bits before compression). */
export const STATUS_LIST_MAX_SIZE = 1 << 24

export interface StatusList {
  readonly issuer: string
  readonly listId: string
  /** NumericDate (seconds) the list was made. */
  readonly issuedAt: number
  /** Seconds after `issuedAt` during which the list counts as fresh. */
  readonly ttl: number
  /** Number of bits (codes) in the list. */
  readonly size: number
  /** Uncompressed bitstring, `ceil(size / 8)` bytes. */
  readonly bits: Uint8Array
}

/** A new, all-clear bitstring for `size` codes. */
export function createStatusBits(size: number): Uint8Array {
  if (!Number.isSafeInteger(size) || size < 1 || size > STATUS_LIST_MAX_SIZE)
    throw new RangeError('bad list size')
  return new Uint8Array(Math.ceil(size / 8))
}

/** Marks code `index` as revoked/superseded (mutates `bits`). */
export function setStatusBit(bits: Uint8Array, index: number): void {
  const i = index >> 3
  if (index < 0 || i >= bits.length) throw new RangeError('status index out of range')
  bits[i] = (bits[i] ?? 0) | (0x80 >> (index & 7))
}

/** True when code `index` is revoked/superseded, or outside the list (fail closed). */
export function isStatusBitSet(list: Pick<StatusList, 'bits' | 'size'>, index: number): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.size) return true
  return ((list.bits[index >> 3] ?? 0xff) & (0x80 >> (index & 7))) !== 0
}

/** Signs a status list with one of the issuer's keys. */
export async function signStatusList(list: StatusList, signer: P256Signer): Promise<Uint8Array> {
  const payload = new Map<string, unknown>([
    ['ttl', list.ttl],
    ['bits', zlibDeflate(list.bits)],
    ['size', list.size],
    ['issuer', list.issuer],
    ['listId', list.listId],
    ['issuedAt', list.issuedAt],
  ])
  return signCoseDocument(payload, signer)
}

/**
 * Opens a signed status list: the signing key must be in `trust`, not revoked, and belong to the
 * list's issuer; the bitstring must inflate to exactly `ceil(size/8)` bytes. Never throws.
 */
export async function verifyStatusList(
  bytes: Uint8Array,
  trust: Lf1TrustStore,
  backend: SignatureBackend,
): Promise<OpenResult<StatusList>> {
  let signerIssuer: string | undefined
  const opened = await openCoseDocument(
    bytes,
    (kid) => {
      const key = trust.get(kid)
      if (!key || key.status === 'revoked') return undefined
      signerIssuer = key.issuer
      return key.publicKey
    },
    backend,
  )
  if (!opened.ok) return opened
  if (!(opened.payload instanceof Map)) return { ok: false, reason: 'payload is not a map' }
  const m = opened.payload as ReadonlyMap<unknown, unknown>
  const [issuer, listId, issuedAt, ttl, size, packed] = [
    'issuer',
    'listId',
    'issuedAt',
    'ttl',
    'size',
    'bits',
  ].map((k) => m.get(k))
  if (typeof issuer !== 'string' || issuer !== signerIssuer)
    return { ok: false, reason: 'issuer is not the signer' }
  if (typeof listId !== 'string' || listId.length === 0 || listId.length > 64)
    return { ok: false, reason: 'bad listId' }
  const ints = [issuedAt, ttl, size].every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)
  if (!ints || !isBytes(packed)) return { ok: false, reason: 'issuedAt, ttl, size and bits are required' }
  const n = size as number
  if (n < 1 || n > STATUS_LIST_MAX_SIZE) return { ok: false, reason: 'bad size' }
  const bits = zlibInflate(packed)
  if (!bits || bits.length !== Math.ceil(n / 8)) return { ok: false, reason: 'bits do not inflate to size' }
  return {
    ok: true,
    value: { issuer, listId, issuedAt: issuedAt as number, ttl: ttl as number, size: n, bits },
  }
}

/** The verifier's cache of current status lists, by issuer and list id. */
export interface Lf1StatusListStore {
  get(issuer: string, listId: string): StatusList | undefined
  /** Keeps `list` unless a newer one (higher `issuedAt`) is already held. */
  put(list: StatusList): void
}

/** In-memory {@link Lf1StatusListStore}. */
export function createStatusListStore(): Lf1StatusListStore {
  const lists = new Map<string, StatusList>()
  const key = (issuer: string, listId: string) => `${issuer}\u0000${listId}`
  return {
    get: (issuer, listId) => lists.get(key(issuer, listId)),
    put(list) {
      const k = key(list.issuer, list.listId)
      const held = lists.get(k)
      if (!held || held.issuedAt <= list.issuedAt) lists.set(k, list)
    },
  }
}
