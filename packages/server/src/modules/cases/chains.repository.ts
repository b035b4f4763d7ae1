import { sql } from 'kysely'
import type { CaseLinks } from '../../db/schema.generated.js'
import type { Insertable, Updateable } from 'kysely'
import { type Executor, likePrefix } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

/** Serialises link changes, so two concurrent links cannot close a cycle together. */
const CHAIN_LOCK = 731_415_929

const dated = sql<Date>`coalesce(c.onset_at, c.first_positive_sample_at)`

/**
 * SQL for case links and the transmission-chain graph; one query per method (STYLE.md §5). The
 * graph's walk reads across regions (what another region's node may show is decided by the
 * caller, `serialiseGraph`); its seeds are found in the caller's scope.
 */
export class ChainsRepository {
  /** Takes the chain lock for the rest of the caller's transaction. */
  async lock(db: Executor): Promise<void> {
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(db)
  }

  /**
   * The two ends of a link, whatever the scope: a link may be recorded by a user who sees either
   * case, which the caller checks (region, status and date only: no personal data).
   */
  linkEnds(db: Executor, caseIds: readonly string[]) {
    return db
      .selectFrom('cases')
      .select(['id', 'region_code', 'status', 'onset_at', 'first_positive_sample_at'])
      .where('id', 'in', caseIds)
      .execute()
  }

  /** Every link below `caseId` (what it already, transitively, infected). */
  async linksBelow(db: Executor, caseId: string) {
    const r = await sql<{ from_case_id: string; to_case_id: string }>`
      WITH RECURSIVE down(id) AS (
        SELECT ${caseId}::bigint
        UNION
        SELECT l.to_case_id FROM case_links l JOIN down d ON l.from_case_id = d.id
      )
      SELECT l.from_case_id, l.to_case_id FROM case_links l JOIN down d ON l.from_case_id = d.id`.execute(db)
    return r.rows
  }

  findLink(db: Executor, fromCaseId: string, toCaseId: string) {
    return db
      .selectFrom('case_links')
      .select('id')
      .where('from_case_id', '=', fromCaseId)
      .where('to_case_id', '=', toCaseId)
      .executeTakeFirst()
  }

  updateLink(db: Executor, id: string, set: Pick<Updateable<CaseLinks>, 'confidence' | 'note'>) {
    return db.updateTable('case_links').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
  }

  insertLink(db: Executor, row: Insertable<CaseLinks>) {
    return db.insertInto('case_links').values(row).returningAll().executeTakeFirstOrThrow()
  }

  /** A link by id (its ends' regions are checked by the caller through `linkEnds`). */
  linkById(db: Executor, id: string) {
    return db.selectFrom('case_links').selectAll().where('id', '=', id).executeTakeFirst()
  }

  deleteLink(db: Executor, id: string) {
    return db.deleteFrom('case_links').where('id', '=', id).execute()
  }

  /**
   * The graph's seed cases: the scope's cases (narrowed to a region subtree) that are not
   * excluded, dated in the range, newest first, at most `limit`.
   */
  seedCases(
    db: Executor,
    scope: Scope,
    f: { regionPrefix?: string | undefined; from?: Date | undefined; to?: Date | undefined },
    limit: number,
  ) {
    let q = whereInScope(db.selectFrom('cases as c'), 'c.region_code', scope, 'c.person_id')
      .select('c.id')
      .where('c.status', '!=', 'excluded')
    if (f.regionPrefix !== undefined) q = q.where('c.region_code', 'like', likePrefix(f.regionPrefix))
    if (f.from) q = q.where(dated, '>=', f.from)
    if (f.to) q = q.where(dated, '<=', f.to)
    return q.orderBy(dated, 'desc').orderBy('c.id', 'desc').limit(limit).execute()
  }

  /** Cases of the walk with their persons' names. */
  graphCases(db: Executor, ids: readonly string[]) {
    return db
      .selectFrom('cases as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select([
        'c.id',
        'c.person_id',
        'c.region_code',
        'c.status',
        'c.onset_at',
        'c.first_positive_sample_at',
        'p.name',
      ])
      .where('c.id', 'in', ids)
      .execute()
  }

  /** Case links from or to these cases. */
  linksOf(db: Executor, ids: readonly string[]) {
    return db
      .selectFrom('case_links')
      .select(['id', 'from_case_id', 'to_case_id', 'confidence'])
      .where((eb) => eb.or([eb('from_case_id', 'in', ids), eb('to_case_id', 'in', ids)]))
      .execute()
  }

  /** Open or acknowledged cluster alerts holding any of these cases, with the venue's name. */
  alertsWithCases(db: Executor, ids: readonly string[]) {
    return db
      .selectFrom('cluster_alerts as a')
      .leftJoin('venues as v', (j) => j.onRef('v.id', '=', 'a.key').on('a.kind', '!=', 'household'))
      .select([
        'a.id',
        'a.kind',
        'a.key',
        'a.region_code',
        'a.status',
        'a.case_ids',
        'a.first_at',
        'v.name as venue_name',
      ])
      .where('a.status', '!=', 'closed')
      .where(sql<boolean>`a.case_ids && ARRAY[${sql.join(ids.map((id) => sql`${id}::bigint`))}]`)
      .execute()
  }

  /** Confirmed contacts of these cases with their persons' names, in order. */
  confirmedContactsOf(db: Executor, caseIds: readonly string[]) {
    return db
      .selectFrom('contacts as k')
      .innerJoin('persons as p', 'p.id', 'k.person_id')
      .select([
        'k.id',
        'k.case_id',
        'k.person_id',
        'k.degree',
        'k.via_person_id',
        'k.region_code',
        'k.last_exposure_at',
        'p.name',
      ])
      .where('k.case_id', 'in', caseIds)
      .where('k.status', '=', 'confirmed')
      .orderBy('k.id')
      .execute()
  }

  /** The cases (not excluded) of these persons. */
  casesOfPersons(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('cases')
      .select('id')
      .where('person_id', 'in', personIds)
      .where('status', '!=', 'excluded')
      .execute()
  }

  /** The cases these persons are confirmed contacts of. */
  casesAsContact(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('contacts')
      .select('case_id')
      .where('person_id', 'in', personIds)
      .where('status', '=', 'confirmed')
      .execute()
  }

  /** The cases of a cluster alert. */
  alertCases(db: Executor, id: string) {
    return db.selectFrom('cluster_alerts').select('case_ids').where('id', '=', id).executeTakeFirst()
  }
}
