import { sql } from 'kysely'
import { type Scope, whereInScope } from '../../auth/scope.js'
import { type Executor, pageOffset } from '../../db/kit.js'
import type { Appeal } from '@lianfang/contracts'

const APPEAL_COLUMNS = [
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
] as const

/**
 * SQL for appeals; one query per method (STYLE.md §5). Reads take a `Scope` (#15): a reviewer's
 * region subtree, or a citizen's own person (their own appeals).
 */
export class AppealsRepository {
  private scoped(db: Executor, scope: Scope) {
    return whereInScope(
      db.selectFrom('appeals as a').innerJoin('persons as p', 'p.id', 'a.person_id'),
      'a.region_code',
      scope,
      'a.person_id',
    )
  }

  findById(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope).select(APPEAL_COLUMNS).where('a.id', '=', id).executeTakeFirst()
  }

  /** Only the region of an appeal, whatever the scope (OUT_OF_SCOPE versus NOT_FOUND). */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('appeals').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** An appeal to decide, locked for the decision's transaction. */
  lockForDecision(db: Executor, scope: Scope, id: string) {
    return whereInScope(db.selectFrom('appeals'), 'appeals.region_code', scope, 'appeals.person_id')
      .select(['person_id', 'region_code', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
  }

  list(db: Executor, scope: Scope, status: Appeal['status'] | undefined, page: number, pageSize: number) {
    let q = this.scoped(db, scope).select(APPEAL_COLUMNS)
    if (status) q = q.where('a.status', '=', status)
    return q.orderBy('a.id', 'asc').limit(pageSize).offset(pageOffset(page, pageSize)).execute()
  }

  async count(db: Executor, scope: Scope, status: Appeal['status'] | undefined): Promise<number> {
    let q = this.scoped(db, scope).select((eb) => eb.fn.countAll<string>().as('n'))
    if (status) q = q.where('a.status', '=', status)
    return Number((await q.executeTakeFirstOrThrow()).n)
  }

  /** A citizen's latest appeals, newest first (their scope is their own person). */
  latest(db: Executor, scope: Scope, limit: number) {
    return this.scoped(db, scope).select(APPEAL_COLUMNS).orderBy('a.id', 'desc').limit(limit).execute()
  }

  openOf(db: Executor, personId: string) {
    return db
      .selectFrom('appeals')
      .select('id')
      .where('person_id', '=', personId)
      .where('status', '=', 'open')
      .executeTakeFirst()
  }

  insert(
    db: Executor,
    a: { person_id: string; region_code: string; colour: string; reasons: string; statement: string },
  ) {
    return db.insertInto('appeals').values(a).returning('id').executeTakeFirstOrThrow()
  }

  decide(
    db: Executor,
    id: string,
    d: { status: Appeal['status']; decided_by: string; decision_note: string; corrections: string },
  ) {
    return db
      .updateTable('appeals')
      .set({ ...d, decided_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }
}
