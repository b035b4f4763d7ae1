/**
 * How the checkpoint keeps the federation's signed lists on the device (docs/health-code-format.md):
 * the storage keys, the stored shapes, and opening (verifying) what is read back or fetched.
 * Nothing here trusts storage: every list is verified again when opened.
 */
import {
  deriveKid,
  verifyStatusList,
  verifyTrustList,
  type Lf1TrustStore,
  type RootKey,
  type SignatureBackend,
  type StatusList,
  type TrustList,
} from '@lianfang/core'
import { base64ToBytes, bytesToHex, hexToBytes } from './encoding'

/** Storage keys. */
export const LIST_KEYS = { root: 'root', trust: 'trust-list', status: 'status-lists' } as const

/** The root key as the server publishes it (`GET /api/trust-list/root`). */
export interface RootKeyJson {
  readonly kid: string
  readonly publicKeySpki: string
}

/** A signed list as kept: its bytes (Base64) and when it was fetched (ms since the epoch). */
export interface StoredList {
  readonly b64: string
  readonly fetchedAt: number
}
export interface StoredRoot extends RootKeyJson {
  readonly pinnedAt: number
}

export const seconds = (ms: number) => Math.floor(ms / 1000)
export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

export function asStoredList(v: unknown): StoredList | undefined {
  if (!isRecord(v) || typeof v['b64'] !== 'string' || typeof v['fetchedAt'] !== 'number') return undefined
  return { b64: v['b64'], fetchedAt: v['fetchedAt'] }
}

/** Checks a published root key: 8-byte hex kid = SHA-256(SPKI)[0..8]. */
export async function rootKeyFromJson(json: unknown, backend: SignatureBackend): Promise<RootKey | string> {
  if (!isRecord(json) || typeof json['kid'] !== 'string' || typeof json['publicKeySpki'] !== 'string')
    return 'root key needs kid and publicKeySpki'
  const kid = hexToBytes(json['kid'])
  const publicKey = base64ToBytes(json['publicKeySpki'])
  if (kid?.length !== 8 || publicKey === undefined || publicKey.length === 0) return 'malformed root key'
  const derived = await deriveKid(backend, publicKey)
  if (bytesToHex(derived) !== bytesToHex(kid)) return 'root kid does not match its public key'
  return { kid, publicKey }
}

export async function openTrust(
  b64: string,
  root: RootKey,
  backend: SignatureBackend,
  nowMs: number,
): Promise<{ ok: true; list: TrustList } | { ok: false; reason: string }> {
  const bytes = base64ToBytes(b64)
  if (!bytes) return { ok: false, reason: 'not Base64' }
  const opened = await verifyTrustList(bytes, [root], backend, seconds(nowMs))
  return opened.ok ? { ok: true, list: opened.value } : opened
}

export async function openStatus(
  b64: string,
  trust: Lf1TrustStore,
  backend: SignatureBackend,
): Promise<{ ok: true; list: StatusList } | { ok: false; reason: string }> {
  const bytes = base64ToBytes(b64)
  if (!bytes) return { ok: false, reason: 'not Base64' }
  const opened = await verifyStatusList(bytes, trust, backend)
  return opened.ok ? { ok: true, list: opened.value } : opened
}

export function storedStatusLists(raw: string | undefined): StoredList[] {
  const parsed = parseJson(raw)
  if (!Array.isArray(parsed)) return []
  return parsed.map(asStoredList).filter((s): s is StoredList => s !== undefined)
}
