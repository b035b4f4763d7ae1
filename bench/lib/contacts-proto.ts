/**
 * `npm run bench -- contacts --prototype`: the server changes proposed for the contacts hot path
 * (docs/query-plans.md), measured on the same cases and checked to give the same answer as
 * `InvestigationService.open`:
 *
 * 1. indexes on `persons (workplace_id)` and `persons (school_id)` — the workplace and school
 *    members are otherwise a sequential scan of all persons (created here for the pass, dropped
 *    after: the kept database stays as the migrations define it);
 * 2. `openNarrow`: the investigation with the co-visit query narrowed to the case's own stays —
 *    per venue only the check-ins that can reach a stay of the case (check-in from the stay's start
 *    less the buffer and the longest dwell, to its end plus the buffer, merged per venue so no row
 *    is read twice), and only rows whose stay reaches one of the case's stays (the overlap test,
 *    loose, in SQL; the rules stay in core) — plus the group members in one statement and
 *    `= any($1)` for the names. Everything else is the service's code path unchanged.
 */
import { CompiledQuery, sql } from 'kysely'
import {
  assumedCheckout,
  DEFAULT_DWELL_MINUTES,
  DomainError,
  exposureWindow,
  findOverlapContacts,
  groupCandidates,
  isInRegion,
  maskName,
  mergeCandidates,
  type CaseKind,
  type ContactReason,
  type CoVisit,
  type Visit,
} from '@lianfang/core'
import { AuditService, type Database } from '@lianfang/server'
import type { SessionUser } from '../../packages/server/src/auth/session-user.js'
import { assertInScope } from '../../packages/server/src/auth/scope.js'
import { resolveRuleSets } from '../../packages/server/src/modules/health-codes/rule-sets.repository.js'
import {
  seatOf,
  type InvestigationCandidate,
} from '../../packages/server/src/modules/cases/investigation.service.js'
import type { BenchNode } from './bench-db.js'
import { median, show, summarize, timed } from './latency.js'
import { logProfile, plainScan, statementProfile, type CaseProbe } from './contacts-probe.js'

/** The covering partial index proposed for the co-visit scan. */
const COVERING = `(venue_id, checked_in_at) include (person_id, checked_out_at, seat)
  where decision = 'allow' and direction = 'in' and person_id is not null`
const MAX_DWELL_MS = Math.max(...Object.values(DEFAULT_DWELL_MINUTES)) * 60_000
const EPOCH = new Date(0)
const dwellMs = (kind: string) => assumedCheckout(EPOCH, null, kind).getTime()

const plain = (r: ContactReason): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : (v as unknown)]),
  )

/** Disjoint scan ranges per venue covering [stay start − buffer − longest dwell, stay end + buffer]. */
function scanRanges(
  stays: readonly { venueId: string; lo: number; hi: number }[],
  from: number,
  to: number,
): { venue: string[]; lo: Date[]; hi: Date[] } {
  const byVenue = new Map<string, [number, number][]>()
  for (const s of stays) {
    const r: [number, number] = [Math.max(s.lo - MAX_DWELL_MS, from), Math.min(s.hi, to)]
    if (r[0] > r[1]) continue
    const list = byVenue.get(s.venueId) ?? []
    list.push(r)
    byVenue.set(s.venueId, list)
  }
  const out = { venue: [] as string[], lo: [] as Date[], hi: [] as Date[] }
  for (const [venue, list] of byVenue) {
    list.sort((a, b) => a[0] - b[0])
    let cur: [number, number] | undefined
    for (const r of list) {
      if (cur && r[0] <= cur[1]) cur[1] = Math.max(cur[1], r[1])
      else {
        if (cur) {
          out.venue.push(venue)
          out.lo.push(new Date(cur[0]))
          out.hi.push(new Date(cur[1]))
        }
        cur = [r[0], r[1]]
      }
    }
    if (cur) {
      out.venue.push(venue)
      out.lo.push(new Date(cur[0]))
      out.hi.push(new Date(cur[1]))
    }
  }
  return out
}

/**
 * The proposed co-visit query: index range scans only where a co-visitor's check-in can reach
 * one of the case's stays (`ranges`, disjoint per venue), and only rows whose stay (recorded
 * check-out, else the kind's dwell) reaches a stay widened by the buffer (`stays`). A loose
 * test: the rules (clipping, seats, reasons) stay in core `findOverlapContacts`.
 */
export function narrowCoVisitQuery(q: {
  ranges: { venue: string[]; lo: Date[]; hi: Date[] }
  stays: readonly { venueId: string; lo: number; hi: number; dwell: number }[]
  from: Date
  to: Date
  casePersonId: string
}) {
  const { ranges, stays } = q
  return sql<{
    person_id: string
    venue_id: string
    checked_in_at: Date
    checked_out_at: Date | null
    seat: unknown
  }>`select k.person_id, k.venue_id, k.checked_in_at, k.checked_out_at, k.seat
       from unnest(${ranges.venue}::bigint[], ${ranges.lo}::timestamptz[], ${ranges.hi}::timestamptz[]) as r(venue_id, lo, hi)
       join checkins k on k.venue_id = r.venue_id and k.checked_in_at >= r.lo and k.checked_in_at <= r.hi
      where k.checked_in_at >= ${q.from} and k.checked_in_at <= ${q.to}
        and k.person_id is not null and k.person_id <> ${q.casePersonId}
        and k.decision = 'allow' and k.direction = 'in'
        and exists (
          select 1 from unnest(${stays.map((s) => s.venueId)}::bigint[], ${stays.map((s) => new Date(s.lo))}::timestamptz[],
                               ${stays.map((s) => new Date(s.hi))}::timestamptz[], ${stays.map((s) => s.dwell / 1000)}::float8[])
                        as s(venue_id, lo, hi, dwell_s)
           where s.venue_id = k.venue_id and k.checked_in_at <= s.hi
             and greatest(k.checked_in_at, coalesce(k.checked_out_at, k.checked_in_at + make_interval(secs => s.dwell_s))) >= s.lo)`
}

/** InvestigationService.open with the narrowed co-visit query (see the file comment). */
export async function openNarrow(
  database: Database,
  audit: AuditService,
  user: SessionUser,
  caseId: string,
  bufferMinutes: number,
  capture?: { query?: CompiledQuery },
) {
  const db = database.db
  const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
  if (!c) throw new DomainError('NOT_FOUND', `case ${caseId} does not exist`)
  assertInScope(user, c.region_code, `case ${caseId}`)
  const rs = (await resolveRuleSets(db, [c.region_code])).get(c.region_code)
  if (!rs) throw new Error('no rule set')
  const w = exposureWindow(
    {
      kind: (c.status === 'excluded' ? 'suspected' : c.status) as CaseKind,
      ...(c.onset_at ? { onsetAt: c.onset_at } : {}),
      ...(c.first_positive_sample_at ? { firstPositiveSampleAt: c.first_positive_sample_at } : {}),
      ...(c.isolated_at ? { isolatedAt: c.isolated_at } : {}),
    },
    rs.params,
    new Date(),
  )
  if ('error' in w) throw new DomainError('VALIDATION_FAILED', `exposure window: ${w.error}`)
  const person = await db
    .selectFrom('persons')
    .select(['id', 'household_id', 'workplace_id', 'school_id'])
    .where('id', '=', c.person_id)
    .executeTakeFirstOrThrow()
  const visits = await db
    .selectFrom('checkins as k')
    .innerJoin('venues as v', 'v.id', 'k.venue_id')
    .select(['k.venue_id', 'v.kind', 'v.name', 'k.checked_in_at', 'k.checked_out_at', 'k.seat'])
    .where('k.person_id', '=', c.person_id)
    .where('k.decision', '=', 'allow')
    .where('k.direction', '=', 'in')
    .where('k.checked_in_at', '>=', new Date(w.start.getTime() - MAX_DWELL_MS))
    .where('k.checked_in_at', '<=', w.end)
    .orderBy('k.checked_in_at')
    .execute()
  const caseVisits: Visit[] = visits.map((v) => ({
    venueId: v.venue_id,
    venueKind: v.kind,
    checkedInAt: v.checked_in_at,
    checkedOutAt: v.checked_out_at,
    ...seatOf(v.seat),
  }))
  const buffer = bufferMinutes * 60_000
  const ws = w.start.getTime()
  const we = w.end.getTime()
  // The case's stays clipped to the window and widened by the buffer (as findOverlapContacts does).
  const kindOf = new Map(visits.map((v) => [v.venue_id, v.kind]))
  const stays = visits.flatMap((v) => {
    const start = v.checked_in_at.getTime()
    const end = Math.max(start, v.checked_out_at ? v.checked_out_at.getTime() : start + dwellMs(v.kind))
    const cs = Math.max(start, ws)
    const ce = Math.min(end, we)
    return cs > ce ? [] : [{ venueId: v.venue_id, lo: cs - buffer, hi: ce + buffer, dwell: dwellMs(v.kind) }]
  })
  const ranges = scanRanges(stays, ws - MAX_DWELL_MS - buffer, we + buffer)
  const co =
    ranges.venue.length === 0
      ? []
      : (
          await (() => {
            const query = narrowCoVisitQuery({
              ranges,
              stays,
              from: new Date(ws - MAX_DWELL_MS - buffer),
              to: new Date(we + buffer),
              casePersonId: c.person_id,
            })
            if (capture) capture.query = query.compile(db)
            return query.execute(db)
          })()
        ).rows
  const coVisits: CoVisit[] = co.map((v) => ({
    personId: v.person_id,
    venueId: v.venue_id,
    venueKind: kindOf.get(v.venue_id) ?? 'other',
    checkedInAt: v.checked_in_at,
    checkedOutAt: v.checked_out_at,
    ...seatOf(v.seat),
  }))
  const overlap = findOverlapContacts(caseVisits, coVisits, {
    casePersonId: c.person_id,
    bufferMinutes,
    params: rs.params,
    window: w,
  })

  // Household, workplace and school members in one statement (each capped at 500 as before).
  const groupIds = [
    ['household', person.household_id],
    ['workplace', person.workplace_id],
    ['school_class', person.school_id],
  ] as const
  const members =
    person.household_id || person.workplace_id || person.school_id
      ? (
          await sql<{ g: number; id: string }>`
            (select 0 as g, id from persons where household_id = ${person.household_id} limit 500)
            union all (select 1, id from persons where workplace_id = ${person.workplace_id} limit 500)
            union all (select 2, id from persons where school_id = ${person.school_id} limit 500)`.execute(db)
        ).rows
      : []
  const groups = groupIds.flatMap(([kind, id], g) =>
    id ? [{ kind, groupId: id, memberIds: members.filter((m) => m.g === g).map((m) => m.id) }] : [],
  )
  const merged = mergeCandidates([overlap, groupCandidates({ casePersonId: c.person_id, groups })], {
    exclude: [c.person_id],
  })
  const ids = merged.map((m) => m.personId)
  const persons =
    ids.length === 0
      ? []
      : (
          await sql<{
            id: string
            name: string
            region_code: string
          }>`select id, name, region_code from persons where id = any(${ids}::bigint[])`.execute(db)
        ).rows
  const byId = new Map(persons.map((p) => [p.id, p]))
  const candidates: InvestigationCandidate[] = merged.flatMap((m) => {
    const p = byId.get(m.personId)
    if (!p) return []
    const mine = isInRegion(p.region_code, user.regionCode)
    const last = m.reasons.reduce(
      (t, r) => ('to' in r ? Math.max(t, r.to.getTime()) : Math.max(t, w.end.getTime())),
      0,
    )
    return [
      {
        personId: p.id,
        name: mine ? p.name : maskName(p.name),
        regionCode: p.region_code,
        otherRegion: !mine,
        degree: m.degree,
        lastExposureAt: new Date(last).toISOString(),
        strongest: plain(m.strongest),
        reasons: m.reasons.map(plain),
      },
    ]
  })
  await audit.record(user, {
    action: 'investigation.open',
    targetType: 'person',
    targetId: c.person_id,
    details: {
      caseId,
      candidates: candidates.length,
      window: { start: w.start.toISOString(), end: w.end.toISOString() },
    },
  })
  return {
    caseId,
    window: { start: w.start.toISOString(), end: w.end.toISOString() },
    ruleSetVersion: `${rs.id}@${rs.version}`,
    timeline: visits.map((v) => ({
      venueId: v.venue_id,
      venueName: v.name,
      kind: v.kind,
      checkedInAt: v.checked_in_at.toISOString(),
      checkedOutAt: v.checked_out_at?.toISOString() ?? null,
    })),
    candidates,
    coVisitRows: co.length,
  }
}

type Open = (caseId: string) => Promise<{ candidates: unknown[] }>
type Stats = ReturnType<typeof summarize>

interface PassResult {
  open: Stats
  plain: Stats
  /** Per case: the median time of `open`. */
  perCase: Map<string, number>
}

/** Rounds over the cases: `open` and the plain scan per case, alternating order; p50/p95/p99. */
async function pass(
  database: Database,
  probes: readonly CaseProbe[],
  rounds: number,
  open: Open,
): Promise<PassResult> {
  const a: number[] = []
  const b: number[] = []
  const perCase = new Map<string, number[]>()
  for (const p of probes) await open(p.caseId) // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [i, p] of probes.entries()) {
      const x = async () => {
        const [ms] = await timed(() => open(p.caseId))
        a.push(ms)
        perCase.set(p.caseId, [...(perCase.get(p.caseId) ?? []), ms])
      }
      const y = async () => b.push((await timed(() => plainScan(database, p)))[0])
      if ((i + r) % 2 === 0) {
        await x()
        await y()
      } else {
        await y()
        await x()
      }
    }
  }
  return {
    open: summarize(a),
    plain: summarize(b),
    perCase: new Map([...perCase].map(([id, xs]) => [id, median(xs)])),
  }
}

/** p50 / p95 of the per-case medians, by the size of the answer (candidates per case). */
function bySize(probes: readonly CaseProbe[], r: PassResult): Record<string, Stats> {
  const buckets = [
    ['under 200 candidates', 0, 200],
    ['200 to 999 candidates', 200, 1000],
    ['1,000 candidates or more', 1000, Infinity],
  ] as const
  return Object.fromEntries(
    buckets.map(([name, lo, hi]) => [
      name,
      summarize(
        probes
          .filter((p) => p.candidates >= lo && p.candidates < hi)
          .map((p) => r.perCase.get(p.caseId) ?? 0),
      ),
    ]),
  )
}

const brief = (r: PassResult) => ({ open: r.open, plain: r.plain })

/** Same answer as the service, case by case (timeline, every candidate with its reasons)? */
async function compare(
  node: BenchNode,
  user: SessionUser,
  probes: readonly CaseProbe[],
  bufferMinutes: number,
  log: (m: string) => void,
): Promise<{ same: number; rows: number[] }> {
  const { database, services } = node
  let same = 0
  const rows: number[] = []
  for (const p of probes) {
    const s = await services.investigation.open(user, p.caseId, bufferMinutes)
    const n = await openNarrow(database, services.audit, user, p.caseId, bufferMinutes)
    rows.push(n.coVisitRows)
    if (
      JSON.stringify(s.candidates) === JSON.stringify(n.candidates) &&
      JSON.stringify(s.timeline) === JSON.stringify(n.timeline)
    ) {
      same++
      continue
    }
    const sIds = new Set(s.candidates.map((c) => c.personId))
    const nIds = new Set(n.candidates.map((c) => c.personId))
    const only = (a: Set<string>, b: Set<string>) =>
      [...a]
        .filter((x) => !b.has(x))
        .slice(0, 5)
        .join(',')
    log(
      `prototype differs on case ${p.caseId}: ${s.candidates.length} vs ${n.candidates.length} candidates; only in service: ${only(sIds, nIds)}; only in prototype: ${only(nIds, sIds)}`,
    )
  }
  return { same, rows }
}

/** EXPLAIN ANALYZE of the narrowed co-visit query for the median case (by answer size) and the largest. */
async function explainNarrow(
  node: BenchNode,
  user: SessionUser,
  probes: readonly CaseProbe[],
  bufferMinutes: number,
  title: string,
  log: (m: string) => void,
): Promise<void> {
  const { database, services } = node
  const bySizeOrder = [...probes].sort((x, y) => x.candidates - y.candidates)
  for (const [label, p] of [
    ['median case', bySizeOrder[Math.floor(bySizeOrder.length / 2)]],
    ['largest case', bySizeOrder[bySizeOrder.length - 1]],
  ] as const) {
    if (!p) continue
    const capture: { query?: CompiledQuery } = {}
    await openNarrow(database, services.audit, user, p.caseId, bufferMinutes, capture)
    if (!capture.query) continue
    const plan = await database.db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (analyze, buffers, costs off) ${capture.query.sql}`, [
        ...capture.query.parameters,
      ]),
    )
    log(
      `EXPLAIN ANALYZE, ${title}, ${label} (case ${p.caseId}, ${p.candidates} candidates):\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`,
    )
  }
}

export async function runPrototype(o: {
  node: BenchNode
  user: SessionUser
  probes: readonly CaseProbe[]
  rounds: number
  bufferMinutes: number
  log: (m: string) => void
}): Promise<Record<string, unknown>> {
  const { node, user, probes, rounds, bufferMinutes, log } = o
  const { database, services } = node
  const service: Open = (id) => services.investigation.open(user, id, bufferMinutes)
  const narrow: Open = (id) => openNarrow(database, services.audit, user, id, bufferMinutes)
  const results: Record<string, unknown> = { cases: probes.length }
  const idx = [
    ['bench_proto_persons_workplace_idx', 'workplace_id'],
    ['bench_proto_persons_school_idx', 'school_id'],
  ] as const
  try {
    log('prototype: service as is')
    const asIs = await pass(database, probes, rounds, service)
    log(`  service ${show(asIs.open)}; plain scan ${show(asIs.plain)}`)
    for (const [name, col] of idx)
      await database.exec(`create index if not exists ${name} on persons (${col})`)
    await database.exec('analyze persons')
    // Compared with the indexes in place: the service caps group members at 500 without an
    // order, so which 500 of a larger workplace or school it lists depends on the plan.
    const { same, rows } = await compare(node, user, probes, bufferMinutes, log)
    log(
      `prototype: same answer as the service for ${same} of ${probes.length} cases; co-visit rows returned p50 ${median(rows)} (service: all check-ins at the venues in the window)`,
    )
    results['same_answer'] = same
    results['narrow_covisit_rows'] = summarize(rows)
    log('prototype: service + indexes on persons (workplace_id), (school_id)')
    const withIdx = await pass(database, probes, rounds, service)
    log(`  service + indexes ${show(withIdx.open)}; plain scan ${show(withIdx.plain)}`)
    log('prototype: narrowed co-visit query + indexes')
    const narrowed = await pass(database, probes, rounds, narrow)
    log(`  narrow + indexes ${show(narrowed.open)}; plain scan ${show(narrowed.plain)}`)
    // A covering partial index for the co-visit scan: index-only scans, no heap visits (a venue's
    // check-ins lie scattered over the day's heap pages: about one page per two rows).
    await explainNarrow(node, user, probes, bufferMinutes, 'narrowed co-visit query', log)
    log(`prototype: + covering index ${COVERING}`)
    const t0 = performance.now()
    await database.exec(`create index if not exists bench_proto_checkins_covisit_idx on checkins ${COVERING}`)
    await database.exec('vacuum (analyze) checkins')
    log(`  built in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
    const covered = await pass(database, probes, rounds, narrow)
    log(`  narrow + indexes + covering ${show(covered.open)}; plain scan ${show(covered.plain)}`)
    await explainNarrow(node, user, probes, bufferMinutes, 'narrowed co-visit query, covering index', log)
    results['service'] = brief(asIs)
    results['service_with_indexes'] = brief(withIdx)
    results['narrow_with_indexes'] = brief(narrowed)
    results['narrow_with_covering_index'] = brief(covered)
    results['by_answer_size'] = {
      service: bySize(probes, asIs),
      service_with_indexes: bySize(probes, withIdx),
      narrow_with_indexes: bySize(probes, narrowed),
      narrow_with_covering_index: bySize(probes, covered),
    }
    for (const [name, r] of [
      ['service', asIs],
      ['service + indexes', withIdx],
      ['narrow + indexes', narrowed],
      ['narrow + covering', covered],
    ] as const)
      for (const [bucket, st] of Object.entries(bySize(probes, r)))
        log(
          `  ${name.padEnd(18)} ${bucket.padEnd(26)} per-case median p50 / p95 ${st.p50} / ${st.p95} ms (${st.n} cases)`,
        )
    const profile = await statementProfile(database, probes, (inst) => {
      const audit = new AuditService(inst)
      return (caseId) => openNarrow(inst, audit, user, caseId, bufferMinutes)
    })
    log('profile of the prototype (mean ms per case):')
    logProfile(profile, log)
    results['narrow_profile'] = profile
  } finally {
    for (const [name] of idx) await database.exec(`drop index if exists ${name}`)
    await database.exec('drop index if exists bench_proto_checkins_covisit_idx')
  }
  return results
}
