import { sql, type Transaction } from 'kysely'
import type { FollowupNatResult, FollowupStatus } from '@lianfang/contracts'
import type { DB } from '../../db/schema.generated.js'
import { type Executor, likePrefix, pageOffset } from '../../db/kit.js'
import { type Scope, scopeCondition, whereInScope } from '../../auth/scope.js'

export interface FollowupFilter {
  /** What the request may see (applied in the SQL). */
  readonly scope: Scope
  /** A narrower subtree asked for (already checked to be in scope). */
  readonly regionPrefix?: string | undefined
  readonly status?: FollowupStatus | undefined
  readonly caseId?: string | undefined
  readonly dueAfter?: Date | undefined
  readonly dueBefore?: Date | undefined
  readonly repositive?: boolean | undefined
  /** What `missed` means is read at this instant: a `due` task past its due time. */
  readonly now: Date
}

export interface NewFollowup {
  readonly case_id: string
  readonly person_id: string
  readonly region_code: string
  readonly assignee_kind: 'community' | 'hospital'
  readonly assignee_name: string
  readonly week: number
  readonly window_opens_at: Date
  readonly due_at: Date
  readonly rule_set_version: string
}

export interface FollowupResultValues {
  readonly nat_result: FollowupNatResult
  readonly symptoms: boolean
  readonly symptoms_text: string | null
  readonly note: string | null
  readonly performed_at: Date
  readonly recorded_by: string
  readonly nat_result_id: string | null
}

/** SQL for follow-up tasks; one query per method (STYLE.md §5). */
export class FollowupsRepository {
  private filtered(db: Executor, f: FollowupFilter) {
    let q = whereInScope(db.selectFrom('case_followups as f'), 'f.region_code', f.scope, 'f.person_id')
    if (f.regionPrefix) q = q.where('f.region_code', 'like', likePrefix(f.regionPrefix))
    if (f.caseId) q = q.where('f.case_id', '=', f.caseId)
    if (f.dueAfter) q = q.where('f.due_at', '>=', f.dueAfter)
    if (f.dueBefore) q = q.where('f.due_at', '<', f.dueBefore)
    if (f.repositive !== undefined) q = q.where('f.repositive', '=', f.repositive)
    switch (f.status) {
      case undefined:
        break
      case 'due':
        q = q.where('f.status', '=', 'due').where('f.due_at', '>=', f.now)
        break
      case 'missed':
        q = q.where('f.status', '=', 'due').where('f.due_at', '<', f.now)
        break
      case 'done':
      case 'cancelled':
        q = q.where('f.status', '=', f.status)
        break
    }
    return q
  }

  private withDetails(q: ReturnType<FollowupsRepository['filtered']>) {
    return q
      .innerJoin('cases as c', 'c.id', 'f.case_id')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .leftJoin('regions as r', 'r.code', 'f.region_code')
      .leftJoin('users as u', 'u.id', 'f.recorded_by')
      .selectAll('f')
      .select([
        'c.status as case_status',
        'c.outcome',
        'c.outcome_at',
        'c.observation_ends_at',
        'p.name as person_name',
        'p.phone',
        'r.name as region_name',
        'u.display_name as recorded_by_name',
      ])
  }

  /** A page of tasks, soonest due first. */
  search(db: Executor, f: FollowupFilter, page: number, pageSize: number) {
    return this.withDetails(this.filtered(db, f))
      .orderBy('f.due_at')
      .orderBy('f.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  async count(db: Executor, f: FollowupFilter): Promise<number> {
    const r = await this.filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  findById(db: Executor, scope: Scope, id: string) {
    return this.withDetails(
      db
        .selectFrom('case_followups as f')
        .where('f.id', '=', id)
        .where((eb) => scopeCondition(eb, 'f.region_code', scope, 'f.person_id')),
    ).executeTakeFirst()
  }

  /** Only the region of a task, whatever the scope: tells OUT_OF_SCOPE from NOT_FOUND. */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('case_followups').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** The task row within the scope, locked for a change. */
  lock(tx: Transaction<DB>, scope: Scope, id: string) {
    return whereInScope(tx.selectFrom('case_followups as f'), 'f.region_code', scope, 'f.person_id')
      .selectAll()
      .where('f.id', '=', id)
      .forUpdate()
      .executeTakeFirst()
  }

  /** When the task's case ended (discharge or release). */
  caseOutcomeAt(db: Executor, caseId: string) {
    return db.selectFrom('cases').select('outcome_at').where('id', '=', caseId).executeTakeFirstOrThrow()
  }

  /** What scheduling needs of a case: its outcome, status, isolation place and the person's region. */
  caseToFollow(db: Executor, caseId: string) {
    return db
      .selectFrom('cases as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .leftJoin('regions as r', 'r.code', 'p.region_code')
      .select([
        'c.id',
        'c.person_id',
        'c.region_code',
        'c.status',
        'c.outcome',
        'c.outcome_at',
        'c.isolation_place',
        'p.region_code as person_region',
        'r.name as person_region_name',
      ])
      .where('c.id', '=', caseId)
      .executeTakeFirst()
  }

  /** Inserts the tasks not there yet (one per case and week); returns the ids of the new ones. */
  insertMissing(tx: Transaction<DB>, rows: readonly NewFollowup[]) {
    if (rows.length === 0) return Promise.resolve([])
    return tx
      .insertInto('case_followups')
      .values([...rows])
      .onConflict((oc) => oc.columns(['case_id', 'week']).doNothing())
      .returning(['id', 'week'])
      .execute()
  }

  setResult(tx: Transaction<DB>, id: string, version: number, v: FollowupResultValues) {
    return tx
      .updateTable('case_followups')
      .set({
        status: 'done',
        nat_result: v.nat_result,
        symptoms: v.symptoms,
        symptoms_text: v.symptoms_text,
        note: v.note,
        performed_at: v.performed_at,
        recorded_by: v.recorded_by,
        recorded_at: sql<Date>`now()`,
        repositive: v.nat_result === 'positive',
        nat_result_id: v.nat_result_id,
        version: version + 1,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute()
  }

  cancel(tx: Transaction<DB>, id: string, version: number, reason: string) {
    return tx
      .updateTable('case_followups')
      .set({ status: 'cancelled', cancel_reason: reason, version: version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }
}

export type FollowupRow = NonNullable<Awaited<ReturnType<FollowupsRepository['findById']>>>
