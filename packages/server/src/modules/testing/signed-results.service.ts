import {
  DomainError,
  LR1_DEFAULT_VALIDITY_SECONDS,
  maskName,
  signLr1Sync,
  verifyLr1Sync,
  type Lr1Verification,
} from '@lianfang/core'
import type { FactCreated, NatResultVerification, SignedNatResult } from '@lianfang/contracts'
import { deflateSync } from 'node:zlib'
import type { Database } from '../../db/database.js'
import type { Executor } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { ColourService, FactWriter } from '../health-codes/index.js'
import { flagStatusChanged, STATUS_LIST_ID, type CodeVerifier, type KeysService } from '../keys/index.js'
import { SignedResultsRepository, type ResultRow } from './signed-results.repository.js'

const LIST_LIMIT = 100
const seconds = (d: Date) => Math.floor(d.getTime() / 1000)
const iso = (s: number) => new Date(s * 1000).toISOString()
const deflate = (d: Uint8Array) => new Uint8Array(deflateSync(d, { level: 9 }))

/**
 * Signed test results (LR1, docs/health-code-format.md): a person's final results as QR texts
 * signed by the node's active code key, their verification against the trust list, and the import
 * of another node's result, stored as a `nat_results` row naming its issuer so the health code
 * reads it like a local one. A result is recognised for {@link LR1_DEFAULT_VALIDITY_SECONDS} after
 * sampling (RULES.md has no national window: UNSOURCED beyond TEST.EXAMPLE.BJ's 7 days).
 */
export class SignedResultsService {
  private readonly repo = new SignedResultsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly writer: FactWriter,
    private readonly colours: ColourService,
    private readonly keys: KeysService,
    private readonly verifier: CodeVerifier,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The citizen's own results, newest first, each final one with its QR. */
  async mine(user: SessionUser): Promise<SignedNatResult[]> {
    return this.signedResultsOf(this.ownPerson(user))
  }

  /** A person's results with their QR texts (staff: in scope, audited). */
  async ofPerson(user: SessionUser, scope: Scope, personId: string): Promise<SignedNatResult[]> {
    const p = await this.repo.person(this.database.db, personId)
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    scope.assert(p.region_code, `person ${personId}`)
    await this.audit.record(user, { action: 'nat_result.sign', targetType: 'person', targetId: personId })
    return this.signedResultsOf(personId)
  }

  private async signedResultsOf(personId: string): Promise<SignedNatResult[]> {
    const [person, rows] = await Promise.all([
      this.repo.person(this.database.db, personId),
      this.repo.resultsOf(this.database.db, personId, LIST_LIMIT),
    ])
    if (!person) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    // The LR1 subject is the person's LF1 one; a person whose colour was never computed has none yet.
    const subject =
      person.subject_id ?? (rows.length > 0 ? (await this.colours.current(personId)).subject_id : '')
    const signer = rows.length > 0 ? await this.keys.codeSigner() : undefined
    const now = seconds(this.clock())
    return rows.map((r) => {
      const recognisedUntil = seconds(r.sampled_at) + LR1_DEFAULT_VALIDITY_SECONDS
      const noQr = this.noQr(r, recognisedUntil, now)
      let qr: string | null = null
      if (!noQr && r.source_qr !== null) qr = r.source_qr
      else if (!noQr && signer && r.result !== 'pending')
        qr = signLr1Sync(
          {
            issuer: this.keys.policy.issuer,
            region: this.keys.policy.region,
            subject,
            maskedName: maskName(person.name),
            result: r.result,
            kind: r.pooled ? 'pooled' : 'single',
            sampledAt: seconds(r.sampled_at),
            // Reported between sampling and now (a clock set wrong at the lab moves neither).
            resultedAt: Math.max(seconds(r.sampled_at), Math.min(seconds(r.resulted_at), now)),
            lab: (r.lab ?? '').slice(0, 64),
            resultId: r.id,
            issuedAt: now,
            expiresAt: recognisedUntil,
            statusListId: STATUS_LIST_ID,
            statusIndex: r.status_index,
          },
          signer,
          { deflate },
        )
      return {
        id: r.id,
        sampledAt: r.sampled_at.toISOString(),
        resultedAt: r.resulted_at.toISOString(),
        result: r.result,
        kind: r.pooled ? 'pooled' : 'single',
        lab: r.lab,
        source: r.source_issuer === null ? 'local' : 'imported',
        issuer: r.source_issuer ?? this.keys.policy.issuer,
        issuerRegion: r.source_issuer === null ? this.keys.policy.region : r.source_region,
        voided: r.voided,
        recognisedUntil: iso(recognisedUntil),
        qr,
        noQr,
      }
    })
  }

  /** Why a result gets no QR; null when it gets one. */
  private noQr(r: ResultRow, recognisedUntil: number, now: number): SignedNatResult['noQr'] {
    if (r.voided) return 'voided'
    if (r.result === 'pending') return 'pending'
    // POOL.POSITIVE: a positive pool says only that someone in the tube is positive.
    if (r.result === 'positive' && r.pooled) return 'pooled_positive'
    if (now >= recognisedUntil) return 'expired'
    return null
  }

  /** Verifies against this node's trust list and the status lists it holds. */
  private async check(qr: string): Promise<Lr1Verification> {
    const { trust, statusLists, backend } = await this.verifier.lists()
    // Other issuers' status lists come with the federation; until then their results verify
    // without one, and the answer says so (`statusChecked: false`). This node's list is held.
    return verifyLr1Sync(
      qr.trim(),
      { trust, statusLists, now: seconds(this.clock()), requireStatus: false },
      backend,
    )
  }

  /** A presented result, verified as an offline verifier would; audited like a code scan. */
  async verify(user: SessionUser, qr: string): Promise<NatResultVerification> {
    const v = await this.check(qr)
    await this.audit.record(user, {
      action: 'nat_result.verify',
      targetType: 'nat_result',
      targetId: v.ok ? `${v.claims.issuer}/${v.claims.resultId}` : null,
      details: v.ok ? { result: v.claims.result, statusChecked: v.statusChecked } : { stage: v.stage },
    })
    if (!v.ok)
      return {
        ok: false,
        stage: v.stage,
        reason: v.reason,
        result: null,
        kind: null,
        maskedName: null,
        issuer: null,
        issuerRegion: null,
        lab: null,
        sampledAt: null,
        resultedAt: null,
        expiresAt: null,
        statusChecked: null,
        statusFresh: null,
      }
    const c = v.claims
    return {
      ok: true,
      stage: null,
      reason: null,
      result: c.result,
      kind: c.kind,
      maskedName: c.maskedName,
      issuer: c.issuer,
      issuerRegion: c.region,
      lab: c.lab === '' ? null : c.lab,
      sampledAt: iso(c.sampledAt),
      resultedAt: iso(c.resultedAt),
      expiresAt: iso(c.expiresAt),
      statusChecked: v.statusChecked,
      statusFresh: v.statusFresh,
    }
  }

  /**
   * A citizen adds a signed result (结果互认): it must verify; this node's own result is already
   * theirs (409) or someone else's (403); another node's must carry their masked name (the
   * subject id is that node's pseudonym, meaningless here) and is stored once, naming its issuer.
   */
  async importMine(user: SessionUser, qr: string): Promise<FactCreated> {
    const personId = this.ownPerson(user)
    const v = await this.check(qr)
    if (!v.ok)
      throw new DomainError('RESULT_INVALID', `the result does not verify (${v.stage}): ${v.reason}`, {
        stage: v.stage,
      })
    const c = v.claims
    const person = await this.repo.person(this.database.db, personId)
    if (!person) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    if (c.issuer === this.keys.policy.issuer) {
      if (c.subject !== person.subject_id)
        throw new DomainError('RESULT_NOT_YOURS', 'this result of this node is another person’s')
      throw new DomainError('RESULT_EXISTS', 'this result is yours on this node already', {
        resultId: c.resultId,
      })
    }
    if (c.maskedName !== maskName(person.name))
      throw new DomainError('RESULT_NOT_YOURS', 'the result carries another name', { field: 'qr' })
    const exists = (db: Executor) => this.repo.imported(db, c.issuer, c.resultId)
    const duplicate = () =>
      new DomainError('RESULT_EXISTS', `result ${c.resultId} of ${c.issuer} was imported already`, {
        resultId: c.resultId,
      })
    if (await exists(this.database.db)) throw duplicate()
    return this.writer.change(user, undefined, 'fact.nat_result_import', async (tx, p) => {
      const id = await this.repo.insertImported(tx, {
        personId: p.id,
        regionCode: p.region_code,
        sampledAt: new Date(c.sampledAt * 1000),
        resultedAt: new Date(c.resultedAt * 1000),
        result: c.result,
        pooled: c.kind === 'pooled',
        lab: c.lab === '' ? null : c.lab,
        enteredBy: user.id,
        issuer: c.issuer,
        resultId: c.resultId,
        issuerRegion: c.region,
        kid: v.kid,
        qr: qr.trim(),
      })
      if (id === null) throw duplicate()
      return id
    })
  }

  /**
   * A voided result's LR1 stops verifying: its status bit is set (in the caller's transaction;
   * the appeal that voids it). Results never signed have a bit too, so nothing is missed.
   */
  static async revokeIn(tx: Executor, resultId: string): Promise<void> {
    const row = await new SignedResultsRepository().statusIndexOf(tx, resultId)
    if (row) await flagStatusChanged(tx, [row.status_index])
  }

  private ownPerson(user: SessionUser): string {
    if (!user.personId)
      throw new DomainError('PERSON_NOT_FOUND', 'your account is not linked to a person record')
    return user.personId
  }
}
