import type { Transaction } from 'kysely'
import { DomainError } from '@lianfang/core'
import type { Appeal, DecideAppealBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { Executor } from '../../db/kit.js'
import { AppealsRepository } from './appeals.repository.js'
import type { ColourService } from '../health-codes/index.js'

type Correction = NonNullable<DecideAppealBody['corrections']>[number]
type AppealRow = {
  id: string
  person_id: string
  name: string
  region_code: string
  colour: string
  reasons: unknown
  statement: string
  status: string
  decision_note: string | null
  corrections: unknown
  created_at: Date
  decided_at: Date | null
}

function toAppeal(r: AppealRow): Appeal {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.name,
    regionCode: r.region_code,
    colour: r.colour as Appeal['colour'],
    reasons: r.reasons as Appeal['reasons'],
    statement: r.statement,
    status: r.status as Appeal['status'],
    decisionNote: r.decision_note,
    corrections: r.corrections as Appeal['corrections'],
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  }
}

/**
 * Appeals (纠错, GB/T 38963 "correction"): a citizen contests a colour with a statement; it
 * lands in the review queue of the person's region; the reviewer accepts (correcting the
 * facts that were wrong — voiding them, never deleting) or rejects, and the decision and
 * every correction are audited. Corrections recompute the colour at once.
 */
export class AppealsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
  ) {}

  private readonly repo = new AppealsRepository()

  async file(user: SessionUser, scope: Scope, statement: string): Promise<Appeal> {
    if (!user.personId)
      throw new DomainError('PERSON_NOT_FOUND', 'your account is not linked to a person record')
    const code = await this.colours.current(user.personId)
    if (code.colour === 'green')
      throw new DomainError('CONFLICT', 'your code is green: there is nothing to contest')
    const personId = user.personId
    const id = await this.database.db.transaction().execute(async (tx) => {
      const open = await this.repo.openOf(tx, personId)
      if (open) throw new DomainError('CONFLICT', `appeal ${open.id} is still open`)
      const reasons = (code.reasons as { code: string; text: unknown }[]).map((r) => ({
        code: r.code,
        text: r.text,
      }))
      const row = await this.repo.insert(tx, {
        person_id: personId,
        region_code: code.region_code,
        colour: code.colour,
        reasons: JSON.stringify(reasons),
        statement: statement.trim(),
      })
      await this.audit.append(tx, user, { action: 'appeal.file', targetType: 'appeal', targetId: row.id })
      return row.id
    })
    return toAppeal(await this.found(scope, id))
  }

  /** A citizen's own appeals (their scope is their person); staff have none here. */
  async mine(scope: Scope): Promise<Appeal[]> {
    if (scope.kind !== 'person') return []
    return (await this.repo.latest(this.database.db, scope, 50)).map(toAppeal)
  }

  async queue(
    user: SessionUser,
    scope: Scope,
    status: Appeal['status'] | undefined,
    page: number,
    pageSize: number,
  ) {
    const rows = await this.repo.list(this.database.db, scope, status, page, pageSize)
    const total = await this.repo.count(this.database.db, scope, status)
    await this.audit.record(user, {
      action: 'appeal.list',
      targetType: 'appeal',
      details: { status: status ?? null, ids: rows.map((r) => r.id) },
    })
    return { items: rows.map(toAppeal), total, page, pageSize }
  }

  /** An appeal the scope sees; else OUT_OF_SCOPE (it is another region's) or NOT_FOUND, as before #15. */
  private async found(scope: Scope, id: string) {
    const row = await this.repo.findById(this.database.db, scope, id)
    return row ?? (await this.outOfScopeOrMissing(this.database.db, scope, id))
  }

  private async outOfScopeOrMissing(db: Executor, scope: Scope, id: string): Promise<never> {
    const elsewhere = await this.repo.regionOf(db, id)
    if (elsewhere) scope.assert(elsewhere.region_code, `appeal ${id}`)
    throw new DomainError('NOT_FOUND', `appeal ${id} does not exist`)
  }

  async get(user: SessionUser, scope: Scope, id: string): Promise<Appeal> {
    const row = await this.found(scope, id)
    await this.audit.record(user, {
      action: 'appeal.read',
      targetType: 'person',
      targetId: row.person_id,
      details: { appealId: id },
    })
    return { ...toAppeal(row), facts: await this.facts(row.person_id) }
  }

  /** The person's live facts, for the reviewer to pick corrections from (each domain lists its own). */
  private async facts(personId: string): Promise<NonNullable<Appeal['facts']>> {
    const rows = await this.colours.sources.correctable(this.database.db, personId)
    return rows
      .slice(0, 200)
      .map((r) => ({ type: r.type, id: r.id, summary: r.summary, at: r.at.toISOString() }))
  }

  async decide(user: SessionUser, scope: Scope, id: string, body: DecideAppealBody): Promise<Appeal> {
    const corrections = body.corrections ?? []
    if (body.decision === 'rejected' && corrections.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'a rejected appeal cannot carry corrections')
    }
    const personId = await this.database.db.transaction().execute(async (tx) => {
      const row =
        (await this.repo.lockForDecision(tx, scope, id)) ?? (await this.outOfScopeOrMissing(tx, scope, id))
      if (row.status !== 'open') throw new DomainError('CONFLICT', `appeal ${id} was already ${row.status}`)
      for (const c of corrections) await this.apply(tx, row.person_id, c, `appeal ${id}: ${body.note}`)
      await this.repo.decide(tx, id, {
        status: body.decision,
        decided_by: user.id,
        decision_note: body.note,
        corrections: JSON.stringify(corrections),
      })
      await this.audit.append(tx, user, {
        action: `appeal.${body.decision}`,
        targetType: 'person',
        targetId: row.person_id,
        reason: body.note,
        details: { appealId: id, corrections },
      })
      if (corrections.length > 0) await this.colours.enqueue(tx, [row.person_id])
      return row.person_id
    })
    await this.colours.current(personId)
    return toAppeal(await this.found(scope, id))
  }

  /** A correction is applied by the domain that owns the fact (void it, or release an order). */
  private async apply(tx: Transaction<DB>, personId: string, c: Correction, reason: string): Promise<void> {
    const owner = this.colours.sources.correctorOf(c.type)
    if (!owner?.correct)
      throw new DomainError('VALIDATION_FAILED', `${c.type}: no domain applies this correction`)
    if (!(await owner.correct(tx, personId, c.type, c.id, reason)))
      throw new DomainError(
        'VALIDATION_FAILED',
        c.type === 'release_quarantine'
          ? `quarantine order ${c.id} is not an open order of this person`
          : `${c.type} ${c.id}: no such live fact of this person`,
      )
  }
}
