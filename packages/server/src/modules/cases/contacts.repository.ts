import type { Executor } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

/** SQL for reading contacts and 协查 requests; one query per method (STYLE.md §5). */
export class ContactsRepository {
  /** The contacts of a case with their persons' names, in order (the case was found in scope). */
  ofCase(db: Executor, caseId: string) {
    return db
      .selectFrom('contacts as k')
      .innerJoin('persons as p', 'p.id', 'k.person_id')
      .select([
        'k.id',
        'k.person_id',
        'k.degree',
        'k.region_code',
        'k.last_exposure_at',
        'k.reasons',
        'k.status',
        'k.quarantine_order_id',
        'p.name',
      ])
      .where('k.case_id', '=', caseId)
      .orderBy('k.id')
      .execute()
  }

  /**
   * The newest 协查 requests to (`incoming`) or from (`outgoing`) the scope's regions, with the
   * case, degree and exposure of the contact each was written from.
   */
  assistRequests(db: Executor, scope: Scope, direction: 'incoming' | 'outgoing', limit: number) {
    const q = db.selectFrom('assist_requests as a').innerJoin('contacts as k', 'k.id', 'a.contact_id')
    return whereInScope(q, direction === 'incoming' ? 'a.to_region' : 'a.from_region', scope)
      .select([
        'a.id',
        'a.contact_id',
        'a.person_id',
        'a.from_region',
        'a.to_region',
        'a.status',
        'a.payload',
        'a.created_at',
        'k.case_id',
        'k.degree',
        'k.last_exposure_at',
      ])
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute()
  }
}
