/**
 * `npm run bench -- contacts [--size small|large] [--rebuild] [--cases N] [--rounds N] [--profile]`:
 * time to open an investigation — the full candidate close-contact list, every rule, with the
 * reasons (`InvestigationService.open`, the code behind GET /api/cases/:id/investigation) — for
 * `--cases` real cases (default 100) on a synthetic city from `lianfang simulate` in PostgreSQL,
 * next to a plain indexed range scan of check-ins at the same case's venues over the same window
 * (plain SQL through the same pool), measured in the same run, case by case, alternating order.
 *
 * large: 1,000,000 persons, 14 days, check-in share 0.36 (≈ 10.2 M check-ins); small: 20,000
 * persons, same days and share. The city is loaded once into `lianfang_bench_contacts_<size>` and
 * reused while it matches (`--rebuild` reloads it); the cases are created once through
 * `CasesService.create`: confirmed, for random persons with a check-in in their exposure window,
 * onset on days 2–13 of the simulated 14, isolated 0–3 days after onset.
 *
 * `--profile` adds a pass with every statement timed (bench/lib/query-timer.ts) and EXPLAIN
 * ANALYZE of the statements the service issued for the median and the slowest case, and for the
 * case with the most general contacts.
 */
import pg from 'pg'
import { sql } from 'kysely'
import { DomainError, MAX_STAY_MS } from '@lianfang/core'
import { AuditService, defaultStartDate } from '@lianfang/server'
import { InvestigationService } from '../packages/server/src/modules/cases/index.js'
import type { SessionUser } from '../packages/server/src/auth/session-user.js'
import { scopeOf } from '../packages/server/src/auth/scope.js'
import type { BenchContext, BenchResult } from './run.js'
import { benchUser, databaseUrl, openKeptCity, type BenchNode } from './lib/bench-db.js'
import { intOption } from './lib/args.js'
import { median, seededRandom, show, summarize, timed } from './lib/latency.js'
import { logProfile, plainScan, statementProfile, type CaseProbe } from './lib/contacts-probe.js'
import { QueryCapture } from './lib/query-timer.js'

const SIZES = { small: { people: 20_000 }, large: { people: 1_000_000 } } as const
const DAYS = 14
const CHECKIN_SHARE = 0.36
const SEED = 2020
const CITY = '420100'
const BUFFER_MINUTES = 30
const DAY = 86_400_000
/** Goal of the issue: p95 under 20 ms per case once warm, within 5× the plain scan. */
const GOAL = { p95Ms: 20, ratio: 5 }

/** The benchmark's cases: created once through CasesService.create, reused by later runs. */
async function ensureCases(
  node: BenchNode,
  user: SessionUser,
  n: number,
  log: (m: string) => void,
): Promise<string[]> {
  const db = node.database.db
  const have = await db
    .selectFrom('cases')
    .select('id')
    .where('reported_by', '=', user.id)
    .orderBy('id')
    .execute()
  const ids = have.map((r) => r.id)
  if (ids.length >= n) return ids.slice(0, n)
  log(`creating ${n - ids.length} cases`)
  const { city } = node
  const start = Date.parse(`${city.startDate}T00:00:00+08:00`)
  const end = start + city.days * DAY
  const rnd = seededRandom(SEED * 7919 + ids.length)
  for (let tries = 0; ids.length < n; tries++) {
    if (tries > n * 100) throw new Error('could not find enough persons with check-ins for the cases')
    const personId = String(city.firstPersonId + Math.floor(rnd() * city.persons))
    const onset = start + (2 + rnd() * (city.days - 3)) * DAY
    const isolated = Math.min(onset + rnd() * 3 * DAY, end - 60_000)
    const seen = await sql`select 1 from checkins where person_id = ${personId}
      and checked_in_at >= ${new Date(onset - 2 * DAY)} and checked_in_at <= ${new Date(isolated)} limit 1`.execute(
      db,
    )
    if (seen.rows.length === 0) continue
    try {
      const c = await node.services.cases.create(user, scopeOf(user), {
        personId,
        status: 'confirmed',
        severity: 'mild',
        onsetAt: new Date(onset).toISOString(),
        isolatedAt: new Date(isolated).toISOString(),
      })
      ids.push(c.id)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'CONFLICT') continue
      throw e
    }
  }
  return ids
}

type Investigation = Awaited<ReturnType<InvestigationService['open']>>

function probeOf(caseId: string, personId: string, res: Investigation, generalContacts: number): CaseProbe {
  const buffer = BUFFER_MINUTES * 60_000
  const start = new Date(res.window.start)
  const end = new Date(res.window.end)
  return {
    caseId,
    personId,
    venueIds: [...new Set(res.timeline.map((t) => t.venueId))],
    from: new Date(start.getTime() - MAX_STAY_MS - buffer),
    to: new Date(end.getTime() + buffer),
    window: { start, end },
    candidates: res.candidates.length,
    generalContacts,
    stays: res.timeline.length,
  }
}

/** Per-statement times of the service (profiling pass), and EXPLAIN ANALYZE of its statements. */
async function profile(
  node: BenchNode,
  user: SessionUser,
  probes: readonly CaseProbe[],
  serviceMs: ReadonlyMap<string, number>,
  url: string,
  log: (m: string) => void,
): Promise<Record<string, unknown>> {
  const statements = await statementProfile(node.database, probes, (inst) => {
    const svc = new InvestigationService(inst, new AuditService(inst), node.services.quarantine)
    return (caseId) => svc.open(user, scopeOf(user), caseId, BUFFER_MINUTES)
  })
  log('profile (mean ms per case, statements issued by InvestigationService.open):')
  logProfile(statements, log)

  // EXPLAIN ANALYZE of the statements the service issued (captured, compiled for PostgreSQL) for
  // the median, the slowest case and the one with the most general contacts; the audit append and
  // the transaction around it left out.
  const ordered = [...probes].sort((a, b) => (serviceMs.get(a.caseId) ?? 0) - (serviceMs.get(b.caseId) ?? 0))
  const byGeneral = [...probes].sort((a, b) => a.generalContacts - b.generalContacts)
  const picks = [
    ['median case', ordered[Math.floor(ordered.length / 2)]],
    ['slowest case', ordered[ordered.length - 1]],
    ['case with the most general contacts', byGeneral[byGeneral.length - 1]],
  ] as const
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const plans: Record<string, Record<string, string>> = {}
  try {
    for (const [name, p] of picks) {
      if (!p) continue
      const capture = new QueryCapture()
      const inst = { ...node.database, db: node.database.db.withPlugin(capture) }
      await new InvestigationService(inst, new AuditService(inst), node.services.quarantine).open(
        user,
        scopeOf(user),
        p.caseId,
        BUFFER_MINUTES,
      )
      plans[name] = {}
      for (const [i, q] of capture.captured.entries()) {
        if (!/^\s*(select|with|\()/i.test(q.sql) || /audit_log|pg_advisory/.test(q.sql)) continue
        const r = await client.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers, costs off) ${q.sql}`,
          [...q.parameters],
        )
        const text = r.rows.map((row) => row['QUERY PLAN']).join('\n')
        const label = `${i + 1}. ${q.label}`
        plans[name][label] = text
        log(
          `EXPLAIN ANALYZE, ${name} (case ${p.caseId}, ${p.venueIds.length} venues, ${p.candidates} candidates, ${p.generalContacts} general contacts), ${label}:\n${text}`,
        )
      }
    }
  } finally {
    await client.end()
  }
  // The plans go to the log (stderr) only: the JSON line keeps the execution times.
  const executionMs = Object.fromEntries(
    Object.entries(plans).map(([k, v]) => [
      k,
      Object.fromEntries(
        Object.entries(v).map(([label, text]) => [
          label,
          Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? NaN),
        ]),
      ),
    ]),
  )
  return { statements, explain_execution_ms: executionMs }
}

export async function run({ size, args, log }: BenchContext): Promise<BenchResult> {
  const nCases = intOption(args, 'cases', 100)
  const rounds = intOption(args, 'rounds', 3)
  const spec = {
    people: SIZES[size].people,
    days: DAYS,
    checkinShare: CHECKIN_SHARE,
    seed: SEED,
    cityCode: CITY,
  }
  const name = `lianfang_bench_contacts_${size}`
  const node = await openKeptCity(
    name,
    spec,
    args.includes('--rebuild'),
    log,
    defaultStartDate(DAYS, Date.now()),
  )
  const { database, services } = node
  try {
    // The investigation reads persons and check-ins at random: figures depend on how much of them
    // PostgreSQL keeps in its own cache (docs/operations.md "PostgreSQL settings").
    const sharedBuffers = (
      await sql<{ v: string }>`select current_setting('shared_buffers') as v`.execute(database.db)
    ).rows[0]?.v
    log(`shared_buffers ${sharedBuffers ?? '?'}`)
    if (size === 'large' && sharedBuffers === '128MB')
      log('shared_buffers is the default 128MB: the large city does not stay in it (docs/operations.md)')
    const user = await benchUser(services, 'epidemiologist', CITY)
    const caseIds = await ensureCases(node, user, nCases, log)
    const cases = await database.db
      .selectFrom('cases')
      .select(['id', 'person_id'])
      .where('id', 'in', caseIds)
      .orderBy('id')
      .execute()

    // Warm-up: every case once through both paths (and the probes for the plain scan). The
    // general contacts are counted apart from `open` (their own endpoint), once, untimed.
    log(`warm-up: ${cases.length} cases`)
    const probes: CaseProbe[] = []
    for (const c of cases) {
      const res = await services.investigation.open(user, scopeOf(user), c.id, BUFFER_MINUTES)
      const general = await services.investigation.generalContactsSummary(
        user,
        scopeOf(user),
        c.id,
        BUFFER_MINUTES,
      )
      const p = probeOf(c.id, c.person_id, res, general.total)
      await plainScan(database, p)
      probes.push(p)
    }

    const serviceMs: number[] = []
    const plainMs: number[] = []
    const perCase = new Map<string, { service: number[]; plain: number[]; rows: number }>()
    const rnd = seededRandom(SEED)
    for (let r = 0; r < rounds; r++) {
      const order = [...probes].sort(() => rnd() - 0.5)
      for (const [i, p] of order.entries()) {
        const entry = perCase.get(p.caseId) ?? { service: [], plain: [], rows: 0 }
        perCase.set(p.caseId, entry)
        const service = async () => {
          const [ms] = await timed(() =>
            services.investigation.open(user, scopeOf(user), p.caseId, BUFFER_MINUTES),
          )
          serviceMs.push(ms)
          entry.service.push(ms)
        }
        const plain = async () => {
          const [ms, res] = await timed(() => plainScan(database, p))
          plainMs.push(ms)
          entry.plain.push(ms)
          entry.rows = res.rows.length
        }
        // Alternate which goes first, so neither always gets the warmer cache.
        if ((i + r) % 2 === 0) {
          await service()
          await plain()
        } else {
          await plain()
          await service()
        }
      }
      log(
        `round ${r + 1}/${rounds}: investigation ${show(summarize(serviceMs))}; plain scan ${show(summarize(plainMs))}`,
      )
    }

    const inv = summarize(serviceMs)
    const scan = summarize(plainMs)
    const entries = [...perCase.values()]
    const perCaseRatio = entries.map((e) => median(e.service) / Math.max(1e-6, median(e.plain)))
    const rows = summarize(entries.map((e) => e.rows))
    const candidates = summarize(probes.map((p) => p.candidates))
    const generalContacts = summarize(probes.map((p) => p.generalContacts))
    const venues = summarize(probes.map((p) => p.venueIds.length))
    const windowDays = summarize(probes.map((p) => (p.window.end.getTime() - p.window.start.getTime()) / DAY))
    const ratioP95 = Math.round((inv.p95 / scan.p95) * 100) / 100
    log(`investigation p50 / p95 / p99: ${show(inv)}`)
    log(`plain scan    p50 / p95 / p99: ${show(scan)}`)
    log(
      `ratio p50 ${(inv.p50 / scan.p50).toFixed(1)}×, p95 ${ratioP95}×; candidates per case p50 ${candidates.p50}, p95 ${candidates.p95}, max ${candidates.max}; general contacts (counted) p50 ${generalContacts.p50}, p95 ${generalContacts.p95}; check-ins in the plain scan p50 ${rows.p50}, p95 ${rows.p95}`,
    )
    const met = inv.p95 < GOAL.p95Ms && inv.p95 <= GOAL.ratio * scan.p95
    log(`goal (p95 < ${GOAL.p95Ms} ms and ≤ ${GOAL.ratio}× the plain scan): ${met ? 'met' : 'NOT met'}`)

    const medianByCase = new Map([...perCase.entries()].map(([id, e]) => [id, median(e.service)]))
    const extra: Record<string, unknown> = {
      investigation_ms: inv,
      plain_scan_ms: scan,
      ratio_p50: Math.round((inv.p50 / scan.p50) * 100) / 100,
      ratio_p95: ratioP95,
      per_case_ratio_median: Math.round(median(perCaseRatio) * 100) / 100,
      goal: { ...GOAL, met },
      cases: probes.length,
      rounds,
      buffer_minutes: BUFFER_MINUTES,
      candidates_per_case: candidates,
      general_contacts_per_case: generalContacts,
      covisit_rows_per_case: rows,
      venues_per_case: venues,
      window_days: windowDays,
      shared_buffers: sharedBuffers,
      city: node.city,
    }
    if (args.includes('--profile'))
      extra['profile'] = await profile(node, user, probes, medianByCase, databaseUrl(name), log)
    return {
      figure: {
        name: 'investigation: full candidate close-contact list with reasons, p95 per case (PostgreSQL)',
        value: inv.p95,
        unit: 'ms',
      },
      baseline: {
        name: "plain indexed range scan of check-ins at the case's venues over the window, p95",
        value: scan.p95,
        unit: 'ms',
      },
      extra,
    }
  } finally {
    await database.close()
  }
}
