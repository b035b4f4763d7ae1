import { sql, type Insertable } from 'kysely'
import { type Executor, likePrefix, pageOffset } from '../../db/kit.js'
import type { Cases, CaseStatusHistory } from '../../db/schema.generated.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

export interface CaseFilter {
  readonly regionPrefix?: string | undefined
  readonly status?: Cases['status'] | undefined
  /**
   * CASE.REPORT's overdue lists: `report` — reported later than its due time; `investigation` —
   * an open case whose investigation is still not complete past its due time (oldest due first).
   */
  readonly overdue?: 'report' | 'investigation' | undefined
}

/**
 * SQL for cases, their status history and the contacts read with them; one query per method
 * (STYLE.md §5). Every list and find takes a `Scope` and applies it here (#15): a case outside it
 * is simply not found; `regionOf` tells "not yours" from "not there" afterwards.
 */
export class CasesRepository {
  private scoped(db: Executor, scope: Scope) {
    return whereInScope(db.selectFrom('cases as c'), 'c.region_code', scope, 'c.person_id')
  }

  /** The case with its person's name. */
  findWithName(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope)
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .selectAll('c')
      .select('p.name as person_name')
      .where('c.id', '=', id)
      .executeTakeFirst()
  }

  /** The case row. */
  find(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope).selectAll('c').where('c.id', '=', id).executeTakeFirst()
  }

  /** The case row, locked for an update in the caller's transaction. */
  lock(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope).selectAll('c').where('c.id', '=', id).forUpdate().executeTakeFirst()
  }

  /** Region and person of the case, locked against itself only (contact confirmations take turns). */
  lockForContacts(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope)
      .select(['c.region_code', 'c.person_id'])
      .where('c.id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst()
  }

  /** Region and person of the case. */
  findRegionAndPerson(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope)
      .select(['c.region_code', 'c.person_id'])
      .where('c.id', '=', id)
      .executeTakeFirst()
  }

  /**
   * Only the region of a case, whatever the scope: for telling "not yours" (OUT_OF_SCOPE) from
   * "not there" (NOT_FOUND) after a scoped find came back empty. Returns no case data.
   */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('cases').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  private filtered(db: Executor, scope: Scope, f: CaseFilter) {
    let q = this.scoped(db, scope)
    if (f.regionPrefix !== undefined) q = q.where('c.region_code', 'like', likePrefix(f.regionPrefix))
    if (f.status !== undefined) q = q.where('c.status', '=', f.status)
    if (f.overdue === 'report') q = q.whereRef('c.created_at', '>', 'c.report_due_at')
    if (f.overdue === 'investigation')
      q = q
        .where('c.investigation_completed_at', 'is', null)
        .where('c.outcome', 'is', null)
        .where('c.investigation_due_at', '<', sql<Date>`now()`)
    return q
  }

  /** A page of cases with their persons' names, newest first. */
  list(db: Executor, scope: Scope, f: CaseFilter, page: number, pageSize: number) {
    return this.filtered(db, scope, f)
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .selectAll('c')
      .select('p.name as person_name')
      .$if(f.overdue === 'investigation', (q) => q.orderBy('c.investigation_due_at'))
      .orderBy('c.id', 'desc')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  async count(db: Executor, scope: Scope, f: CaseFilter): Promise<number> {
    const row = await this.filtered(db, scope, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** The status history of these cases, in order. */
  history(db: Executor, caseIds: readonly string[]) {
    if (caseIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('case_status_history')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('id')
      .execute()
  }

  /** The person a case is reported for (region and id), whatever the scope: the service asserts it. */
  person(db: Executor, personId: string) {
    return db
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', '=', personId)
      .executeTakeFirst()
  }

  /** The open case of a person, if any. */
  openCaseOf(db: Executor, personId: string) {
    return db
      .selectFrom('cases')
      .select('id')
      .where('person_id', '=', personId)
      .where('outcome', 'is', null)
      .executeTakeFirst()
  }

  insert(db: Executor, row: Insertable<Cases>) {
    return db.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow()
  }

  insertHistory(db: Executor, row: Insertable<CaseStatusHistory>) {
    return db.insertInto('case_status_history').values(row).execute()
  }

  /** A re-classification: the new status, severity, onset and outcome, one version on. */
  reclassify(
    db: Executor,
    id: string,
    set: {
      status: Cases['status']
      severity: Cases['severity']
      onset_at: Date | null
      outcome: 'excluded' | null
      outcome_at: Date | null
      version: number
    },
  ) {
    return db
      .updateTable('cases')
      .set({ ...set, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }

  /** Closes the case with its outcome (now), one version on. */
  close(db: Executor, id: string, outcome: 'discharged' | 'released', version: number) {
    return db
      .updateTable('cases')
      .set({ outcome, outcome_at: sql<Date>`now()`, version, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }

  /** The case investigation completed at `at` (CASE.REPORT), once. */
  completeInvestigation(db: Executor, id: string, at: Date) {
    return db
      .updateTable('cases')
      .set({ investigation_completed_at: at, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('investigation_completed_at', 'is', null)
      .execute()
  }

  /** The end of the post-discharge observation, once. */
  setObservationEnd(db: Executor, id: string, observationEndsAt: Date) {
    return db
      .updateTable('cases')
      .set({ observation_ends_at: observationEndsAt })
      .where('id', '=', id)
      .where('observation_ends_at', 'is', null)
      .execute()
  }

  /** A person's body temperatures from their (live) health declarations, for the discharge criteria. */
  temperatures(db: Executor, personId: string) {
    return db
      .selectFrom('health_declarations')
      .select(['declared_at', 'temperature_c'])
      .where('person_id', '=', personId)
      .where('voided_at', 'is', null)
      .where('temperature_c', 'is not', null)
      .execute()
  }

  /** Cases of these persons, as health-code facts. */
  factsOfCases(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('cases')
      .select([
        'person_id',
        'status',
        'onset_at',
        'first_positive_sample_at',
        'outcome',
        'outcome_at',
        'updated_at',
      ])
      .where('person_id', 'in', personIds)
      .execute()
  }

  /** Confirmed contacts of these persons, as health-code facts. */
  factsOfContacts(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('contacts')
      .select(['person_id', 'degree', 'last_exposure_at'])
      .where('person_id', 'in', personIds)
      .where('status', '=', 'confirmed')
      .execute()
  }
}
