import { X509Certificate } from 'node:crypto'
import {
  createDccTrustStore,
  createWebCryptoBackend,
  deriveKid,
  DomainError,
  parseDscCertificate,
  pemToDer,
  verifyDcc,
  type DccTrustStore,
  type DscCertificate,
  type SignatureBackend,
} from '@lianfang/core'
import type { DccSigner, DccSignerAddBody, DccSignerRemoveBody, DccVerifyResult } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { isNodeOperator } from '../../auth/scope.js'
import { DccRepository } from './dcc.repository.js'
import { isoOfSeconds, summarizeDcc } from './dcc-summary.js'

/** The trust store is rebuilt at least this often (another process of the node may change it). */
const TRUST_TTL_MS = 60_000

type SignerRef = { id: string; kid: string; label: string; country: string | null }

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

/** Subject (one `K=V` per line in Node's form) as one line, its C= and CN=. */
function subjectOf(der: Uint8Array): { subject: string; country: string | null; commonName: string | null } {
  let lines: string[] = []
  try {
    lines = new X509Certificate(der).subject.split('\n')
  } catch {
    // @peculiar parsed it (core); Node's parser may still refuse an unusual encoding.
  }
  const value = (key: string) => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1) ?? null
  const country = value('C')
  return {
    subject: lines.join(', ').slice(0, 1000),
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    commonName: value('CN'),
  }
}

/**
 * EU DCC verification against the node's trust list (docs/dcc.md). Node operators (admins of the
 * node region, as for the node's own keys) add document signer certificates from PEM and remove
 * them with a reason; officers with `code:verify` verify `HC1:` codes. Core's `verifyDcc` does
 * the work (eHN DCC Tech. Spec. Vol. 1); nothing of the holder is stored.
 */
export class DccService {
  private readonly repo = new DccRepository()
  private trust: { at: number; store: DccTrustStore; byKid: Map<string, SignerRef> } | undefined

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly nodeRegion: string,
    private readonly backend: SignatureBackend = createWebCryptoBackend(),
  ) {}

  async signers(): Promise<DccSigner[]> {
    const rows = await this.repo.list(this.database.db)
    return rows.map((r) => ({
      id: r.id,
      kid: r.kid,
      country: r.country,
      label: r.label,
      subject: r.subject,
      keyType: parseDscCertificate(new Uint8Array(r.der))?.keyType ?? 'other',
      notBefore: r.not_before.toISOString(),
      notAfter: r.not_after.toISOString(),
      addedBy: r.added_by_name ?? null,
      addedAt: r.added_at.toISOString(),
    }))
  }

  /** Only the node's operators change the node-wide trust list; a refused attempt is audited. */
  private async checkOperator(user: SessionUser, action: 'add' | 'remove', target: string | null) {
    if (isNodeOperator(user, this.nodeRegion)) return
    await this.audit.record(user, {
      action: 'dcc.denied',
      targetType: 'dcc_signer',
      targetId: target,
      details: { attempted: action, nodeRegion: this.nodeRegion },
    })
    throw new DomainError(
      'FORBIDDEN',
      `only an admin of the node region ${this.nodeRegion} may change the DCC trust list`,
      { nodeRegion: this.nodeRegion },
    )
  }

  /** Trusts a DSC given as PEM (or bare Base64 DER). */
  async add(user: SessionUser, body: DccSignerAddBody): Promise<DccSigner> {
    await this.checkOperator(user, 'add', null)
    const der = pemToDer(body.pem)
    const dsc = der && der.length > 0 ? parseDscCertificate(der) : undefined
    if (!der || !dsc)
      throw new DomainError('VALIDATION_FAILED', 'pem holds no X.509 certificate that can be read', {
        field: 'pem',
        keyword: 'certificate',
      })
    if (dsc.keyType === 'other')
      throw new DomainError(
        'VALIDATION_FAILED',
        'the certificate has no key a DCC can be signed with (EC P-256/384/521 or RSA)',
        { field: 'pem', keyword: 'certificateKey' },
      )
    const kid = hex(await deriveKid(this.backend, der))
    const { subject, country, commonName } = subjectOf(der)
    const label = (body.label?.trim() || commonName?.trim() || kid).slice(0, 200)
    const id = await this.database.db.transaction().execute(async (tx) => {
      if (await this.repo.liveByKid(tx, kid))
        throw new DomainError('CONFLICT', `a signer with kid ${kid} is already trusted`, { field: 'pem' })
      const { id } = await this.repo.insert(tx, {
        kid,
        country,
        label,
        subject,
        der,
        not_before: new Date(dsc.notBefore * 1000),
        not_after: new Date(dsc.notAfter * 1000),
        added_by: user.id,
      })
      await this.audit.append(tx, user, {
        action: 'dcc.signer.add',
        targetType: 'dcc_signer',
        targetId: id,
        details: { kid, country, label },
      })
      return id
    })
    this.trust = undefined
    const added = (await this.signers()).find((s) => s.id === id)
    if (!added) throw new DomainError('CONFLICT', 'the signer was removed meanwhile')
    return added
  }

  async remove(user: SessionUser, id: string, body: DccSignerRemoveBody): Promise<DccSigner[]> {
    await this.checkOperator(user, 'remove', id)
    const reason = body.reason.trim()
    if (reason.length < 2)
      throw new DomainError('VALIDATION_FAILED', 'reason required', { field: 'reason', missing: ['reason'] })
    await this.database.db.transaction().execute(async (tx) => {
      const row = await this.repo.remove(tx, id, user.id, reason)
      if (!row) throw new DomainError('NOT_FOUND', `no trusted signer ${id}`)
      await this.audit.append(tx, user, {
        action: 'dcc.signer.remove',
        targetType: 'dcc_signer',
        targetId: id,
        reason,
        details: { kid: row.kid, country: row.country, label: row.label },
      })
    })
    this.trust = undefined
    return this.signers()
  }

  private async trustStore() {
    if (this.trust && Date.now() - this.trust.at < TRUST_TTL_MS) return this.trust
    const rows = await this.repo.liveCertificates(this.database.db)
    const certs: DscCertificate[] = []
    const byKid = new Map<string, SignerRef>()
    for (const r of rows) {
      const dsc = parseDscCertificate(new Uint8Array(r.der))
      if (!dsc) continue
      certs.push(dsc)
      byKid.set(r.kid, { id: r.id, kid: r.kid, label: r.label, country: r.country })
    }
    this.trust = { at: Date.now(), store: await createDccTrustStore(certs, this.backend), byKid }
    return this.trust
  }

  /** Verifies `HC1:` text at `atSeconds` (seconds since the epoch); no audit (see `verify`). */
  async check(qr: string, atSeconds: number): Promise<DccVerifyResult> {
    const { store, byKid } = await this.trustStore()
    const result = await verifyDcc(qr, { trust: store, now: atSeconds }, this.backend)
    const checkedAt = isoOfSeconds(atSeconds) ?? new Date().toISOString()
    if (!result.ok)
      return { ok: false, stage: result.stage, reason: result.reason, checkedAt, signer: null, summary: null }
    return {
      ok: true,
      stage: null,
      reason: null,
      checkedAt,
      signer: byKid.get(result.kid) ?? null,
      summary: summarizeDcc(result),
    }
  }

  /**
   * Verifies `HC1:` text now. Audited with who verified, the outcome and the issuing country —
   * never the holder's name or date of birth.
   */
  async verify(user: SessionUser, qr: string): Promise<DccVerifyResult> {
    const result = await this.check(qr, Date.now() / 1000)
    await this.audit.record(user, {
      action: 'dcc.verify',
      targetType: 'dcc',
      targetId: result.signer?.kid ?? null,
      details: {
        ok: result.ok,
        stage: result.stage,
        country: result.summary?.issuerCountry ?? null,
        type: result.summary?.type ?? null,
      },
    })
    return result
  }
}
