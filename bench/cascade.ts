/**
 * `npm run bench -- cascade [--size small|large] [--repeats N] [--rebuild] [--profile]`: the full cascade of
 * confirming a case's contacts — `ContactsService.confirm` (the code behind POST
 * /api/cases/:id/contacts) for 200 contacts: a contact record, a quarantine order, an audit record
 * and an outbox row per person, written in one transaction with set-based statements, then the
 * colour outbox drained until all 200 colours are recomputed (red) —
 * on PGlite and on PostgreSQL, each repeat with a fresh case and 200 fresh persons whose codes
 * were green. Split: the confirmation transactions vs the colour recomputation (time spent in
 * `ColourService.drain`, measured by wrapping it on the service instance).
 *
 * Baseline, same run, same database, fresh persons too: one raw statement inserting the 200
 * quarantine orders and the 200 contact rows from `unnest` arrays, plus `computeColour` (core)
 * over the 200 persons' fact sets (loaded beforehand, untimed).
 *
 * PostgreSQL: a kept database `lianfang_bench_cascade_<size>` (city reused while it matches;
 * --rebuild reloads it); PGlite: on disk in a temp dir, loaded each run.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { computeColour, DEFAULT_EDITION, RULE_SET_PRESETS } from '@lianfang/core'
import { defaultStartDate, type Database } from '@lianfang/server'
import { AuditService } from '@lianfang/server'
import { type ContactInput, ContactsService } from '../packages/server/src/modules/cases/index.js'
import { ColourService } from '../packages/server/src/modules/health-codes/index.js'
import type { SessionUser } from '../packages/server/src/auth/session-user.js'
import { scopeOf } from '../packages/server/src/auth/scope.js'
import type { BenchContext, BenchResult } from './run.js'
import { benchUser, openCity, openKeptCity, type BenchNode } from './lib/bench-db.js'
import { intOption } from './lib/args.js'
import { median, seededRandom, timed } from './lib/latency.js'
import { QueryTimer } from './lib/query-timer.js'

const SIZES = {
  small: { postgres: 20_000, pglite: 20_000, repeats: 5 },
  large: { postgres: 1_000_000, pglite: 100_000, repeats: 7 },
} as const
const CONTACTS = 200
const CITY = '420100'
const SEED = 2021
const DAY = 86_400_000

interface Sample {
  totalMs: number
  confirmTxMs: number
  colourMs: number
  baselineInsertMs: number
  baselineComputeMs: number
  baselineMs: number
}

/** `n` persons never used by a case, a contact or an order yet (random, in the city). */
async function freshPersons(node: BenchNode, n: number, rnd: () => number): Promise<string[]> {
  const out = new Set<string>()
  const { city } = node
  while (out.size < n) {
    const draw = Array.from({ length: n * 2 }, () =>
      String(city.firstPersonId + Math.floor(rnd() * city.persons)),
    )
    const r = await sql<{ id: string }>`select p.id from persons p where p.id = any(${draw}::bigint[])
      and not exists (select 1 from cases c where c.person_id = p.id)
      and not exists (select 1 from contacts k where k.person_id = p.id)
      and not exists (select 1 from quarantine_orders q where q.person_id = p.id)`.execute(node.database.db)
    for (const row of r.rows) if (out.size < n) out.add(row.id)
  }
  return [...out]
}

/** Current (green) colours for these persons, as they would have after showing their codes once. */
async function greenCodes(node: BenchNode, ids: readonly string[]): Promise<void> {
  await node.database.db.transaction().execute((tx) => node.services.colours.recomputeIn(tx, ids))
}

async function newCase(node: BenchNode, user: SessionUser, personId: string): Promise<string> {
  const c = await node.services.cases.create(user, scopeOf(user), {
    personId,
    status: 'confirmed',
    severity: 'mild',
    onsetAt: new Date(Date.now() - 2 * DAY).toISOString(),
  })
  return c.id
}

function items(ids: readonly string[], venueId: string): ContactInput[] {
  const now = Date.now()
  return ids.map((personId, i) => {
    const to = new Date(now - DAY - i * 60_000)
    return {
      personId,
      degree: 'close',
      lastExposureAt: to.toISOString(),
      reasons: [
        {
          rule: 'venue_overlap',
          venueId,
          from: new Date(to.getTime() - 40 * 60_000).toISOString(),
          to: to.toISOString(),
          minutes: 40,
        },
      ],
    }
  })
}

interface CascadeServices {
  readonly contacts: ContactsService
  readonly colours: ColourService
}

async function oneRepeat(
  node: BenchNode,
  services: CascadeServices,
  user: SessionUser,
  rnd: () => number,
  drainTimer: { ms: number },
): Promise<Sample> {
  const { database } = node
  const db = database.db
  const [casePerson, baselineCasePerson, ...rest] = await freshPersons(node, 2 + 2 * CONTACTS, rnd)
  if (!casePerson || !baselineCasePerson) throw new Error('no persons')
  const contactIds = rest.slice(0, CONTACTS)
  const baselineIds = rest.slice(CONTACTS)
  await greenCodes(node, [...contactIds, ...baselineIds])
  const caseId = await newCase(node, user, casePerson)
  const venue = await db.selectFrom('venues').select('id').limit(1).executeTakeFirstOrThrow()
  const input = items(contactIds, venue.id)

  // The cascade: confirm (one transaction for the batch, then the drain of its outbox rows).
  drainTimer.ms = 0
  const t0 = performance.now()
  const out = await services.contacts.confirm(user, scopeOf(user), caseId, input)
  let pending = await pendingFor(database, contactIds)
  while (pending > 0) {
    // Rows the request's own drain left (there should be none): the worker's job, timed as colour work.
    const d0 = performance.now()
    await services.colours.drain(contactIds)
    drainTimer.ms += performance.now() - d0
    pending = await pendingFor(database, contactIds)
  }
  const totalMs = performance.now() - t0
  const bad = out.filter((o) => o.status !== 'confirmed' || !o.quarantineOrderId)
  if (bad.length > 0) throw new Error(`confirm refused ${bad.length} contacts: ${JSON.stringify(bad[0])}`)
  const red = await db
    .selectFrom('health_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', 'in', contactIds)
    .where('colour', '=', 'red')
    .executeTakeFirstOrThrow()
  if (Number(red.n) !== CONTACTS)
    throw new Error(`only ${red.n} of ${CONTACTS} colours are red after the cascade`)

  // Baseline: the same rows in one raw statement, then computeColour over the fact sets.
  const baselineCase = await newCase(node, user, baselineCasePerson)
  const persons = await db
    .selectFrom('persons')
    .select(['id', 'region_code'])
    .where('id', 'in', baselineIds)
    .orderBy('id')
    .execute()
  const base = items(
    persons.map((p) => p.id),
    venue.id,
  )
  const exposures = base.map((b) => b.lastExposureAt)
  const ends = base.map((b) => new Date(Date.parse(b.lastExposureAt) + 14 * DAY).toISOString())
  const reasons = base.map((b) => JSON.stringify(b.reasons))
  const [baselineInsertMs] = await timed(() =>
    sql`with u as (
          select * from unnest(${persons.map((p) => p.id)}::bigint[], ${persons.map((p) => p.region_code)}::text[],
                               ${exposures}::timestamptz[], ${ends}::timestamptz[], ${reasons}::jsonb[])
                   as u(person_id, region_code, exposure, ends_at, reasons)),
        o as (
          insert into quarantine_orders (person_id, region_code, kind, reason, starts_at, ends_at, note, rule_set_version, created_by)
          select person_id, region_code, 'centralized', 'close_contact', now(), ends_at, ${`contact of case ${baselineCase}`}, 'FK8', ${user.id}::bigint
            from u
          returning id, person_id)
        insert into contacts (case_id, person_id, degree, region_code, last_exposure_at, reasons, created_by, quarantine_order_id)
        select ${baselineCase}::bigint, u.person_id, 'close', u.region_code, u.exposure, u.reasons, ${user.id}::bigint, o.id
          from u join o on o.person_id = u.person_id`.execute(db),
  )
  const facts = await node.services.colours.sources.load(
    db,
    persons.map((p) => p.id),
  )
  const ruleSet = RULE_SET_PRESETS[DEFAULT_EDITION]
  const now = new Date()
  const c0 = performance.now()
  let reds = 0
  for (const p of persons) {
    const f = facts.get(p.id)
    if (f && computeColour(f, ruleSet, now).colour === 'red') reds++
  }
  const baselineComputeMs = performance.now() - c0
  if (reds !== CONTACTS) throw new Error(`baseline: ${reds} of ${CONTACTS} fact sets compute to red`)
  return {
    totalMs,
    colourMs: drainTimer.ms,
    confirmTxMs: totalMs - drainTimer.ms,
    baselineInsertMs,
    baselineComputeMs,
    baselineMs: baselineInsertMs + baselineComputeMs,
  }
}

async function pendingFor(database: Database, ids: readonly string[]): Promise<number> {
  const r = await database.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('processed_at', 'is', null)
    .where('person_id', 'in', [...ids])
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

const r1 = (v: number) => Math.round(v * 10) / 10

/** Wraps `colours.drain` on the instance to add the time spent in it to `timer.ms`. */
function timeDrain(colours: ColourService, timer: { ms: number }): void {
  const drain = colours.drain.bind(colours)
  colours.drain = async (ids, limit) => {
    const t0 = performance.now()
    try {
      return await drain(ids, limit)
    } finally {
      timer.ms += performance.now() - t0
    }
  }
}

/** One more cascade with every statement timed: confirm side (contacts, audit) and colour side. */
async function profile(
  node: BenchNode,
  user: SessionUser,
  rnd: () => number,
  log: (m: string) => void,
): Promise<Record<string, unknown>> {
  const confirmTimer = new QueryTimer()
  const colourTimer = new QueryTimer()
  const withTimer = (t: QueryTimer): Database => ({ ...node.database, db: node.database.db.withPlugin(t) })
  const colours = new ColourService(withTimer(colourTimer), node.services.colours.sources)
  const db = withTimer(confirmTimer)
  const contacts = new ContactsService(db, new AuditService(db), colours, node.services.quarantine)
  const drainTimer = { ms: 0 }
  timeDrain(colours, drainTimer)
  const s = await oneRepeat(node, { contacts, colours }, user, rnd, drainTimer)
  const table = (t: QueryTimer) =>
    [...t.reset().entries()]
      .map(([statement, v]) => ({ statement, n: v.n, ms: Math.round(v.ms * 10) / 10 }))
      .filter((r) => r.n > 0)
      .sort((a, b) => b.ms - a.ms)
  const confirmSide = table(confirmTimer)
  const colourSide = table(colourTimer)
  // Statements through Kysely (BEGIN/COMMIT do not pass through plugins): the round trips but those.
  const statements = (rows: readonly { n: number }[]) => rows.reduce((a, r) => a + r.n, 0)
  log(
    `${node.database.kind} profile: cascade ${s.totalMs.toFixed(0)} ms, colours ${s.colourMs.toFixed(0)} ms; statements: confirm ${statements(confirmSide)}, colours ${statements(colourSide)}`,
  )
  for (const [side, rows] of [
    ['confirm (ContactsService, audit, outbox)', confirmSide],
    ['colours (ColourService.drain)', colourSide],
  ] as const) {
    log(`  ${side}:`)
    for (const r of rows.slice(0, 14)) log(`    ${String(r.ms).padStart(8)} ms  ×${r.n}  ${r.statement}`)
  }
  return {
    cascade_ms: Math.round(s.totalMs),
    colour_ms: Math.round(s.colourMs),
    statements: { confirm: statements(confirmSide), colours: statements(colourSide) },
    confirmSide,
    colourSide,
  }
}

async function measure(
  node: BenchNode,
  repeats: number,
  withProfile: boolean,
  log: (m: string) => void,
): Promise<Record<string, unknown>> {
  const user = await benchUser(node.services, 'epidemiologist', CITY)
  // Time spent in ColourService.drain: wrap it on the instance ContactsService holds.
  const drainTimer = { ms: 0 }
  timeDrain(node.services.colours, drainTimer)
  // Seeded by how many cases the database holds, so a kept database gets other persons each run.
  const cases = await node.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  const rnd = seededRandom(SEED * 31 + Number(cases.n))
  log(`${node.database.kind}: warm-up cascade`)
  await oneRepeat(node, node.services, user, rnd, drainTimer)
  const samples: Sample[] = []
  for (let i = 0; i < repeats; i++) {
    const s = await oneRepeat(node, node.services, user, rnd, drainTimer)
    samples.push(s)
    log(
      `${node.database.kind} #${i + 1}: cascade ${s.totalMs.toFixed(0)} ms (confirm transactions ${s.confirmTxMs.toFixed(0)} ms, colours ${s.colourMs.toFixed(0)} ms); baseline ${s.baselineMs.toFixed(1)} ms (insert ${s.baselineInsertMs.toFixed(1)}, computeColour ${s.baselineComputeMs.toFixed(2)})`,
    )
  }
  const m = (k: keyof Sample) => r1(median(samples.map((s) => s[k])))
  return {
    total_p50_ms: m('totalMs'),
    confirm_transactions_p50_ms: m('confirmTxMs'),
    colour_recompute_p50_ms: m('colourMs'),
    baseline_p50_ms: m('baselineMs'),
    baseline_insert_p50_ms: m('baselineInsertMs'),
    baseline_compute_colour_p50_ms: Math.round(median(samples.map((s) => s.baselineComputeMs)) * 100) / 100,
    ratio_p50: r1(m('totalMs') / m('baselineMs')),
    per_contact_p50_ms: Math.round((m('totalMs') / CONTACTS) * 100) / 100,
    totals_ms: samples.map((s) => r1(s.totalMs)),
    repeats,
    ...(withProfile ? { profile: await profile(node, user, rnd, log) } : {}),
  }
}

export async function run({ size, args, log }: BenchContext): Promise<BenchResult> {
  const sizes = SIZES[size]
  const repeats = intOption(args, 'repeats', sizes.repeats)
  const start = defaultStartDate(1, Date.now())
  const spec = (people: number) => ({ people, days: 1, checkinShare: 0.36, seed: SEED, cityCode: CITY })
  const results: Record<string, Record<string, unknown>> = {}
  const withProfile = args.includes('--profile')

  const dir = await mkdtemp(join(tmpdir(), 'lianfang-bench-cascade-'))
  try {
    const lite = await openCity({ dataDir: join(dir, 'pgdata') }, spec(sizes.pglite), log, start)
    try {
      results['pglite'] = { persons: sizes.pglite, ...(await measure(lite, repeats, withProfile, log)) }
    } finally {
      await lite.database.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }

  const name = `lianfang_bench_cascade_${size}`
  const node = await openKeptCity(name, spec(sizes.postgres), args.includes('--rebuild'), log, start)
  try {
    results['postgres'] = { persons: sizes.postgres, ...(await measure(node, repeats, withProfile, log)) }
  } finally {
    await node.database.close()
  }

  const pgr = results['postgres']
  const value = (k: string): number => {
    const v = pgr?.[k]
    return typeof v === 'number' ? v : 0
  }
  return {
    figure: {
      name: `cascade for ${CONTACTS} contacts: confirm → quarantine orders → colours recomputed, p50 (PostgreSQL)`,
      value: value('total_p50_ms'),
      unit: 'ms',
    },
    baseline: {
      name: `raw unnest insert of ${CONTACTS} orders + contacts, and computeColour × ${CONTACTS}, p50 (PostgreSQL)`,
      value: value('baseline_p50_ms'),
      unit: 'ms',
    },
    extra: results,
  }
}
