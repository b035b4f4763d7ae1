import { generateKeyPairSync } from 'node:crypto'
import {
  can,
  createStatusBits,
  DomainError,
  setStatusBit,
  signStatusList,
  signTrustList,
  type SyncP256Signer,
  type TrustedKey,
} from '@lianfang/core'
import type { KeyInfo } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { isNodeOperator } from '../../auth/scope.js'
import { PiiCipher } from '../../crypto/pii-cipher.js'
import { createNodeP256Signer } from '../../crypto/node-signature-backend.js'
import { KeysRepository } from './keys.repository.js'

const DAY = 86_400
export const STATUS_LIST_ID = 'main'

export interface KeyPolicy {
  /** Node id: the `iss` of every code this node signs. */
  readonly issuer: string
  /** The node's own region (LIANFANG_NODE_REGION): only its admins manage the keys. */
  readonly region: string
  /** A code key signs for this long; the root for 10 years. */
  readonly codeKeyDays: number
  /** A retired key stays in the trust list this long (longer than any code lives). */
  readonly overlapDays: number
  /** Trust lists are valid this long; re-signed well before. */
  readonly trustListDays: number
  /** Status lists count as fresh for this many seconds. */
  readonly statusTtlSeconds: number
}

/** The confirmation a key change carries (contracts `KeyChangeBody`). */
export interface KeyChange {
  readonly confirm?: string | undefined
  readonly reason?: string | undefined
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const now = () => Math.floor(Date.now() / 1000)

/**
 * This node's signing keys (DESIGN.md "Health code (LF1)"): one active code key (rotated with
 * an overlap during which the retired key still verifies), revocation, and the federation root
 * that signs the trust list. Private keys are stored encrypted (AES-256-GCM, key derived from
 * the node secret). The signed trust list and status list are cached and re-made on change.
 */
export class KeysService {
  private readonly sealer: PiiCipher
  private signerCache: { kid: string; signer: SyncP256Signer } | undefined
  private trustCache: { bytes: Uint8Array; at: number } | undefined
  private statusCache: { bytes: Uint8Array; at: number; fingerprint: string } | undefined
  private readonly repo = new KeysRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    masterSecret: Uint8Array,
    readonly policy: KeyPolicy,
  ) {
    this.sealer = new PiiCipher(PiiCipher.derive(masterSecret, 'signing-keys-at-rest'))
  }

  /** Creates the root and a code key when missing (first start). */
  async ensureKeys(): Promise<void> {
    for (const purpose of ['root', 'code'] as const) {
      const active = await this.repo.activeKid(this.database.db, purpose)
      if (!active) await this.create(purpose)
    }
  }

  private async create(purpose: 'code' | 'root', tx = this.database.db): Promise<string> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const signer = createNodeP256Signer(privateKey)
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' })
    const t = now()
    const kid = hex(signer.kid)
    await this.repo.insert(tx, {
      kid,
      purpose,
      issuer: this.policy.issuer,
      region_code: this.policy.region,
      alg: 'ES256',
      public_spki: signer.publicKeySpki,
      private_enc: this.sealer.encrypt(pkcs8.toString('base64')),
      status: 'active',
      not_before: new Date((t - 300) * 1000),
      not_after: new Date((t + (purpose === 'root' ? 3650 : this.policy.codeKeyDays) * DAY) * 1000),
    })
    this.invalidate()
    return kid
  }

  private invalidate(): void {
    this.signerCache = undefined
    this.trustCache = undefined
    this.statusCache = undefined
  }

  private async signer(purpose: 'code' | 'root'): Promise<SyncP256Signer> {
    if (purpose === 'code' && this.signerCache) return this.signerCache.signer
    const row = await this.repo.activeSecret(this.database.db, purpose)
    if (!row?.private_enc)
      throw new DomainError('INTERNAL', `no active ${purpose} key; run the node once to create keys`)
    const signer = createNodeP256Signer(Buffer.from(this.sealer.decrypt(row.private_enc), 'base64'))
    if (purpose === 'code') this.signerCache = { kid: row.kid, signer }
    return signer
  }

  /** The active code signer (for issuing codes). */
  codeSigner(): Promise<SyncP256Signer> {
    return this.signer('code')
  }

  async list(): Promise<KeyInfo[]> {
    const rows = await this.repo.list(this.database.db)
    return rows.map((r) => ({
      kid: r.kid,
      purpose: r.purpose,
      issuer: r.issuer,
      region: r.region_code,
      status: r.status,
      notBefore: r.not_before.toISOString(),
      notAfter: r.not_after.toISOString(),
      publicKeySpki: Buffer.from(r.public_spki).toString('base64'),
    }))
  }

  /**
   * Whether `user` operates this node: an admin (`node:keys`) whose region is the node's own. An
   * admin of another city on the same node must not be able to invalidate every code of this one.
   */
  isOperator(user: SessionUser): boolean {
    return can(user.role, 'node:keys') && isNodeOperator(user, this.policy.region)
  }

  /**
   * The checks every key change passes, in this order: the caller operates the node (else 403,
   * and the refused attempt is audited), then the confirmation — `confirm` equal to `expectedKid`
   * and a non-empty `reason` (else 400 naming what is missing or wrong).
   */
  private async checkChange(
    user: SessionUser,
    action: 'rotate' | 'revoke',
    expectedKid: string | undefined,
    change: KeyChange,
  ): Promise<string> {
    if (!this.isOperator(user)) {
      await this.audit.record(user, {
        action: 'keys.denied',
        targetType: 'signing_key',
        targetId: expectedKid ?? null,
        details: { attempted: action, nodeRegion: this.policy.region },
      })
      throw new DomainError(
        'FORBIDDEN',
        `only an admin of the node region ${this.policy.region} may ${action} its signing keys`,
        { nodeRegion: this.policy.region },
      )
    }
    const reason = change.reason?.trim() ?? ''
    const missing = [...(change.confirm ? [] : ['confirm']), ...(reason === '' ? ['reason'] : [])]
    const what = action === 'rotate' ? 'the active code key id' : 'the id of the key being revoked'
    if (missing.length > 0)
      throw new DomainError(
        'VALIDATION_FAILED',
        `${missing.join(' and ')} required: confirm repeats ${what}`,
        {
          missing,
        },
      )
    if (change.confirm !== expectedKid)
      throw new DomainError('VALIDATION_FAILED', `confirm does not match ${what}`, {
        field: 'confirm',
        expected: action === 'rotate' ? 'active code key id' : 'revoked key id',
      })
    return reason
  }

  /**
   * A new active code key; the old one is retired and stays verifiable for the overlap period.
   * Operators only, confirmed with the active kid and a reason (see `checkChange`).
   */
  async rotate(user: SessionUser, change: KeyChange): Promise<KeyInfo[]> {
    const active = await this.repo.activeKid(this.database.db, 'code')
    const reason = await this.checkChange(user, 'rotate', active?.kid, change)
    await this.database.db.transaction().execute(async (tx) => {
      const old = await this.repo.activeKid(tx, 'code', true)
      // Rotated by someone else meanwhile: the confirmation named a key that is no longer active.
      if (old?.kid !== change.confirm)
        throw new DomainError('CONFLICT', 'the active code key changed meanwhile; confirm the new one')
      if (old) {
        await this.repo.retire(tx, old.kid, new Date((now() + this.policy.overlapDays * DAY) * 1000))
      }
      const kid = await this.create('code', tx)
      await this.audit.append(tx, user, {
        action: 'keys.rotate',
        targetType: 'signing_key',
        targetId: kid,
        reason,
        details: { retired: old?.kid ?? null },
      })
    })
    this.invalidate()
    return this.list()
  }

  /**
   * Revokes a key: codes it signed stop verifying as soon as verifiers fetch the trust list.
   * Operators only, confirmed with the key's own id and a reason (see `checkChange`).
   */
  async revoke(user: SessionUser, kid: string, change: KeyChange): Promise<KeyInfo[]> {
    const reason = await this.checkChange(user, 'revoke', kid, change)
    await this.database.db.transaction().execute(async (tx) => {
      const row = await this.repo.statusOf(tx, kid)
      if (!row) throw new DomainError('NOT_FOUND', `key ${kid} does not exist`)
      if (row.purpose === 'root')
        throw new DomainError('CONFLICT', 'the root key is replaced by the federation, not revoked here')
      if (row.status === 'revoked') throw new DomainError('CONFLICT', `key ${kid} is already revoked`)
      await this.repo.revoke(tx, kid)
      await this.audit.append(tx, user, {
        action: 'keys.revoke',
        targetType: 'signing_key',
        targetId: kid,
        reason,
      })
      if (row.status === 'active') await this.create('code', tx)
    })
    this.invalidate()
    return this.list()
  }

  /** The root's public key (SPKI DER) and kid: what a verifier pins. */
  async root(): Promise<{ kid: string; publicKeySpki: string }> {
    const row = await this.repo.activeRoot(this.database.db)
    if (!row) throw new DomainError('NOT_FOUND', 'no root key yet')
    return { kid: row.kid, publicKeySpki: Buffer.from(row.public_spki).toString('base64') }
  }

  /** The trust list (COSE_Sign1 by the root), re-signed at most every 10 minutes or on change. */
  async trustList(): Promise<Uint8Array> {
    if (this.trustCache && now() - this.trustCache.at < 600) return this.trustCache.bytes
    const rows = await this.repo.liveCodeKeys(this.database.db, new Date())
    const revoked = await this.repo.revokedCodeKeys(this.database.db)
    const byKid = new Map([...rows, ...revoked].map((r) => [r.kid, r]))
    const keys: TrustedKey[] = [...byKid.values()].map((r) => ({
      kid: new Uint8Array(Buffer.from(r.kid, 'hex')),
      issuer: r.issuer,
      region: r.region_code,
      alg: 'ES256',
      publicKey: new Uint8Array(r.public_spki),
      notBefore: Math.floor(r.not_before.getTime() / 1000),
      notAfter: Math.floor(r.not_after.getTime() / 1000),
      status: r.status,
    }))
    const keyCount = await this.repo.count(this.database.db)
    const t = now()
    const bytes = await signTrustList(
      {
        version: t * 100 + (keyCount % 100),
        issuedAt: t,
        expiresAt: t + this.policy.trustListDays * DAY,
        keys,
      },
      await this.signer('root'),
    )
    this.trustCache = { bytes, at: t }
    return bytes
  }

  /** The status list (COSE_Sign1 by the active code key): a bit per revoked or changed code. */
  async statusList(): Promise<Uint8Array> {
    const t = now()
    // Re-signed when a bit changed (cheap fingerprint query) or after 60 s.
    const fp = await this.repo.statusFingerprint(this.database.db)
    const fingerprint = JSON.stringify(fp ?? {})
    if (this.statusCache && this.statusCache.fingerprint === fingerprint && t - this.statusCache.at < 60)
      return this.statusCache.bytes
    const bits = await this.repo.statusBits(this.database.db)
    const maxIndex = Math.max(fp?.h ?? 0, ...bits.map((b) => b.status_index))
    const size = Math.max(1024, Math.ceil((maxIndex + 1) / 1024) * 1024 * 2)
    const packed = createStatusBits(size)
    for (const b of bits) setStatusBit(packed, b.status_index)
    const bytes = await signStatusList(
      {
        issuer: this.policy.issuer,
        listId: STATUS_LIST_ID,
        issuedAt: t,
        ttl: this.policy.statusTtlSeconds,
        size,
        bits: packed,
      },
      await this.signer('code'),
    )
    this.statusCache = { bytes, at: t, fingerprint }
    return bytes
  }

  /** Marks a status index revoked (e.g. a code shown by someone else) and drops the cache. */
  async revokeCode(user: SessionUser, statusIndex: number, reason: string): Promise<void> {
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.revokeStatus(tx, statusIndex)
      await this.audit.append(tx, user, {
        action: 'code.revoke',
        targetType: 'status_index',
        targetId: String(statusIndex),
        reason,
      })
    })
    this.statusCache = undefined
  }
}
