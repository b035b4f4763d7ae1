import {
  afebrileWindow,
  assertCaseDates,
  assertEventTime,
  caseDeadlines,
  checkDischarge,
  DomainError,
  reclassificationProblem,
  regionPrefix,
} from '@lianfang/core'
import type {
  CaseQuery,
  CaseRecord,
  CreateCaseBody,
  DischargeBody,
  DischargeCheck,
  ReclassifyCaseBody,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { Executor } from '../../db/kit.js'
import { type ColourService, resolveRuleSets } from '../health-codes/index.js'
import type { TestingService } from '../testing/index.js'
import { scheduleFollowups } from '../followups/index.js'
import { CasesRepository } from './cases.repository.js'
import { missingCase } from './case-scope.js'
import { toCaseRecord } from './case-record.js'

type CaseRow = NonNullable<Awaited<ReturnType<CasesRepository['find']>>>

/**
 * Cases (RULES.md A1): suspected, confirmed (with severity) and asymptomatic; re-classification
 * only along the transitions the rules allow, with history; discharge / release only when the
 * rule set's criteria are met (the check says which are missing). Every change recolours the
 * person's health code through the outbox and is audited.
 */
export class CasesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
    /** Test results (discharge, release and exclusion criteria count individual tests). */
    private readonly testing: Pick<TestingService, 'individualResults' | 'antibodyResults'>,
    /** Cluster detection over the settings of a case just reported or re-classified (§A9). */
    private readonly clusters?: {
      afterCaseChange(user: SessionUser, scope: Scope, caseId: string): Promise<void>
    },
  ) {}

  private readonly repo = new CasesRepository()

  /** The case as the API gives it, if the scope sees it (else OUT_OF_SCOPE or NOT_FOUND). */
  private async load(db: Executor, scope: Scope, id: string): Promise<CaseRecord> {
    const c = await this.repo.findWithName(db, scope, id)
    if (!c) return missingCase(db, scope, id)
    return toCaseRecord(c, await this.repo.history(db, [id]), new Date())
  }

  async get(user: SessionUser, scope: Scope, id: string): Promise<CaseRecord> {
    const c = await this.load(this.database.db, scope, id)
    await this.audit.record(user, {
      action: 'case.read',
      targetType: 'person',
      targetId: c.personId,
      details: { caseId: id },
    })
    return c
  }

  async list(user: SessionUser, scope: Scope, q: CaseQuery) {
    if (q.regionCode) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const db = this.database.db
    const filter = {
      regionPrefix: q.regionCode === undefined ? undefined : regionPrefix(q.regionCode),
      status: q.status,
      overdue: q.overdue,
    }
    const [rows, total] = await Promise.all([
      this.repo.list(db, scope, filter, page, pageSize),
      this.repo.count(db, scope, filter),
    ])
    const history = await this.repo.history(
      db,
      rows.map((r) => r.id),
    )
    const now = new Date()
    const items = rows.map((r) =>
      toCaseRecord(
        r,
        history.filter((h) => h.case_id === r.id),
        now,
      ),
    )
    await this.audit.record(user, {
      action: 'case.list',
      targetType: 'case',
      details: { ids: rows.map((r) => r.id) },
    })
    return { items, total, page, pageSize }
  }

  async create(user: SessionUser, scope: Scope, body: CreateCaseBody): Promise<CaseRecord> {
    if (!body.onsetAt && !body.firstPositiveSampleAt) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'onsetAt (symptomatic) or firstPositiveSampleAt (asymptomatic) is required',
      )
    }
    if (body.status === 'asymptomatic' && !body.firstPositiveSampleAt) {
      throw new DomainError('VALIDATION_FAILED', 'an asymptomatic infection needs firstPositiveSampleAt')
    }
    const date = (v: string | undefined) => (v === undefined ? null : new Date(v))
    // The report is now: CASE.REPORT's clocks start here (and at the diagnosis, never after it).
    const reportedAt = new Date()
    assertCaseDates(
      {
        onsetAt: date(body.onsetAt),
        firstPositiveSampleAt: date(body.firstPositiveSampleAt),
        isolatedAt: date(body.isolatedAt),
      },
      reportedAt,
    )
    const diagnosedAt = date(body.diagnosedAt)
    if (diagnosedAt) {
      assertEventTime('diagnosedAt', diagnosedAt, reportedAt)
      if (diagnosedAt > reportedAt)
        throw new DomainError('VALIDATION_FAILED', 'diagnosedAt is after the report (now)', {
          field: 'diagnosedAt',
          rule: 'in_future',
        })
    }
    const id = await this.database.db.transaction().execute(async (tx) => {
      const person = await this.repo.person(tx, body.personId)
      if (!person) throw new DomainError('PERSON_NOT_FOUND', `person ${body.personId} does not exist`)
      scope.assert(person.region_code, `person ${body.personId}`)
      const open = await this.repo.openCaseOf(tx, person.id)
      if (open)
        throw new DomainError('CONFLICT', `person ${person.id} already has open case ${open.id}`, {
          caseId: open.id,
        })
      // The due times are fixed now, by the rule set in force for the case's region.
      const rs = (await resolveRuleSets(tx, [person.region_code])).get(person.region_code)
      if (!rs) throw new Error(`no rule set for ${person.region_code}`)
      const due = caseDeadlines(
        { diagnosedAt: diagnosedAt ?? undefined, reportedAt, investigationCompletedAt: undefined },
        rs.params,
        reportedAt,
      )
      const row = await this.repo.insert(tx, {
        person_id: person.id,
        region_code: person.region_code,
        status: body.status,
        severity: body.status === 'confirmed' ? (body.severity ?? 'mild') : null,
        origin: body.origin ?? 'local',
        onset_at: body.onsetAt ? new Date(body.onsetAt) : null,
        first_positive_sample_at: body.firstPositiveSampleAt ? new Date(body.firstPositiveSampleAt) : null,
        isolated_at: body.isolatedAt ? new Date(body.isolatedAt) : null,
        isolation_place: body.isolationPlace ?? null,
        reported_by: user.id,
        created_at: reportedAt,
        diagnosed_at: diagnosedAt,
        report_due_at: due.report.dueAt,
        investigation_due_at: due.investigation.dueAt,
      })
      await this.repo.insertHistory(tx, {
        case_id: row.id,
        from_status: null,
        to_status: body.status,
        severity: body.severity ?? null,
        reason: 'reported',
        by_user: user.id,
      })
      await this.audit.append(tx, user, {
        action: 'case.create',
        targetType: 'person',
        targetId: person.id,
        details: { caseId: row.id, status: body.status },
      })
      await this.colours.enqueue(tx, [person.id])
      return row.id
    })
    const c = await this.load(this.database.db, scope, id)
    await this.colours.current(c.personId)
    await this.clusters?.afterCaseChange(user, scope, id)
    return c
  }

  async reclassify(
    user: SessionUser,
    scope: Scope,
    id: string,
    body: ReclassifyCaseBody,
  ): Promise<CaseRecord> {
    await this.database.db.transaction().execute(async (tx) => {
      const c = (await this.repo.lock(tx, scope, id)) ?? (await missingCase(tx, scope, id))
      if (c.version !== body.version)
        throw new DomainError('STALE_VERSION', `case ${id} changed since version ${body.version}`, {
          currentVersion: c.version,
        })
      if (c.outcome) throw new DomainError('TRANSITION_NOT_ALLOWED', `case ${id} is closed (${c.outcome})`)
      if (body.onsetAt)
        assertCaseDates(
          {
            onsetAt: new Date(body.onsetAt),
            firstPositiveSampleAt: c.first_positive_sample_at,
            isolatedAt: c.isolated_at,
          },
          new Date(),
        )
      const problem = reclassificationProblem(c.status, body.status, Boolean(body.onsetAt ?? c.onset_at))
      if (problem)
        throw new DomainError('TRANSITION_NOT_ALLOWED', problem, { from: c.status, to: body.status })
      if (body.status === 'excluded') {
        const check = await this.evaluateDischarge(tx, c)
        if (!check.met)
          throw new DomainError(
            'DISCHARGE_CRITERIA_NOT_MET',
            `exclusion criteria not met: ${check.missing.join('; ')}`,
            check,
          )
      }
      await this.repo.reclassify(tx, id, {
        status: body.status,
        severity: body.status === 'confirmed' ? (body.severity ?? c.severity ?? 'mild') : null,
        onset_at: body.onsetAt ? new Date(body.onsetAt) : c.onset_at,
        outcome: body.status === 'excluded' ? 'excluded' : null,
        outcome_at: body.status === 'excluded' ? new Date() : null,
        version: c.version + 1,
      })
      await this.repo.insertHistory(tx, {
        case_id: id,
        from_status: c.status,
        to_status: body.status,
        severity: body.severity ?? null,
        reason: body.reason,
        by_user: user.id,
      })
      await this.audit.append(tx, user, {
        action: 'case.reclassify',
        targetType: 'person',
        targetId: c.person_id,
        reason: body.reason,
        details: { caseId: id, from: c.status, to: body.status },
      })
      await this.colours.enqueue(tx, [c.person_id])
    })
    const c = await this.load(this.database.db, scope, id)
    await this.colours.current(c.personId)
    await this.clusters?.afterCaseChange(user, scope, id)
    return c
  }

  /**
   * The case investigation is complete (CASE.REPORT: within 24 h of the report) — once: a second
   * time is a CONFLICT and changes nothing. Not a change of classification: the version stays.
   */
  async completeInvestigation(user: SessionUser, scope: Scope, id: string): Promise<CaseRecord> {
    await this.database.db.transaction().execute(async (tx) => {
      const c = (await this.repo.lock(tx, scope, id)) ?? (await missingCase(tx, scope, id))
      if (c.investigation_completed_at)
        throw new DomainError(
          'CONFLICT',
          `the investigation of case ${id} was completed at ${c.investigation_completed_at.toISOString()}`,
          { investigationCompletedAt: c.investigation_completed_at.toISOString() },
        )
      const at = new Date()
      await this.repo.completeInvestigation(tx, id, at)
      await this.audit.append(tx, user, {
        action: 'case.investigation_complete',
        targetType: 'person',
        targetId: c.person_id,
        details: { caseId: id, overdue: at > c.investigation_due_at },
      })
    })
    return this.load(this.database.db, scope, id)
  }

  /** Which discharge / release / exclusion criteria are met (with the clinician's attestations, if given). */
  private async evaluateDischarge(
    tx: Executor,
    c: CaseRow,
    attest: Pick<DischargeBody, 'symptomsImproved' | 'imagingImproved' | 'infectivityAssessed'> = {
      symptomsImproved: false,
      imagingImproved: false,
    },
  ): Promise<DischargeCheck> {
    const [tests, temps, antibodies, rules] = await Promise.all([
      this.testing.individualResults(tx, c.person_id),
      this.repo.temperatures(tx, c.person_id),
      this.testing.antibodyResults(tx, c.person_id),
      resolveRuleSets(tx, [c.region_code]),
    ])
    const rs = rules.get(c.region_code)
    if (!rs) throw new Error('no rule set')
    const now = new Date()
    const temperatures = temps.map((t) => ({ at: t.declared_at, celsius: Number(t.temperature_c) }))
    const result = checkDischarge(
      {
        status: c.status,
        onsetAt: c.onset_at ?? undefined,
        firstPositiveSampleAt: c.first_positive_sample_at ?? undefined,
        tests: tests.map((t) => ({
          sampledAt: t.sampled_at,
          result: t.result as 'positive' | 'negative' | 'pending',
        })),
        temperatures,
        antibodies: antibodies.map((a) => ({ sampledAt: a.sampled_at, igm: a.igm, igg: a.igg })),
        symptomsImproved: attest.symptomsImproved,
        imagingImproved: attest.imagingImproved,
        infectivityAssessed: attest.infectivityAssessed ?? false,
      },
      rs.params,
      now,
    )
    const window = afebrileWindow(rs.params, now)
    return {
      met: result.met,
      criteria: result.criteria.map((x) => ({ ...x, params: { ...x.params } })),
      missing: result.criteria.filter((x) => !x.met).map((x) => x.detail),
      temperatures:
        c.status === 'confirmed'
          ? temperatures
              .filter((t) => t.at >= window.from && t.at <= now)
              .sort((a, b) => b.at.getTime() - a.at.getTime())
              .map((t) => ({ at: t.at.toISOString(), celsius: t.celsius }))
          : [],
      antibodies:
        c.status === 'suspected'
          ? antibodies.map((a) => ({ sampledAt: a.sampled_at.toISOString(), igm: a.igm, igg: a.igg }))
          : [],
    }
  }

  async dischargeCheck(scope: Scope, id: string): Promise<DischargeCheck> {
    const db = this.database.db
    const c = (await this.repo.find(db, scope, id)) ?? (await missingCase(db, scope, id))
    return this.evaluateDischarge(db, c)
  }

  async discharge(user: SessionUser, scope: Scope, id: string, body: DischargeBody): Promise<CaseRecord> {
    await this.database.db.transaction().execute(async (tx) => {
      const c = (await this.repo.lock(tx, scope, id)) ?? (await missingCase(tx, scope, id))
      if (c.version !== body.version)
        throw new DomainError('STALE_VERSION', `case ${id} changed since version ${body.version}`, {
          currentVersion: c.version,
        })
      if (c.outcome)
        throw new DomainError('TRANSITION_NOT_ALLOWED', `case ${id} is already closed (${c.outcome})`)
      if (c.status !== 'confirmed' && c.status !== 'asymptomatic') {
        throw new DomainError(
          'TRANSITION_NOT_ALLOWED',
          `a ${c.status} case is not discharged; re-classify it (excluded / confirmed)`,
        )
      }
      const check = await this.evaluateDischarge(tx, c, body)
      if (!check.met)
        throw new DomainError('DISCHARGE_CRITERIA_NOT_MET', `not yet: ${check.missing.join('; ')}`, check)
      const outcome = c.status === 'confirmed' ? 'discharged' : 'released'
      await this.repo.close(tx, id, outcome, c.version + 1)
      await this.repo.insertHistory(tx, {
        case_id: id,
        from_status: c.status,
        to_status: c.status,
        severity: c.severity,
        reason: `${outcome}${body.note ? `: ${body.note}` : ''}`,
        by_user: user.id,
      })
      await this.audit.append(tx, user, {
        action: `case.${outcome}`,
        targetType: 'person',
        targetId: c.person_id,
        details: { caseId: id },
      })
      // Post-discharge observation and follow-up tasks, in the same transaction (CONF.AFTER, ASYM.AFTER).
      const { observationEndsAt } = await scheduleFollowups(tx, this.audit, user, id)
      await this.repo.setObservationEnd(tx, id, observationEndsAt)
      await this.colours.enqueue(tx, [c.person_id])
    })
    const c = await this.load(this.database.db, scope, id)
    await this.colours.current(c.personId)
    return c
  }
}
