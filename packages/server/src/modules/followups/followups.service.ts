import { DomainError, maskPhone, regionPrefix } from '@lianfang/core'
import type {
  CancelFollowupBody,
  FollowupPage,
  FollowupQuery,
  FollowupTask,
  RecordFollowupBody,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { Executor } from '../../db/kit.js'
import type { ColourService } from '../health-codes/index.js'
import type { TestingService } from '../testing/index.js'
import { effectiveStatus, followupTiming } from './followup-rules.js'
import { FollowupsRepository, type FollowupFilter, type FollowupRow } from './followups.repository.js'

/** Clock skew allowed for "when it was performed" (a phone a little ahead of the server). */
const SKEW_MS = 60_000

function toTask(r: FollowupRow, now: Date): FollowupTask {
  if (!r.outcome_at) throw new Error(`follow-up ${r.id}: its case ${r.case_id} has no outcome`)
  const result: FollowupTask['result'] =
    r.status === 'done' && r.nat_result !== null && r.performed_at && r.recorded_at
      ? {
          natResult: r.nat_result,
          symptoms: r.symptoms ?? false,
          symptomsText: r.symptoms_text,
          note: r.note,
          performedAt: r.performed_at.toISOString(),
          timing: followupTiming(r.performed_at, r.window_opens_at, r.due_at),
          recordedBy: r.recorded_by,
          recordedByName: r.recorded_by_name,
          recordedAt: r.recorded_at.toISOString(),
        }
      : null
  return {
    id: r.id,
    caseId: r.case_id,
    personId: r.person_id,
    personName: r.person_name,
    phoneMasked: r.phone === null ? null : maskPhone(r.phone),
    regionCode: r.region_code,
    regionName: r.region_name,
    caseStatus: r.case_status as FollowupTask['caseStatus'],
    outcome: r.outcome as FollowupTask['outcome'],
    outcomeAt: r.outcome_at.toISOString(),
    observationEndsAt: r.observation_ends_at?.toISOString() ?? null,
    assigneeKind: r.assignee_kind,
    assigneeName: r.assignee_name,
    week: r.week,
    windowOpensAt: r.window_opens_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    status: effectiveStatus(r.status, r.due_at, now),
    result,
    repositive: r.repositive,
    cancelReason: r.cancel_reason,
    ruleSetVersion: r.rule_set_version,
    version: r.version,
  }
}

function parseInstant(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined
  const d = new Date(value)
  if (Number.isNaN(d.getTime()))
    throw new DomainError('VALIDATION_FAILED', `${name} is not a valid date-time`)
  return d
}

/**
 * Post-discharge follow-up and re-examination tasks (RULES.md CONF.AFTER, ASYM.AFTER), created
 * at discharge by `scheduleFollowups`. Lists and reads are scoped to the user's region subtree;
 * every access is audited in its transaction. A positive NAT at follow-up (复阳) is recorded as a
 * NAT result too (so the health code and later discharge checks see it), flagged on the task, and
 * audited as its own event (docs/followups.md).
 */
export class FollowupsService {
  private readonly repo = new FollowupsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
    private readonly testing: Pick<TestingService, 'recordIn'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(user: SessionUser, scope: Scope, q: FollowupQuery): Promise<FollowupPage> {
    if (q.regionCode) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const dueAfter = parseInstant(q.dueAfter, 'dueAfter')
    const dueBefore = parseInstant(q.dueBefore, 'dueBefore')
    if (dueAfter && dueBefore && dueAfter.getTime() > dueBefore.getTime())
      throw new DomainError('VALIDATION_FAILED', 'dueAfter is later than dueBefore')
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const now = this.clock()
    const filter: FollowupFilter = {
      scope,
      regionPrefix: q.regionCode ? regionPrefix(q.regionCode) : undefined,
      status: q.status,
      caseId: q.caseId,
      dueAfter,
      dueBefore,
      repositive: q.repositive,
      now,
    }
    return this.database.db.transaction().execute(async (tx) => {
      const [rows, total] = await Promise.all([
        this.repo.search(tx, filter, page, pageSize),
        this.repo.count(tx, filter),
      ])
      await this.audit.append(tx, user, {
        action: 'followup.list',
        targetType: 'followup',
        details: {
          query: q,
          ids: rows.map((r) => r.id),
          personIds: [...new Set(rows.map((r) => r.person_id))],
        },
      })
      return { items: rows.map((r) => toTask(r, now)), total, page, pageSize }
    })
  }

  async get(user: SessionUser, scope: Scope, id: string): Promise<FollowupTask> {
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.repo.findById(tx, scope, id)
      if (!row) return this.missing(tx, scope, id)
      await this.audit.append(tx, user, {
        action: 'followup.read',
        targetType: 'person',
        targetId: row.person_id,
        details: { followupId: id, caseId: row.case_id },
      })
      return toTask(row, this.clock())
    })
  }

  /**
   * Records the visit's result (once). A result may come late (the task was missed) or early
   * (before its week): it is accepted and its timing shown. Refused: a stale version, a task
   * already done or cancelled, a time in the future or before the discharge.
   */
  async record(user: SessionUser, scope: Scope, id: string, body: RecordFollowupBody): Promise<FollowupTask> {
    const now = this.clock()
    const performedAt = parseInstant(body.performedAt, 'performedAt') ?? now
    if (performedAt.getTime() > now.getTime() + SKEW_MS)
      throw new DomainError('VALIDATION_FAILED', 'performedAt is in the future')
    const symptomsText = body.symptomsText?.trim() ?? ''
    if (body.symptoms && symptomsText === '')
      throw new DomainError('VALIDATION_FAILED', 'symptomsText is required when symptoms is true')
    if (!body.symptoms && symptomsText !== '')
      throw new DomainError('VALIDATION_FAILED', 'symptomsText is given but symptoms is false')
    const note = body.note?.trim() ?? ''

    const personId = await this.database.db.transaction().execute(async (tx) => {
      const task = await this.repo.lock(tx, scope, id)
      if (!task) return this.missing(tx, scope, id)
      if (task.version !== body.version)
        throw new DomainError('STALE_VERSION', `follow-up ${id} changed since version ${body.version}`, {
          currentVersion: task.version,
        })
      if (task.status !== 'due')
        throw new DomainError(
          'TRANSITION_NOT_ALLOWED',
          task.status === 'done'
            ? `follow-up ${id} already has a result (recorded ${task.recorded_at?.toISOString() ?? ''})`
            : `follow-up ${id} is cancelled`,
          { status: task.status },
        )
      const discharged = await this.repo.caseOutcomeAt(tx, task.case_id)
      if (discharged.outcome_at && performedAt.getTime() < discharged.outcome_at.getTime())
        throw new DomainError(
          'VALIDATION_FAILED',
          `performedAt is before the discharge (${discharged.outcome_at.toISOString()})`,
        )

      // 复阳: the positive NAT is a fact like any other, so the health code and any later case see it.
      let natResultId: string | null = null
      if (body.natResult === 'positive') {
        // Recorded by the testing domain, in this transaction.
        natResultId = await this.testing.recordIn(tx, {
          personId: task.person_id,
          regionCode: task.region_code,
          sampledAt: performedAt,
          result: 'positive',
          pooled: false,
          labName: `follow-up ${id} (${task.assignee_name})`.slice(0, 200),
          enteredBy: user.id,
        })
      }
      await this.repo.setResult(tx, id, task.version, {
        nat_result: body.natResult,
        symptoms: body.symptoms,
        symptoms_text: body.symptoms ? symptomsText : null,
        note: note === '' ? null : note,
        performed_at: performedAt,
        recorded_by: user.id,
        nat_result_id: natResultId,
      })
      await this.audit.append(tx, user, {
        action: 'followup.result',
        targetType: 'person',
        targetId: task.person_id,
        details: {
          followupId: id,
          caseId: task.case_id,
          week: task.week,
          natResult: body.natResult,
          symptoms: body.symptoms,
        },
      })
      if (natResultId !== null) {
        await this.audit.append(tx, user, {
          action: 'followup.repositive',
          targetType: 'person',
          targetId: task.person_id,
          reason: `positive NAT at the week-${task.week} follow-up after discharge`,
          details: { followupId: id, caseId: task.case_id, natResultId },
        })
        await this.colours.enqueue(tx, [task.person_id])
      }
      return natResultId === null ? null : task.person_id
    })
    if (personId !== null) await this.colours.current(personId)
    return this.view(scope, id)
  }

  /** Cancels a task that will not take place (e.g. the person died or left), with the reason. */
  async cancel(user: SessionUser, scope: Scope, id: string, body: CancelFollowupBody): Promise<FollowupTask> {
    const reason = body.reason.trim()
    if (reason.length < 2) throw new DomainError('VALIDATION_FAILED', 'reason is empty')
    await this.database.db.transaction().execute(async (tx) => {
      const task = await this.repo.lock(tx, scope, id)
      if (!task) return this.missing(tx, scope, id)
      if (task.version !== body.version)
        throw new DomainError('STALE_VERSION', `follow-up ${id} changed since version ${body.version}`, {
          currentVersion: task.version,
        })
      if (task.status !== 'due')
        throw new DomainError('TRANSITION_NOT_ALLOWED', `follow-up ${id} is ${task.status}`, {
          status: task.status,
        })
      await this.repo.cancel(tx, id, task.version, reason)
      await this.audit.append(tx, user, {
        action: 'followup.cancel',
        targetType: 'person',
        targetId: task.person_id,
        reason,
        details: { followupId: id, caseId: task.case_id, week: task.week },
      })
    })
    return this.view(scope, id)
  }

  /** The task as it stands after a change (the change's own audit record covers this read). */
  private async view(scope: Scope, id: string): Promise<FollowupTask> {
    const row = await this.repo.findById(this.database.db, scope, id)
    if (!row) throw new DomainError('NOT_FOUND', `follow-up ${id} does not exist`)
    return toTask(row, this.clock())
  }

  /** A task the scoped read did not find: OUT_OF_SCOPE if it is another region's, else NOT_FOUND. */
  private async missing(db: Executor, scope: Scope, id: string): Promise<never> {
    const other = await this.repo.regionOf(db, id)
    if (other) scope.assert(other.region_code, `follow-up ${id}`)
    throw new DomainError('NOT_FOUND', `follow-up ${id} does not exist`)
  }
}
