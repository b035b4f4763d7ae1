import { DomainError, maskName, signLf1Sync, type Lf1Verification } from '@lianfang/core'
import type { CodeVerification, HealthCodeStatus, MyHealthCode } from '@lianfang/contracts'
import { deflateSync } from 'node:zlib'
import { type CodeVerifier, type KeysService, STATUS_LIST_ID } from '../keys/index.js'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { ColourRepository } from './colour.repository.js'
import { toStatus, type ColourService } from './colour.service.js'

export interface HistoryEntry {
  colour: HealthCodeStatus['colour']
  previousColour: HealthCodeStatus['colour'] | null
  ruleSetVersion: string
  at: string
  reasons: { code: string; text: { 'zh-CN': string; en: string } }[]
}

/** Reading colours: a citizen's own, or (staff, scoped and audited) a person's. */
export class CodesService {
  private readonly repo = new ColourRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
    private readonly keys: KeysService,
    private readonly verifier: CodeVerifier,
    /** How long an issued code is valid (short: hours at most). */
    private readonly codeTtlSeconds = 4 * 3600,
  ) {}

  /**
   * The citizen's signed code (LF1): colour, masked name, pseudonymous subject and status index.
   * It expires after `codeTtlSeconds`, or earlier when the colour is due to be recomputed.
   */
  async issueMine(user: SessionUser): Promise<MyHealthCode> {
    const personId = this.ownPerson(user)
    const code = await this.colours.current(personId)
    const person = await this.repo.personName(this.database.db, personId)
    if (!person) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    const now = Math.floor(Date.now() / 1000)
    const until = Math.floor(code.valid_until.getTime() / 1000)
    const expiresAt = Math.max(now + 60, Math.min(now + this.codeTtlSeconds, until))
    const masked = maskName(person.name)
    const qr = signLf1Sync(
      {
        issuer: this.keys.policy.issuer,
        region: this.keys.policy.region,
        subject: code.subject_id,
        maskedName: masked,
        colour: code.colour as MyHealthCode['colour'],
        issuedAt: now,
        expiresAt,
        statusListId: STATUS_LIST_ID,
        statusIndex: code.status_index,
      },
      await this.keys.codeSigner(),
      { deflate: (d) => new Uint8Array(deflateSync(d, { level: 9 })) },
    )
    return {
      ...toStatus(code),
      qr,
      issuedAt: new Date(now * 1000).toISOString(),
      expiresAt: new Date(expiresAt * 1000).toISOString(),
      maskedName: masked,
    }
  }

  /** Verifies a presented code on the server (online checkpoints); audited as a scan. */
  async verify(user: SessionUser, qr: string): Promise<CodeVerification> {
    const v: Lf1Verification = await this.verifier.verify(qr.trim())
    await this.audit.record(user, {
      action: 'code.verify',
      targetType: 'health_code',
      targetId: v.ok ? v.claims.subject : null,
      details: v.ok ? { colour: v.claims.colour } : { stage: v.stage },
    })
    if (!v.ok)
      return {
        ok: false,
        stage: v.stage,
        reason: v.reason,
        colour: null,
        maskedName: null,
        issuer: null,
        expiresAt: null,
        statusFresh: null,
      }
    return {
      ok: true,
      stage: null,
      reason: null,
      colour: v.claims.colour,
      maskedName: v.claims.maskedName,
      issuer: v.claims.issuer,
      expiresAt: new Date(v.claims.expiresAt * 1000).toISOString(),
      statusFresh: v.statusFresh,
    }
  }

  private ownPerson(user: SessionUser): string {
    if (!user.personId)
      throw new DomainError('PERSON_NOT_FOUND', 'your account is not linked to a person record')
    return user.personId
  }

  async mine(user: SessionUser): Promise<HealthCodeStatus> {
    return toStatus(await this.colours.current(this.ownPerson(user)))
  }

  async myHistory(user: SessionUser): Promise<HistoryEntry[]> {
    return this.history(this.ownPerson(user))
  }

  async forPerson(user: SessionUser, scope: Scope, personId: string): Promise<HealthCodeStatus> {
    await this.inScope(scope, personId)
    await this.audit.record(user, { action: 'health_code.read', targetType: 'person', targetId: personId })
    return toStatus(await this.colours.current(personId))
  }

  async historyForPerson(user: SessionUser, scope: Scope, personId: string): Promise<HistoryEntry[]> {
    await this.inScope(scope, personId)
    await this.audit.record(user, { action: 'health_code.history', targetType: 'person', targetId: personId })
    return this.history(personId)
  }

  /** 404 for no such person, 403 OUT_OF_SCOPE for another region's (as persons do). */
  private async inScope(scope: Scope, personId: string): Promise<void> {
    const p = await this.repo.regionOf(this.database.db, personId)
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    scope.assert(p.region_code, `person ${personId}`)
  }

  private async history(personId: string): Promise<HistoryEntry[]> {
    await this.colours.current(personId)
    const rows = await this.repo.history(this.database.db, personId, 200)
    return rows.map((r) => ({
      colour: r.colour as HistoryEntry['colour'],
      previousColour: r.previous_colour as HistoryEntry['previousColour'],
      ruleSetVersion: r.rule_set_version,
      at: r.at.toISOString(),
      reasons: r.reasons as HistoryEntry['reasons'],
    }))
  }
}
