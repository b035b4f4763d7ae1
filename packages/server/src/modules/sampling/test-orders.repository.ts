import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool } from 'kysely'
import { likePrefix, pageOffset, type Executor } from '../../db/kit.js'
import type { DB, TestOrders } from '../../db/schema.generated.js'
import { whereInScope, type Scope } from '../../auth/scope.js'

export interface OrderFilter {
  readonly date: string
  /** When the day starts: a sample from then on does the order. */
  readonly dayStart: Date
  readonly regionPrefix: string
  readonly siteId: string | undefined
}

type OrderEb = ExpressionBuilder<DB, 'test_orders'>

/**
 * A sample on or after the due day: a live NAT result of the person sampled since the day's start,
 * or the person in a tube registered since then (the `tubes` module's table, read only).
 */
function sampledSince(dayStart: Date) {
  return (eb: OrderEb): Expression<SqlBool> =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('nat_results as n')
          .select('n.id')
          .whereRef('n.person_id', '=', 'test_orders.person_id')
          .where('n.voided_at', 'is', null)
          .where('n.sampled_at', '>=', dayStart),
      ),
      eb.exists(
        eb
          .selectFrom('tube_members as tm')
          .select('tm.person_id')
          .whereRef('tm.person_id', '=', 'test_orders.person_id')
          .where('tm.registered_at', '>=', dayStart),
      ),
    ])
}

/** SQL of test orders (the sampling list, #17); one query per method. */
export class TestOrdersRepository {
  /** Open orders already there among these persons' due days (to order each day once). */
  openOrdersOf(db: Executor, personIds: readonly string[], dueFrom: string) {
    if (personIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('test_orders')
      .select(['person_id', 'reason', 'due_on', 'source'])
      .where('person_id', 'in', [...personIds])
      .where('due_on', '>=', dueFrom)
      .where('status', '=', 'open')
      .execute()
  }

  insertMany(tx: Executor, rows: readonly Insertable<TestOrders>[]) {
    if (rows.length === 0) return Promise.resolve([])
    return tx
      .insertInto('test_orders')
      .values([...rows])
      .returning(['id', 'person_id', 'due_on'])
      .execute()
  }

  private filtered(db: Executor, scope: Scope, f: OrderFilter) {
    let qb = whereInScope(db.selectFrom('test_orders'), 'test_orders.region_code', scope)
      .where('test_orders.due_on', '=', f.date)
      .where('test_orders.region_code', 'like', likePrefix(f.regionPrefix))
    if (f.siteId !== undefined) qb = qb.where('test_orders.site_id', '=', f.siteId)
    return qb
  }

  private withStatus(db: Executor, scope: Scope, f: OrderFilter, status: 'open' | 'done' | 'all') {
    const qb = this.filtered(db, scope, f)
    const sampled = sampledSince(f.dayStart)
    if (status === 'open')
      return qb.where('test_orders.status', '=', 'open').where((eb) => eb.not(sampled(eb)))
    if (status === 'done')
      return qb.where((eb) => eb.or([eb('test_orders.status', '=', 'done'), sampled(eb)]))
    return qb
  }

  /** A page of the day's orders with the person (masked fields), region, site and the first sample. */
  list(
    db: Executor,
    scope: Scope,
    f: OrderFilter,
    status: 'open' | 'done' | 'all',
    page: number,
    pageSize: number,
  ) {
    return this.listQuery(db, scope, f, status, page, pageSize).execute()
  }

  /** The query of `list` (its plan is tested: query-plans.int.test.ts). */
  listQuery(
    db: Executor,
    scope: Scope,
    f: OrderFilter,
    status: 'open' | 'done' | 'all',
    page: number,
    pageSize: number,
  ) {
    return this.withStatus(db, scope, f, status)
      .innerJoin('persons as p', 'p.id', 'test_orders.person_id')
      .innerJoin('regions as r', 'r.code', 'test_orders.region_code')
      .leftJoin('sampling_sites as s', 's.id', 'test_orders.site_id')
      .select((eb) => [
        'test_orders.id',
        'test_orders.person_id',
        'p.name',
        'p.id_number_masked',
        'test_orders.region_code',
        'r.name as region_name',
        'test_orders.reason',
        'test_orders.due_on',
        'test_orders.site_id',
        's.name as site_name',
        'test_orders.source',
        'test_orders.status',
        'test_orders.done_at',
        eb
          .selectFrom('nat_results as n')
          .select((e) => e.fn.min('n.sampled_at').as('at'))
          .whereRef('n.person_id', '=', 'test_orders.person_id')
          .where('n.voided_at', 'is', null)
          .where('n.sampled_at', '>=', f.dayStart)
          .as('result_at'),
        eb
          .selectFrom('tube_members as tm')
          .select((e) => e.fn.min('tm.registered_at').as('at'))
          .whereRef('tm.person_id', '=', 'test_orders.person_id')
          .where('tm.registered_at', '>=', f.dayStart)
          .as('tube_at'),
      ])
      .orderBy('test_orders.region_code')
      .orderBy('test_orders.person_id')
      .orderBy('test_orders.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
  }

  count(db: Executor, scope: Scope, f: OrderFilter, status: 'open' | 'done' | 'all') {
    return this.withStatus(db, scope, f, status)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  }

  /** Open and done orders of the day per region (whatever the status filter). */
  countsByRegion(db: Executor, scope: Scope, f: OrderFilter) {
    const sampled = sampledSince(f.dayStart)
    return this.filtered(db, scope, f)
      .innerJoin('regions as r', 'r.code', 'test_orders.region_code')
      .where('test_orders.status', '<>', 'cancelled')
      .select((eb) => [
        'test_orders.region_code',
        'r.name as region_name',
        eb.fn
          .count<string>('test_orders.id')
          .filterWhere((e) => e.or([e('test_orders.status', '=', 'done'), sampled(e as unknown as OrderEb)]))
          .as('done'),
        eb.fn.countAll<string>().as('total'),
      ])
      .groupBy(['test_orders.region_code', 'r.name'])
      .orderBy('test_orders.region_code')
      .execute()
  }
}
