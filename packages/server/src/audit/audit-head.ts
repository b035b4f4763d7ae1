/**
 * The audit chain's head, signed by the node's issuer key, for a second party to keep (issue #14:
 * the API's own database role could rewrite or truncate `audit_log` and recompute every hash, so
 * the chain alone proves nothing to someone who does not trust the node). A kept head pins
 * "record `id` had hash `hash`": if the node later truncates the chain or re-chains it, the record
 * at that id is gone or hashes differently, and the node's own signature on the kept head shows it
 * said otherwise before. See docs/audit-head.md.
 *
 * Format: a JWS (RFC 7515) in compact serialisation, `alg` ES256 (RFC 7518 §3.4, raw r‖s, low-S
 * as every signature of this node), `kid` the hex key id of the active code key (the one in the
 * trust list, `GET /api/trust-list`), `typ` {@link AUDIT_HEAD_TYPE}; the payload is the JSON of
 * {@link AuditHead}. Any JOSE library verifies it; {@link verifyAuditHead} is ours. The signing
 * input of a JWS starts with the Base64url of `{"alg"`, a COSE Sig_structure with the CBOR array
 * header 0x84: a head can never be taken for an LF1 code, a trust list or a status list.
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { compactVerify } from 'jose'
import { isLowSP256, type P256Signer } from '@lianfang/core'
import type { SignedAuditHead } from '@lianfang/contracts'
import type { Database } from '../db/database.js'
import { GENESIS_HASH } from './audit-hash.js'
import { AuditRepository } from './audit.repository.js'

/** The JWS `typ` of a signed audit head. */
export const AUDIT_HEAD_TYPE = 'lianfang-audit-head+jws'

/** What a signed head says: on node `node`, at time `at`, the record `id` had hash `hash`. */
export interface AuditHead {
  readonly node: string
  /** When the node signed it (ISO 8601). */
  readonly at: string
  /** The audit record id (decimal text, as `audit_log.id`); null: the chain was empty. */
  readonly id: string | null
  /** That record's hash (hex SHA-256); the genesis hash for an empty chain. */
  readonly hash: string
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url')
const HASH = /^[0-9a-f]{64}$/
const ID = /^[1-9][0-9]{0,18}$/

/** Signs a head with `signer` (the node's active code key). */
export async function signAuditHead(head: AuditHead, signer: P256Signer): Promise<SignedAuditHead> {
  const kid = Buffer.from(signer.kid).toString('hex')
  const header = b64url(JSON.stringify({ alg: 'ES256', kid, typ: AUDIT_HEAD_TYPE }))
  const payload = b64url(JSON.stringify(head))
  const signature = await signer.sign(new TextEncoder().encode(`${header}.${payload}`))
  return { jws: `${header}.${payload}.${b64url(signature)}`, kid, head: { ...head } }
}

export type AuditHeadVerification =
  | { readonly ok: true; readonly head: AuditHead; readonly kid: string }
  | { readonly ok: false; readonly reason: string }

function publicKeyOf(key: Uint8Array | string | KeyObject): KeyObject {
  if (typeof key === 'string') {
    return key.includes('-----BEGIN')
      ? createPublicKey(key)
      : createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' })
  }
  if (key instanceof Uint8Array)
    return createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' })
  return key
}

function headOf(value: unknown): AuditHead | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const { node, at, id, hash } = v
  if (Object.keys(v).length !== 4) return undefined
  if (typeof node !== 'string' || node === '' || typeof at !== 'string' || Number.isNaN(Date.parse(at)))
    return undefined
  if (!(id === null || (typeof id === 'string' && ID.test(id)))) return undefined
  if (typeof hash !== 'string' || !HASH.test(hash) || (id === null && hash !== GENESIS_HASH)) return undefined
  return { node, at, id, hash }
}

/**
 * Verifies a signed head (the JWS text, or the object `GET /api/audit/head` answers) with the
 * node's public key: SPKI DER bytes, their base64 (as the trust list and `GET /api/keys` give
 * them), a PEM, or a KeyObject. Checks alg ES256, the `typ`, a low-S signature and the payload's
 * shape. Never throws. The caller decides which key is the node's: take it from the trust list
 * opened with the pinned root (`verifyTrustList`), by the `kid` this returns.
 */
export async function verifyAuditHead(
  signed: string | { readonly jws: string },
  publicKey: Uint8Array | string | KeyObject,
): Promise<AuditHeadVerification> {
  try {
    const jws = typeof signed === 'string' ? signed.trim() : signed.jws
    const parts = jws.split('.')
    if (parts.length !== 3) return { ok: false, reason: 'not a JWS in compact serialisation' }
    if (!isLowSP256(Buffer.from(parts[2] ?? '', 'base64url')))
      return { ok: false, reason: 'signature is not a low-S ES256 signature' }
    let verified
    try {
      verified = await compactVerify(jws, publicKeyOf(publicKey), { algorithms: ['ES256'] })
    } catch (e) {
      return {
        ok: false,
        reason: `signature does not verify (${e instanceof Error ? e.message : String(e)})`,
      }
    }
    const { protectedHeader, payload } = verified
    if (protectedHeader.typ !== AUDIT_HEAD_TYPE) return { ok: false, reason: `typ is not ${AUDIT_HEAD_TYPE}` }
    if (typeof protectedHeader.kid !== 'string') return { ok: false, reason: 'no kid in the header' }
    const head = headOf(JSON.parse(new TextDecoder().decode(payload)))
    if (!head) return { ok: false, reason: 'payload is not an audit head' }
    return { ok: true, head, kid: protectedHeader.kid }
  } catch (e) {
    return { ok: false, reason: `unexpected: ${e instanceof Error ? e.message : String(e)}` }
  }
}

/** What a kept head says about the chain the node shows now. */
export type HeadCheck = 'consistent' | 'truncated' | 'rewritten'

/**
 * Compares a head kept earlier with the chain as the node serves it now: `recordHash` is the hash
 * the node now shows for `kept.id` (undefined: no such record any more). A kept head of an empty
 * chain is consistent with anything. Pure: the second party fetches the record however it likes
 * (`GET /api/audit/head?id=…` gives it signed, which makes a contradiction provable).
 */
export function checkKeptHead(kept: AuditHead, recordHash: string | undefined): HeadCheck {
  if (kept.id === null) return 'consistent'
  if (recordHash === undefined) return 'truncated'
  return recordHash === kept.hash ? 'consistent' : 'rewritten'
}

/** The signer of heads: the node's active code key (`KeysService.codeSigner`). */
export interface HeadSignerSource {
  codeSigner(): Promise<P256Signer>
}

/** Reads the chain's head (or one record) and signs it. */
export class AuditHeadService {
  private readonly repo = new AuditRepository()

  constructor(
    private readonly database: Database,
    private readonly keys: HeadSignerSource,
    private readonly nodeId: string,
  ) {}

  /** The latest record (or, with `id`, that record) signed; undefined when `id` names none. */
  async signed(id?: string): Promise<SignedAuditHead | undefined> {
    const row = await (id === undefined
      ? this.repo.latest(this.database.db)
      : this.repo.findHead(this.database.db, id))
    if (!row && id !== undefined) return undefined
    const head: AuditHead = {
      node: this.nodeId,
      at: new Date().toISOString(),
      id: row ? row.id : null,
      hash: row?.hash ?? GENESIS_HASH,
    }
    return signAuditHead(head, await this.keys.codeSigner())
  }
}
