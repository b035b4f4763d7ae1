import { sql, type Transaction } from 'kysely'
import { DomainError, regionPrefix } from '@lianfang/core'
import type { Appeal, DecideAppealBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope } from '../../auth/scope.js'
import { likePrefix, pageOffset } from '../../db/kit.js'
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

  private base() {
    return this.database.db
      .selectFrom('appeals as a')
      .innerJoin('persons as p', 'p.id', 'a.person_id')
      .select([
        'a.id',
        'a.person_id',
        'p.name',
        'a.region_code',
        'a.colour',
        'a.reasons',
        'a.statement',
        'a.status',
        'a.decision_note',
        'a.corrections',
        'a.created_at',
        'a.decided_at',
      ])
  }

  async file(user: SessionUser, statement: string): Promise<Appeal> {
    if (!user.personId)
      throw new DomainError('PERSON_NOT_FOUND', 'your account is not linked to a person record')
    const code = await this.colours.current(user.personId)
    if (code.colour === 'green')
      throw new DomainError('CONFLICT', 'your code is green: there is nothing to contest')
    const personId = user.personId
    const id = await this.database.db.transaction().execute(async (tx) => {
      const open = await tx
        .selectFrom('appeals')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (open) throw new DomainError('CONFLICT', `appeal ${open.id} is still open`)
      const reasons = (code.reasons as { code: string; text: unknown }[]).map((r) => ({
        code: r.code,
        text: r.text,
      }))
      const row = await tx
        .insertInto('appeals')
        .values({
          person_id: personId,
          region_code: code.region_code,
          colour: code.colour,
          reasons: JSON.stringify(reasons),
          statement: statement.trim(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await this.audit.append(tx, user, { action: 'appeal.file', targetType: 'appeal', targetId: row.id })
      return row.id
    })
    return toAppeal(await this.base().where('a.id', '=', id).executeTakeFirstOrThrow())
  }

  async mine(user: SessionUser): Promise<Appeal[]> {
    if (!user.personId) return []
    return (
      await this.base().where('a.person_id', '=', user.personId).orderBy('a.id', 'desc').limit(50).execute()
    ).map(toAppeal)
  }

  async queue(user: SessionUser, status: Appeal['status'] | undefined, page: number, pageSize: number) {
    let q = this.base().where('a.region_code', 'like', likePrefix(regionPrefix(user.regionCode)))
    if (status) q = q.where('a.status', '=', status)
    const rows = await q.orderBy('a.id', 'asc').limit(pageSize).offset(pageOffset(page, pageSize)).execute()
    let c = this.database.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('region_code', 'like', likePrefix(regionPrefix(user.regionCode)))
    if (status) c = c.where('status', '=', status)
    const total = await c.executeTakeFirstOrThrow()
    await this.audit.record(user, {
      action: 'appeal.list',
      targetType: 'appeal',
      details: { status: status ?? null, ids: rows.map((r) => r.id) },
    })
    return { items: rows.map(toAppeal), total: Number(total.n), page, pageSize }
  }

  async get(user: SessionUser, id: string): Promise<Appeal> {
    const row = await this.base().where('a.id', '=', id).executeTakeFirst()
    if (!row) throw new DomainError('NOT_FOUND', `appeal ${id} does not exist`)
    assertInScope(user, row.region_code, `appeal ${id}`)
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

  async decide(user: SessionUser, id: string, body: DecideAppealBody): Promise<Appeal> {
    const corrections = body.corrections ?? []
    if (body.decision === 'rejected' && corrections.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'a rejected appeal cannot carry corrections')
    }
    const personId = await this.database.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('appeals')
        .select(['person_id', 'region_code', 'status'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst()
      if (!row) throw new DomainError('NOT_FOUND', `appeal ${id} does not exist`)
      assertInScope(user, row.region_code, `appeal ${id}`)
      if (row.status !== 'open') throw new DomainError('CONFLICT', `appeal ${id} was already ${row.status}`)
      for (const c of corrections) await this.apply(tx, row.person_id, c, `appeal ${id}: ${body.note}`)
      await tx
        .updateTable('appeals')
        .set({
          status: body.decision,
          decided_by: user.id,
          decision_note: body.note,
          corrections: JSON.stringify(corrections),
          decided_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .execute()
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
    return toAppeal(await this.base().where('a.id', '=', id).executeTakeFirstOrThrow())
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
