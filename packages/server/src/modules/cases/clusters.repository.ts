import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { ClusterAlerts, DB } from '../../db/schema.generated.js'

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
