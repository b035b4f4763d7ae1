import { MAX_STAY_MS, type TimeWindow } from '@lianfang/core'
import { sql } from 'kysely'
import type { Executor } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

/**
 * SQL of investigations (close and secondary contacts); one query per method (STYLE.md §5). The
 * hot reads are returned compiled, for `Database.prepared` (a generic plan, planned once per
 * connection: docs/query-plans.md "Prepared hot reads").
 */
export class InvestigationRepository {
  /** The case of the scope with its person's groups (household, work unit, class), compiled. */
  traceCase(db: Executor, scope: Scope, caseId: string) {
    return whereInScope(
      db.selectFrom('cases as c').innerJoin('persons as p', 'p.id', 'c.person_id'),
      'c.region_code',
      scope,
      'c.person_id',
    )
      .select([
        'c.person_id',
        'c.region_code',
        'c.status',
        'c.onset_at',
        'c.first_positive_sample_at',
        'c.isolated_at',
        'p.household_id',
        'p.work_unit_id',
        'p.class_unit_id',
      ])
      .where('c.id', '=', caseId)
      .compile()
  }

  /**
   * A person's stays that can meet the window (`MAX_STAY_MS` before it, to its end), with the
   * venue's kind, name and ventilation (CC.TRANSPORT.TRAIN / BUS) and the seat, compiled.
   */
  staysIn(db: Executor, personId: string, w: TimeWindow) {
    return db
      .selectFrom('checkins as k')
      .innerJoin('venues as v', 'v.id', 'k.venue_id')
      .select([
        'k.venue_id',
        'v.kind',
        'v.name',
        'k.checked_in_at',
        'k.checked_out_at',
        'k.seat',
        'v.enclosed',
      ])
      .where('k.person_id', '=', personId)
      .where('k.decision', '=', 'allow')
      .where('k.direction', '=', 'in')
      .where('k.checked_in_at', '>=', new Date(w.start.getTime() - MAX_STAY_MS))
      .where('k.checked_in_at', '<=', w.end)
      .orderBy('k.checked_in_at')
      .compile()
  }

  /**
   * A close contact's visits that can meet the interval, with the venue's kind and ventilation and
   * the seat (CC2.DEF on conveyances: the seat rules of CC.TRANSPORT.*), compiled.
   */
  visitsIn(db: Executor, personId: string, w: TimeWindow) {
    return db
      .selectFrom('checkins as k')
      .innerJoin('venues as v', 'v.id', 'k.venue_id')
      .select(['k.venue_id', 'v.kind', 'k.checked_in_at', 'k.checked_out_at', 'k.seat', 'v.enclosed'])
      .where('k.person_id', '=', personId)
      .where('k.decision', '=', 'allow')
      .where('k.direction', '=', 'in')
      .where('k.checked_in_at', '>=', new Date(w.start.getTime() - MAX_STAY_MS))
      .where('k.checked_in_at', '<=', w.end)
      .orderBy('k.checked_in_at')
      .compile()
  }

  /** The contacts of a case (found in scope) with their persons' groups, in order. */
  contactsWithGroups(db: Executor, caseId: string) {
    return db
      .selectFrom('contacts as k')
      .innerJoin('persons as p', 'p.id', 'k.person_id')
      .select([
        'k.id',
        'k.person_id',
        'k.degree',
        'k.status',
        'k.reasons',
        'p.name',
        'p.region_code',
        'p.household_id',
        'p.work_unit_id',
        'p.class_unit_id',
        'k.quarantine_order_id',
      ])
      .where('k.case_id', '=', caseId)
      .orderBy('k.id')
      .execute()
  }

  /**
   * Which of these persons are already under control, each with when it began: an open case
   * (not excluded), a confirmed contact of this case, or an isolation order running now. One row
   * per person and kind; the caller keeps the first by `CONTROL_KINDS`.
   */
  controlOf(db: Executor, caseId: string, personIds: readonly string[], now: Date) {
    if (personIds.length === 0) return Promise.resolve([])
    const ids = [...personIds]
    return db
      .selectFrom('cases')
      .select([sql.lit('case').as('kind'), 'person_id', 'created_at as since'])
      .where('person_id', 'in', ids)
      .where('outcome', 'is', null)
      .where('status', '!=', 'excluded')
      .unionAll(
        db
          .selectFrom('contacts')
          .select([sql.lit('contact').as('kind'), 'person_id', 'created_at as since'])
          .where('case_id', '=', caseId)
          .where('status', '=', 'confirmed')
          .where('person_id', 'in', ids),
      )
      .unionAll(
        db
          .selectFrom('quarantine_orders')
          .select([sql.lit('quarantine').as('kind'), 'person_id', 'starts_at as since'])
          .where('person_id', 'in', ids)
          .where('released_at', 'is', null)
          .where('voided_at', 'is', null)
          .where('starts_at', '<=', now)
          .where('ends_at', '>', now),
      )
      .execute() as Promise<{ kind: 'case' | 'contact' | 'quarantine'; person_id: string; since: Date }[]>
  }

  /** Names and regions of candidate persons (the caller masks those of other regions). */
  personNames(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('persons').select(['id', 'name', 'region_code']).where('id', 'in', ids).execute()
  }

  /** Names of venues. */
  venueNames(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db.selectFrom('venues').select(['id', 'name']).where('id', 'in', ids).execute()
  }
}
