import { sql } from 'kysely'
import { MAX_STAY_HOURS, type IdType } from '@lianfang/core'
import type { Database } from '../../db/database.js'
import { type Executor, likePrefix } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

/** The rows of one flush as the insert's sixteen column arrays (`CheckinWriter`). */
export interface ScanColumns {
  readonly regionCode: readonly string[]
  readonly venueId: readonly string[]
  readonly personId: readonly (string | null)[]
  /** ISO instants. */
  readonly checkedInAt: readonly string[]
  readonly source: readonly string[]
  readonly clientScanId: readonly string[]
  readonly direction: readonly string[]
  readonly decision: readonly string[]
  readonly denyReason: readonly (string | null)[]
  readonly colour: readonly (string | null)[]
  readonly resident: readonly (boolean | null)[]
  readonly companionPersonId: readonly (string | null)[]
  readonly operatorUserId: readonly (string | null)[]
  readonly issuer: readonly (string | null)[]
  readonly subject: readonly (string | null)[]
  /** JSON text. */
  readonly seat: readonly (string | null)[]
}

/** An allowed check-out that closes the person's open check-in at the venue. */
export interface CheckOut {
  readonly personId: string | null
  readonly venueId: string
  readonly checkedInAt: Date
}

/**
 * SQL of the gate path and of stored check-ins; one query per method (STYLE.md §5). These are
 * the hot queries of the ingest path (`npm run bench -- ingest`): their text and round trips are
 * those the benchmarks measured, only moved here.
 *
 * Scope (#15): what a request reads back of a person is scoped (`ownPerson`). The gate path's
 * look-ups by a key the scan presents — its venue, the scan ids it replays, the persons of code
 * subjects — are not: their answers are shared by every scan of the process (the venue and
 * subject caches), and the service checks the venue's region against the scanner's own and
 * answers `OUT_OF_SCOPE` per item, as the gate's tests expect, rather than "not found".
 */
export class CheckinsRepository {
  /** A venue as the gate path checks it (cached; the scope check is the service's, per scan). */
  gateVenue(db: Executor, id: string) {
    return db
      .selectFrom('venues')
      .select(['id', 'region_code', 'kind', 'name', 'active'])
      .where('id', '=', id)
      .executeTakeFirst()
  }

  /** A venue a citizen's scanned venue code names (any region: a citizen goes anywhere). */
  venueOfCode(db: Executor, id: string) {
    return db
      .selectFrom('venues as v')
      .innerJoin('regions as r', 'r.code', 'v.region_code')
      .select(['v.id', 'v.region_code', 'v.kind', 'v.name', 'v.active', 'r.name as region_name'])
      .where('v.id', '=', id)
      .executeTakeFirst()
  }

  /** The stored check-ins of replayed scan ids (`checkin_scan_ids` → the row, through its index). */
  storedScans(db: Executor, ids: readonly string[]) {
    return db
      .selectFrom('checkin_scan_ids as s')
      .innerJoin('checkins as c', (j) =>
        j.onRef('c.client_scan_id', '=', 's.client_scan_id').onRef('c.checked_in_at', '=', 's.checked_in_at'),
      )
      .select([
        's.client_scan_id',
        'c.venue_id',
        'c.person_id',
        'c.subject',
        'c.direction',
        'c.checked_in_at',
        'c.decision',
        'c.deny_reason',
        'c.colour',
        'c.resident',
      ])
      .where('s.client_scan_id', 'in', ids)
      .execute()
  }

  /** The persons of health-code subjects (a stable mapping, cached by the service). */
  personsOfSubjects(db: Executor, subjects: readonly string[]) {
    return db
      .selectFrom('health_codes as h')
      .innerJoin('persons as p', 'p.id', 'h.person_id')
      .select(['h.subject_id', 'p.id', 'p.region_code', 'p.name'])
      .where('h.subject_id', 'in', subjects)
      .execute()
  }

  /** The person of an identity document, by its look-up hash (a proxy scan). */
  personByIdHash(db: Executor, idType: IdType, hash: Uint8Array) {
    return db
      .selectFrom('persons')
      .select(['id', 'region_code', 'name'])
      .where('id_type', '=', idType)
      .where('id_number_hash', '=', hash)
      .executeTakeFirst()
  }

  /** A person the scope sees (a citizen: their own record). */
  ownPerson(db: Executor, scope: Scope, personId: string) {
    return whereInScope(
      db.selectFrom('persons').select(['id', 'region_code', 'name']).where('id', '=', personId),
      'region_code',
      scope,
      'id',
    ).executeTakeFirst()
  }

  /**
   * Allowed check-ins of these persons since `since` at venues inside any of the region prefixes
   * (being checked in at a venue inside a risk area is being there): for grading trips. Not a
   * request's read — the health-code recompute of these persons — so it takes no scope.
   */
  visitsInAreas(db: Executor, personIds: readonly string[], prefixes: readonly string[], since: Date) {
    return db
      .selectFrom('checkins as c')
      .innerJoin('venues as v', 'v.id', 'c.venue_id')
      .innerJoin('regions as r', 'r.code', 'v.region_code')
      .select(['c.person_id', 'v.region_code', 'r.name', 'c.checked_in_at', 'c.checked_out_at'])
      .where('c.person_id', 'in', [...personIds])
      .where('c.decision', '=', 'allow')
      .where('c.checked_in_at', '>', since)
      .where((eb) => eb.or(prefixes.map((p) => eb('v.region_code', 'like', likePrefix(p)))))
      .execute()
  }

  /** Creates the day's partition of `checkins` if missing. `day`: `YYYY-MM-DD`. */
  async ensurePartition(db: Executor, day: string): Promise<void> {
    await sql`select ensure_checkin_partition(${day}::date)`.execute(db)
  }

  /**
   * The ids first, then the rows whose id was new, in one statement. The `checkins` conflict
   * clause only guards rows stored before `checkin_scan_ids` existed.
   */
  private insertQuery(c: ScanColumns) {
    return sql<{ id: string; scan: string }>`
        with fresh as (
          insert into checkin_scan_ids (client_scan_id, checked_in_at)
          select * from unnest(${c.clientScanId}::uuid[], ${c.checkedInAt}::timestamptz[])
          on conflict (client_scan_id) do nothing
          returning client_scan_id)
        insert into checkins (region_code, venue_id, person_id, checked_in_at, source, client_scan_id, direction,
                              decision, deny_reason, colour, resident, companion_person_id, operator_user_id, issuer, subject, seat)
        select * from unnest(
          ${c.regionCode}::text[], ${c.venueId}::bigint[], ${c.personId}::bigint[],
          ${c.checkedInAt}::timestamptz[], ${c.source}::text[],
          ${c.clientScanId}::uuid[], ${c.direction}::text[], ${c.decision}::text[],
          ${c.denyReason}::text[], ${c.colour}::text[], ${c.resident}::boolean[],
          ${c.companionPersonId}::bigint[], ${c.operatorUserId}::bigint[],
          ${c.issuer}::text[], ${c.subject}::text[], ${c.seat}::jsonb[])
          as u(region_code, venue_id, person_id, checked_in_at, source, client_scan_id, direction,
               decision, deny_reason, colour, resident, companion_person_id, operator_user_id, issuer, subject, seat)
         where u.client_scan_id in (select client_scan_id from fresh)
        on conflict (client_scan_id, checked_in_at) do nothing
        returning id::text as id, client_scan_id::text as scan`
  }

  /** Stores the scans whose id is new (see `insertQuery`); returns the stored rows' ids. */
  async insertScans(db: Executor, c: ScanColumns): Promise<{ id: string; scan: string }[]> {
    return (await this.insertQuery(c).execute(db)).rows
  }

  /**
   * The same statement as its own transaction, prepared (`Database.prepared`: the text is
   * fixed, the rows are arrays). Outside a transaction only.
   */
  insertScansPrepared(database: Database, c: ScanColumns): Promise<{ id: string; scan: string }[]> {
    return database.prepared(this.insertQuery(c).compile(database.db))
  }

  /** Closes each person's open check-in at the venue that an allowed check-out ends. */
  async closeCheckIns(db: Executor, outs: readonly CheckOut[]): Promise<void> {
    await sql`
              update checkins c set checked_out_at = o.at
                from unnest(${outs.map((o) => o.personId)}::bigint[], ${outs.map((o) => o.venueId)}::bigint[],
                            ${outs.map((o) => o.checkedInAt.toISOString())}::timestamptz[]) as o(pid, vid, at)
               where c.person_id = o.pid and c.venue_id = o.vid and c.direction = 'in' and c.checked_out_at is null
                 and c.checked_in_at between o.at - make_interval(hours => ${MAX_STAY_HOURS}) and o.at`.execute(
      db,
    )
  }
}
