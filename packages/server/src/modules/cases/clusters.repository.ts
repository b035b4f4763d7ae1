import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely'
import type { ClusterAlerts, DB } from '../../db/schema.generated.js'
import { likePrefix, pageOffset } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

export type Db = Kysely<DB> | Transaction<DB>
export type AlertRow = Selectable<ClusterAlerts>

/** A case as cluster detection reads it, with its person's groups. */
export interface CaseRow {
  id: string
  person_id: string
  region_code: string
  status: string
  onset_at: Date | null
  first_positive_sample_at: Date | null
  isolated_at: Date | null
  household_id: string | null
  workplace_id: string | null
  school_id: string | null
}

/** Cases that count for clusters (suspected and excluded never do; core filters asymptomatic). */
const COUNTED = ['confirmed', 'asymptomatic'] as const
const CHUNK = 1000

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK))
  return out
}

/** The columns of a case with its person's groups (`CaseRow`), for `cases as c` joined to `persons as p`. */
export const caseColumns = [
  'c.id',
  'c.person_id',
  'c.region_code',
  'c.status',
  'c.onset_at',
  'c.first_positive_sample_at',
  'c.isolated_at',
  'p.household_id',
  'p.workplace_id',
  'p.school_id',
] as const

/** Onset (symptomatic) or first positive sampling (asymptomatic): the date clusters count by. */
export function caseDate(c: {
  status: string
  onset_at: Date | null
  first_positive_sample_at: Date | null
}): Date | null {
  return c.status === 'asymptomatic'
    ? (c.first_positive_sample_at ?? c.onset_at)
    : (c.onset_at ?? c.first_positive_sample_at)
}

const caseDateSql = sql<Date>`coalesce(c.onset_at, c.first_positive_sample_at)`

/** The allowed entries of these persons between `from` and `to` (person index), by person. */
export async function checkinsOfPersons(
  db: Db,
  personIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, { venueId: string; at: Date }[]>> {
  const out = new Map<string, { venueId: string; at: Date }[]>()
  for (const ids of chunks(personIds)) {
    const rows = await db
      .selectFrom('checkins')
      .select(['person_id', 'venue_id', 'checked_in_at'])
      .where('person_id', 'in', ids)
      .where('checked_in_at', '>=', from)
      .where('checked_in_at', '<=', to)
      .where('decision', '=', 'allow')
      .where('direction', '=', 'in')
      .execute()
    for (const r of rows) {
      if (r.person_id === null) continue
      const list = out.get(r.person_id)
      const v = { venueId: r.venue_id, at: r.checked_in_at }
      if (list) list.push(v)
      else out.set(r.person_id, [v])
    }
  }
  return out
}

/** Counted cases since `since` of persons in these households, work units or schools. */
export async function groupRelatedCases(
  db: Db,
  households: readonly string[],
  workplaces: readonly string[],
  schools: readonly string[],
  since: Date,
): Promise<CaseRow[]> {
  const out: CaseRow[] = []
  for (const [column, ids] of [
    ['p.household_id', households],
    ['p.workplace_id', workplaces],
    ['p.school_id', schools],
  ] as const) {
    for (const chunk of chunks(ids)) {
      out.push(
        ...(await db
          .selectFrom('cases as c')
          .innerJoin('persons as p', 'p.id', 'c.person_id')
          .select(caseColumns)
          .where(column, 'in', chunk)
          .where('c.status', 'in', COUNTED)
          .where(caseDateSql, '>=', since)
          .execute()),
      )
    }
  }
  return out
}

/**
 * Counted cases dated since `caseSince` whose persons entered these venues after `from` (venue
 * index), one row per entry: the caller keeps the entries inside each case's exposure window.
 */
export async function checkinsAtVenues(db: Db, venueIds: readonly string[], from: Date, caseSince: Date) {
  const out: (CaseRow & { venue_id: string; checked_in_at: Date })[] = []
  for (const chunk of chunks(venueIds)) {
    out.push(
      ...(await db
        .selectFrom('checkins as k')
        .innerJoin('cases as c', 'c.person_id', 'k.person_id')
        .innerJoin('persons as p', 'p.id', 'c.person_id')
        .select([...caseColumns, 'k.venue_id', 'k.checked_in_at'])
        .where('k.venue_id', 'in', chunk)
        .where('k.checked_in_at', '>=', from)
        .where('k.decision', '=', 'allow')
        .where('k.direction', '=', 'in')
        .where('c.status', 'in', COUNTED)
        .where(caseDateSql, '>=', caseSince)
        .execute()),
    )
  }
  return out
}

/** Every alert (any status) of these setting keys; the caller filters by kind. */
export async function alertsOfSettings(db: Db, keys: readonly string[]): Promise<AlertRow[]> {
  const out: AlertRow[] = []
  for (const chunk of chunks([...new Set(keys)]))
    out.push(...(await db.selectFrom('cluster_alerts').selectAll().where('key', 'in', chunk).execute()))
  return out
}

/** Status and date (ms) of these cases. */
export async function caseStates(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { status: string; at: number }>> {
  const out = new Map<string, { status: string; at: number }>()
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'status', 'onset_at', 'first_positive_sample_at'])
      .where('id', 'in', chunk)
      .execute()
    for (const r of rows) {
      out.set(r.id, { status: r.status, at: caseDate(r)?.getTime() ?? 0 })
    }
  }
  return out
}

/** The region of each setting: `household:<id>` from households, `venue:<id>` from venues. */
export async function settingRegions(
  db: Db,
  householdIds: readonly string[],
  venueIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const chunk of chunks([...new Set(householdIds)])) {
    const rows = await db
      .selectFrom('households')
      .select(['id', 'region_code'])
      .where('id', 'in', chunk)
      .execute()
    for (const r of rows) out.set(`household:${r.id}`, r.region_code)
  }
  for (const chunk of chunks([...new Set(venueIds)])) {
    const rows = await db
      .selectFrom('venues')
      .select(['id', 'region_code'])
      .where('id', 'in', chunk)
      .execute()
    for (const r of rows) out.set(`venue:${r.id}`, r.region_code)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Alerts: listing, acknowledging and storing (cluster-store.ts), and the seeds of a detection.

/** Serialises detection runs, so two runs never create the same alert twice. */
const CLUSTER_LOCK = 731_415_928

export interface AlertFilter {
  readonly regionPrefix?: string | undefined
  readonly status?: AlertRow['status'] | undefined
  /** true: open or acknowledged and still active at `now`; false: closed or past. */
  readonly active?: boolean | undefined
  readonly now: Date
}

function alertsIn(db: Db, scope: Scope, f: AlertFilter) {
  let q = whereInScope(db.selectFrom('cluster_alerts as a'), 'a.region_code', scope)
  if (f.regionPrefix !== undefined) q = q.where('a.region_code', 'like', likePrefix(f.regionPrefix))
  if (f.status !== undefined) q = q.where('a.status', '=', f.status)
  if (f.active === true) q = q.where('a.status', '!=', 'closed').where('a.active_until', '>', f.now)
  if (f.active === false)
    q = q.where((eb) => eb.or([eb('a.status', '=', 'closed'), eb('a.active_until', '<=', f.now)]))
  return q
}

/** A page of the scope's alerts with the venue's name, newest first. */
export function listAlerts(db: Db, scope: Scope, f: AlertFilter, page: number, pageSize: number) {
  return alertsIn(db, scope, f)
    .leftJoin('venues as v', (j) => j.onRef('v.id', '=', 'a.key').on('a.kind', '!=', 'household'))
    .selectAll('a')
    .select('v.name as setting_name')
    .orderBy('a.detected_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute()
}

export async function countAlerts(db: Db, scope: Scope, f: AlertFilter): Promise<number> {
  const row = await alertsIn(db, scope, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** An alert of the scope, locked for an update in the caller's transaction. */
export function lockAlert(db: Db, scope: Scope, id: string) {
  return whereInScope(db.selectFrom('cluster_alerts as a'), 'a.region_code', scope)
    .selectAll('a')
    .where('a.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** Only the region of an alert, whatever the scope (OUT_OF_SCOPE rather than NOT_FOUND). */
export function alertRegionOf(db: Db, id: string) {
  return db.selectFrom('cluster_alerts').select('region_code').where('id', '=', id).executeTakeFirst()
}

export function acknowledgeAlert(db: Db, id: string, userId: string, note: string | null) {
  return db
    .updateTable('cluster_alerts')
    .set({
      status: 'acknowledged',
      acknowledged_by: userId,
      acknowledged_at: sql<Date>`now()`,
      note,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/**
 * Alerts by id with the venue's name: the ones a detection run or an acknowledgement just
 * touched (a setting's alert may lie in another region; alerts carry case ids, never names).
 */
export function alertsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('cluster_alerts as a')
    .leftJoin('venues as v', (j) => j.onRef('v.id', '=', 'a.key').on('a.kind', '!=', 'household'))
    .selectAll('a')
    .select('v.name as setting_name')
    .where('a.id', 'in', ids)
    .execute()
}

/** The scope's counted cases (narrowed to a subtree) dated since `since`, newest first: detection seeds. */
export function seedCases(
  db: Db,
  scope: Scope,
  f: { regionPrefix?: string | undefined; since: Date },
  limit: number,
): Promise<CaseRow[]> {
  let q = whereInScope(
    db.selectFrom('cases as c').innerJoin('persons as p', 'p.id', 'c.person_id'),
    'c.region_code',
    scope,
    'c.person_id',
  )
  if (f.regionPrefix !== undefined) q = q.where('c.region_code', 'like', likePrefix(f.regionPrefix))
  return q
    .select(caseColumns)
    .where('c.status', 'in', COUNTED)
    .where(caseDateSql, '>=', f.since)
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute()
}

/** One case of the scope with its person's groups (`CaseRow`). */
export function findClusterCase(db: Db, scope: Scope, id: string): Promise<CaseRow | undefined> {
  return whereInScope(
    db.selectFrom('cases as c').innerJoin('persons as p', 'p.id', 'c.person_id'),
    'c.region_code',
    scope,
    'c.person_id',
  )
    .select(caseColumns)
    .where('c.id', '=', id)
    .executeTakeFirst()
}

/** Takes the detection lock for the rest of the caller's transaction. */
export async function lockClusters(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CLUSTER_LOCK})`.execute(db)
}

export function insertAlert(db: Db, row: Insertable<ClusterAlerts>) {
  return db.insertInto('cluster_alerts').values(row).returning('id').executeTakeFirstOrThrow()
}

/** Changes an alert (`updated_at` is now). */
export function updateAlert(db: Db, id: string, set: Updateable<ClusterAlerts>) {
  return db
    .updateTable('cluster_alerts')
    .set({ ...set, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute()
}
