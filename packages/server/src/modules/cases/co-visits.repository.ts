/**
 * The hot queries of contact finding: who was at the case's venues when the case was there.
 * Written by hand (STYLE.md §5) because the index needs them in this shape: per venue only the
 * check-ins that can reach one of the case's stays, as index-only range scans on the covering
 * partial index `checkins_covisit_idx` (migration 20261128T1900) — see docs/query-plans.md and
 * the EXPLAIN test `query-plans.int.test.ts`.
 */
import { sql } from 'kysely'
import { assumedCheckout, MAX_STAY_MS, type TimeWindow, type Visit } from '@lianfang/core'
import type { Database } from '../../db/database.js'

type Db = Database['db']

const EPOCH = new Date(0)

/**
 * One stay of the traced person, as the interval another stay at the venue must meet: the stay
 * (recorded check-out, else the kind's dwell) clipped to the window, widened by the buffer, and
 * clipped to the window again — exactly the test of core `findOverlapContacts` (from ≤ to).
 * `dwellS`: the kind's dwell in seconds, for co-visitors without a check-out. The dwells are the
 * rule set's (`dwellOverrides` = core `dwellMinutesOf(params)`, as `findOverlapContacts` uses them).
 */
export interface ReachStay {
  readonly venueId: string
  readonly lo: number
  readonly hi: number
  readonly dwellS: number
}

export function reachStays(
  visits: readonly Visit[],
  window: TimeWindow,
  bufferMs: number,
  dwellOverrides: Readonly<Record<string, number>>,
): ReachStay[] {
  const ws = window.start.getTime()
  const we = window.end.getTime()
  return visits.flatMap((v) => {
    const start = v.checkedInAt.getTime()
    const dwell = assumedCheckout(EPOCH, null, v.venueKind, dwellOverrides).getTime()
    const end = Math.max(start, v.checkedOutAt ? v.checkedOutAt.getTime() : start + dwell)
    const cs = Math.max(start, ws)
    const ce = Math.min(end, we)
    if (cs > ce) return []
    return [
      {
        venueId: v.venueId,
        lo: Math.max(cs - bufferMs, ws),
        hi: Math.min(ce + bufferMs, we),
        dwellS: dwell / 1000,
      },
    ]
  })
}

/**
 * What to scan, per venue: the case's stays there merged into disjoint intervals `[reach, upto]`
 * (their union, exactly), and for each the check-ins from the longest stay before `reach`
 * (`MAX_STAY_MS`: the longest a check-out can close, and no dwell a rule set assumes is longer) but
 * after the previous interval's `upto`, to `upto`. A check-in in the range of an interval meets
 * some stay iff it meets that interval — it came in no later than `upto` and left no earlier than
 * `reach` — because it came in after every earlier interval ended, and a later interval starts
 * after this one ends. So each row is read once and tested once, in the index scan's own filter.
 */
interface ScanRange {
  venue: string
  /** Check-ins after this (exclusive) … */
  after: number
  /** … up to this (inclusive), the interval's end. */
  upto: number
  /** The interval's start: the check-in's stay must reach it. */
  reach: number
  dwellS: number
}

export function scanRanges(stays: readonly ReachStay[]): ScanRange[] {
  const byVenue = new Map<string, ReachStay[]>()
  for (const s of stays) byVenue.set(s.venueId, [...(byVenue.get(s.venueId) ?? []), s])
  const out: ScanRange[] = []
  for (const [venue, list] of byVenue) {
    const sorted = [...list].sort((a, b) => a.lo - b.lo)
    const merged: { lo: number; hi: number; dwellS: number }[] = []
    for (const s of sorted) {
      const last = merged[merged.length - 1]
      if (last && s.lo <= last.hi) last.hi = Math.max(last.hi, s.hi)
      else merged.push({ lo: s.lo, hi: s.hi, dwellS: s.dwellS })
    }
    let previous = Number.NEGATIVE_INFINITY
    for (const m of merged) {
      // `after` is exclusive: 1 ms less, so a check-in exactly the longest stay before counts.
      // A rule set's dwell is at most `MAX_STAY_MS` (contracts, `dwellMinutesOf`); the reach
      // covers the venue's dwell (one kind per venue) all the same, should a longer one be passed.
      out.push({
        venue,
        after: Math.max(m.lo - Math.max(MAX_STAY_MS, m.dwellS * 1000) - 1, previous),
        upto: m.hi,
        reach: m.lo,
        dwellS: m.dwellS,
      })
      previous = m.hi
    }
  }
  return out
}

/** What every co-visit query needs: the traced person's stays (one tier) and who to leave out. */
export interface CoVisitScope {
  readonly stays: readonly ReachStay[]
  /** The traced person (the case, or the close contact for CC2.DEF). */
  readonly personId: string
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The matching check-ins, as a FROM/WHERE fragment over alias `k`: one index range scan per
 * `ScanRange` with the overlap test of core (check-out, else the kind's dwell) as its filter; the
 * bounds of all ranges repeated as constants, for plan-time partition pruning.
 */
function matching(scope: CoVisitScope) {
  const ranges = scanRanges(scope.stays)
  const from = new Date(Math.min(...ranges.map((r) => r.after)))
  const to = new Date(Math.max(...ranges.map((r) => r.upto)))
  return sql`unnest(${ranges.map((r) => r.venue)}::bigint[], ${ranges.map((r) => iso(r.after))}::timestamptz[],
                     ${ranges.map((r) => iso(r.upto))}::timestamptz[], ${ranges.map((r) => iso(r.reach))}::timestamptz[],
                     ${ranges.map((r) => r.dwellS)}::float8[]) as r(venue_id, after, upto, reach, dwell_s)
       join checkins k on k.venue_id = r.venue_id and k.checked_in_at > r.after and k.checked_in_at <= r.upto
      where k.checked_in_at > ${from} and k.checked_in_at <= ${to}
        and k.person_id is not null and k.person_id <> ${scope.personId}
        and k.decision = 'allow' and k.direction = 'in'
        and greatest(k.checked_in_at,
                     coalesce(k.checked_out_at, k.checked_in_at + make_interval(secs => r.dwell_s))) >= r.reach`
}

export interface CoVisitRow {
  person_id: string
  venue_id: string
  checked_in_at: Date
  checked_out_at: Date | null
  seat: unknown
  /** The co-visitor's name and region, read in the same statement (they are the candidates). */
  name: string
  region_code: string
}

/**
 * Everyone whose stay met one of the stays in `scope`, one row per check-in, with their name and
 * region (the rules — seats, clipping, reasons — stay in core `findOverlapContacts`). Times come
 * as epoch milliseconds (`float8`): parsing thousands of `timestamptz` texts into dates was the
 * largest JS cost of an investigation (bench `contacts --profile`).
 */
export function coVisitQuery(scope: CoVisitScope) {
  return sql<Omit<CoVisitRow, 'checked_in_at' | 'checked_out_at'> & { in_ms: number; out_ms: number | null }>`
     select m.person_id, m.venue_id, m.in_ms, m.out_ms, m.seat, p.name, p.region_code
       from (select k.person_id, k.venue_id, k.seat,
                    (extract(epoch from k.checked_in_at) * 1000)::float8 as in_ms,
                    (extract(epoch from k.checked_out_at) * 1000)::float8 as out_ms
               from ${matching(scope)}) as m
       join persons p on p.id = m.person_id`
}

/**
 * `coVisitQuery`, run as a prepared statement (`Database.prepared`: its text is fixed, the stays
 * are arrays, and a custom plan on the partitioned table cost more to make than to run); no
 * statement when there are no stays.
 */
export async function coVisits(database: Database, scope: CoVisitScope): Promise<CoVisitRow[]> {
  if (scope.stays.length === 0) return []
  return (await database.prepared(coVisitQuery(scope).compile(database.db))).map(
    ({ in_ms, out_ms, ...r }) => ({
      ...r,
      checked_in_at: new Date(in_ms),
      checked_out_at: out_ms === null ? null : new Date(out_ms),
    }),
  )
}

/** The general-tier scope, less the people already candidates (they are not general contacts). */
export interface GeneralScope extends CoVisitScope {
  readonly excludePersonIds: readonly string[]
}

/**
 * `<> all` of a constant array: PostgreSQL 15 hashes it (a NOT EXISTS over `unnest` was planned
 * as a nested loop, 500 comparisons per row: 0.8 s for an office building's 10,000 check-ins).
 */
const notExcluded = (ids: readonly string[]) => sql`k.person_id <> all(${ids}::bigint[])`

/**
 * General contacts (GC.DEF) counted in SQL: distinct persons per venue and in all (the row with a
 * null venue), without fetching them.
 */
export async function generalContactCounts(
  db: Db,
  scope: GeneralScope,
): Promise<{ total: number; byVenue: Map<string, number> }> {
  if (scope.stays.length === 0) return { total: 0, byVenue: new Map() }
  const venues = new Set(scope.stays.map((s) => s.venueId))
  const [only] = venues
  if (venues.size === 1 && only !== undefined) {
    // One venue (a school, an office building): one aggregation, the total is its count.
    const one = await sql<{ n: number }>`
      select count(*)::int as n from (
        select distinct k.person_id from ${matching(scope)} and ${notExcluded(scope.excludePersonIds)}) as d`.execute(
      db,
    )
    const n = one.rows[0]?.n ?? 0
    return { total: n, byVenue: new Map([[only, n]]) }
  }
  const rows = (
    await sql<{ venue_id: string | null; n: number }>`
      with d as (
        select distinct k.venue_id, k.person_id from ${matching(scope)}
           and ${notExcluded(scope.excludePersonIds)})
      select venue_id, count(*)::int as n from d group by venue_id
      union all
      select null, count(*)::int from (select distinct person_id from d) as p`.execute(db)
  ).rows
  const byVenue = new Map<string, number>()
  let total = 0
  for (const r of rows) {
    if (r.venue_id === null) total = r.n
    else byVenue.set(r.venue_id, r.n)
  }
  return { total, byVenue }
}

export interface GeneralPageRow {
  total: number
  person_id: string | null
  name: string | null
  region_code: string | null
  venue_id: string | null
  checked_in_at: Date | null
  checked_out_at: Date | null
  /** On a conveyance, the seat that put the person outside the case's seat zone (GC.DEF). */
  seat: unknown
}

/**
 * One page of general contacts, ordered by person id: their check-ins that met the stays, with
 * the seats (for the reasons, computed in core: on a conveyance, the seat rule rules them out)
 * and their names and regions, and the total on every row (one row with only the total when the
 * page is empty).
 */
export async function generalContactPage(
  db: Db,
  scope: GeneralScope,
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: GeneralPageRow[] }> {
  if (scope.stays.length === 0) return { total: 0, rows: [] }
  const rows = (
    await sql<GeneralPageRow>`
      with m as (
        select k.person_id, k.venue_id, k.checked_in_at, k.checked_out_at, k.seat from ${matching(scope)}
           and ${notExcluded(scope.excludePersonIds)}),
      g as (select distinct m.person_id from m),
      page as (select person_id from g order by person_id offset ${page.offset} limit ${page.limit})
      select (select count(*) from g)::int as total, p.id as person_id, p.name, p.region_code,
             m.venue_id, m.checked_in_at, m.checked_out_at, m.seat
        from page join persons p on p.id = page.person_id join m on m.person_id = page.person_id
      union all
      select (select count(*) from g)::int, null, null, null, null, null, null, null
       where not exists (select 1 from page)
       order by person_id, checked_in_at`.execute(db)
  ).rows
  return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.person_id !== null) }
}
