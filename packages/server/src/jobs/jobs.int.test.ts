import { tmpdir } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { CompiledQuery, sql } from 'kysely'
import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@lianfang/core'
import { loadConfig } from '../config/config.js'
import { buildApp, createServices, type Services } from '../app.js'
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../testing/test-database.js'
import { JobsRuntime, type JobsRuntimeOptions } from './jobs.runtime.js'
import { claimQuery } from './jobs.repository.js'
import { JobsService } from './jobs.service.js'
import { jobsRoutes } from './jobs.routes.js'
import { startJobs } from './index.js'
import { MODULES } from '../app.js'

const PASSWORD = 'test-password-123'
let seq = 0
/** A topic or task name no other test of the file uses. */
const unique = (what: string) => `t.${what}.${process.pid}.${++seq}`

describe.each(TEST_DATABASES)('the jobs runtime on %s', (kind) => {
  let testDb: TestDatabase
  let services: Services
  let app: FastifyInstance
  const runtimes: JobsRuntime[] = []
  const runtime = (options: JobsRuntimeOptions = {}) => {
    const r = new JobsRuntime(services.database, { pollMs: 10, ...options })
    runtimes.push(r)
    return r
  }
  const db = () => services.database.db
  const row = (id: string) =>
    db()
      .selectFrom('jobs')
      .select([
        'state',
        'attempts',
        'last_error',
        'finished_at',
        sql<number>`extract(epoch from run_after - now())::float8`.as('due_in'),
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  beforeAll(async () => {
    testDb = await openTestDatabase(kind)
    const config = loadConfig({
      LIANFANG_SECRET: 'a'.repeat(64),
      LIANFANG_DATA_DIR: tmpdir(),
      LOG_LEVEL: 'silent',
      LIANFANG_WEB_DIR: '/nonexistent',
    })
    services = createServices(config, testDb.database)
    app = await buildApp(config, services, { logger: false, loginRateLimit: 10_000 })
    // Until the app composes the jobs module, the routes are registered here.
    if (!app.hasRoute({ method: 'GET', url: '/api/jobs/dead' })) {
      const admin = new JobsService(services.database, services.audit, runtime(), config.nodeRegion)
      await app.register(jobsRoutes, { jobs: admin })
    }
    await app.ready()
    await services.regionsRepo.insertMissing([
      { code: '420000', parentCode: null, level: 'province', name: '湖北省' },
      { code: '420100', parentCode: '420000', level: 'city', name: '武汉市' },
      { code: '420102', parentCode: '420100', level: 'district', name: '江岸区' },
    ])
  })
  afterAll(async () => {
    await Promise.all(runtimes.map((r) => r.stop()))
    await app.close()
    await testDb.dispose()
  })

  it('enqueues inside the caller’s transaction: rolled back, the job never existed', async () => {
    const jobs = runtime()
    const topic = unique('tx')
    await expect(
      db()
        .transaction()
        .execute(async (tx) => {
          await jobs.enqueue(tx, topic, { n: 1 })
          throw new Error('roll back')
        }),
    ).rejects.toThrow('roll back')
    const kept = await db()
      .transaction()
      .execute((tx) => jobs.enqueue(tx, topic, { n: 2 }))
    const rows = await db()
      .selectFrom('jobs')
      .select(['id', 'payload', 'state'])
      .where('topic', '=', topic)
      .execute()
    expect(rows).toEqual([{ id: kept.id, payload: { n: 2 }, state: 'queued' }])
    const seen: unknown[] = []
    jobs.handle(topic, async (payload) => {
      seen.push(payload)
    })
    expect(await jobs.runDue()).toBe(1)
    expect(seen).toEqual([{ n: 2 }])
    expect((await row(kept.id)).state).toBe('done')
  })

  it('retries a failing handler with exponential back-off, then marks it dead with its error', async () => {
    const registry = new Registry()
    const jobs = runtime({ backoff: { baseMs: 400, maxMs: 60_000 }, registry })
    const topic = unique('fail')
    let healthy = false
    const runs: number[] = []
    jobs.handle(topic, async (_payload, job) => {
      runs.push(job.attempt)
      if (!healthy) throw new Error(`boom on attempt ${job.attempt}`)
    })
    const { id } = await jobs.enqueue(db(), topic, { x: 'y' }, { maxAttempts: 3 })

    expect(await jobs.runDue()).toBe(1)
    let r = await row(id)
    expect(r).toMatchObject({ state: 'queued', attempts: 1 })
    expect(r.last_error).toContain('boom on attempt 1')
    expect(r.due_in).toBeGreaterThan(0.2) // 400 ms after the first failure
    expect(r.due_in).toBeLessThanOrEqual(0.4)
    expect(await jobs.runDue()).toBe(0) // not due yet

    await sleep(450)
    expect(await jobs.runDue()).toBe(1)
    r = await row(id)
    expect(r).toMatchObject({ state: 'queued', attempts: 2 })
    expect(r.due_in).toBeGreaterThan(0.45) // doubled: 800 ms
    expect(r.due_in).toBeLessThanOrEqual(0.8)

    await sleep(850)
    expect(await jobs.runDue()).toBe(1)
    r = await row(id)
    expect(r).toMatchObject({ state: 'dead', attempts: 3 })
    expect(r.last_error).toContain('boom on attempt 3')
    expect(r.finished_at).toBeInstanceOf(Date)
    expect(runs).toEqual([1, 2, 3])

    const failures = await registry.getSingleMetric('lianfang_jobs_failures_total')?.get()
    const count = (outcome: string) =>
      failures?.values.find((v) => v.labels['topic'] === topic && v.labels['outcome'] === outcome)?.value
    expect([count('retry'), count('dead')]).toEqual([2, 1])
    const dead = await registry.getSingleMetric('lianfang_jobs_dead')?.get()
    expect(dead?.values.find((v) => v.labels['topic'] === topic)?.value).toBe(1)

    // An operator's retry: fresh attempts, and it runs.
    expect(await jobs.retry(id)).toEqual({ id, topic })
    expect(await jobs.retry(id)).toBeUndefined() // no longer dead
    healthy = true
    expect(await jobs.runDue()).toBe(1)
    expect(await row(id)).toMatchObject({ state: 'done', attempts: 1 })
    expect(runs).toEqual([1, 2, 3, 1])
  })

  it('runs a periodic task once per period across two runtimes on one database', async () => {
    const name = unique('every')
    const starts: number[] = []
    const a = runtime({ owner: 'a' })
    const b = runtime({ owner: 'b' })
    for (const r of [a, b])
      r.every(name, 400, async () => {
        // The database time the lease was taken at: what "once per period" is measured in.
        const lease = await db()
          .selectFrom('job_leases')
          .select('last_started_at')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
        starts.push(lease.last_started_at?.getTime() ?? Number.NaN)
        await sleep(20)
      })
    const t0 = Date.now()
    a.start()
    b.start()
    await sleep(1000)
    await Promise.all([a.stop(), b.stop()])
    const elapsed = Date.now() - t0
    // At ~0, ~400 and ~800 ms: never two in one period, whichever runtime ran them.
    expect(starts.every((x) => !Number.isNaN(x))).toBe(true)
    expect(starts.length).toBeGreaterThanOrEqual(2)
    expect(starts.length).toBeLessThanOrEqual(Math.ceil(elapsed / 400))
    for (let i = 1; i < starts.length; i++)
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(400)
    const lease = await db()
      .selectFrom('job_leases')
      .select('owner')
      .where('name', '=', name)
      .executeTakeFirst()
    expect(['a', 'b']).toContain(lease?.owner)
  })

  it('never runs one job in two runtimes', async () => {
    const topic = unique('dup')
    const ran: string[] = []
    const a = runtime({ owner: 'a', concurrency: 8 })
    const b = runtime({ owner: 'b', concurrency: 8 })
    for (const r of [a, b])
      r.handle(topic, async (_p, job) => {
        ran.push(job.id)
        await sleep(1)
      })
    await db()
      .insertInto('jobs')
      .values(Array.from({ length: 120 }, (_, i) => ({ topic, payload: JSON.stringify({ i }) })))
      .execute()
    const drain = async (r: JobsRuntime) => {
      while ((await r.runDue()) > 0);
    }
    await Promise.all([drain(a), drain(b), drain(a), drain(b)])
    expect(ran).toHaveLength(120)
    expect(new Set(ran).size).toBe(120)
    const states = await db()
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('topic', '=', topic)
      .groupBy('state')
      .execute()
    expect(states).toEqual([{ state: 'done', n: '120' }])
  })

  it('takes back a job whose process lost its lease', async () => {
    const topic = unique('lease')
    const dying = runtime({ owner: 'dying', leaseMs: 1000 })
    let claimed = false
    dying.handle(topic, () => {
      claimed = true
      return new Promise<void>(() => {}) // never finishes: its process "died"
    })
    const { id } = await dying.enqueue(db(), topic, {})
    void dying.runDue()
    while (!claimed) await sleep(5)
    expect((await row(id)).state).toBe('running')
    const heir = runtime({ owner: 'heir' })
    const done: string[] = []
    heir.handle(topic, async (_p, job) => {
      done.push(job.id)
    })
    expect(await heir.runDue()).toBe(0) // still leased
    await sleep(1000)
    expect(await heir.runDue()).toBe(1)
    expect(done).toEqual([id])
    expect(await row(id)).toMatchObject({ state: 'done', attempts: 2 })
  })

  it('reports the lag and the queue per topic in its gauges', async () => {
    const registry = new Registry()
    runtime({ registry })
    const topic = unique('lag')
    const jobs = runtime()
    await jobs.enqueue(db(), topic, {}, { runAfter: new Date(Date.now() - 30_000) })
    await jobs.enqueue(db(), topic, {}, { runAfter: new Date(Date.now() + 3600_000) })
    const value = async (metric: string) =>
      (await registry.getSingleMetric(metric)?.get())?.values.find((v) => v.labels['topic'] === topic)?.value
    const lag = await value('lianfang_jobs_lag_seconds')
    expect(lag).toBeGreaterThanOrEqual(29)
    expect(lag).toBeLessThan(60)
    expect(await value('lianfang_jobs_queued')).toBe(2)
    const text = await registry.metrics()
    expect(text).toContain(`lianfang_jobs_lag_seconds{topic="${topic}"}`)
  })

  it('drives the colour outbox drain and the periodic upkeep once started (startJobs)', async () => {
    const jobs = runtime({ pollMs: 20 })
    const [row] = await db()
      .insertInto('outbox')
      .values({ topic: 'colour.recompute', person_id: '987654321' })
      .returning('id')
      .execute()
    if (!row) throw new Error('no outbox row')
    startJobs(MODULES, { ...services, jobs }, app.log)
    let processed: Date | null = null
    for (let i = 0; i < 100 && processed === null; i++) {
      await sleep(20)
      processed = (
        await db()
          .selectFrom('outbox')
          .select('processed_at')
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow()
      ).processed_at
    }
    expect(processed).toBeInstanceOf(Date)
    await jobs.stop()
    const leases = await db()
      .selectFrom('job_leases')
      .select('name')
      .where('owner', '=', jobs.owner)
      .orderBy('name')
      .execute()
    expect(leases.map((l) => l.name)).toEqual(['checkins.retention', 'colour.sweep', 'jobs.prune'])
  })

  it('claims from the partial index of queued jobs, and takes back lapsed leases from its own', async () => {
    // Many done jobs and a few queued ones, then fresh statistics.
    await sql`insert into jobs (topic, state, finished_at)
              select 't.plan', 'done', now() from generate_series(1, 5000)`.execute(db())
    await sql`insert into jobs (topic) select 't.plan' from generate_series(1, 20)`.execute(db())
    await sql`analyze jobs`.execute(db())
    const explain = (q: CompiledQuery) =>
      db()
        .connection()
        .execute(async (conn) => {
          await sql`set enable_seqscan = off`.execute(conn)
          try {
            const res = await conn.executeQuery<{ 'QUERY PLAN': string }>(
              CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
            )
            return res.rows.map((r) => r['QUERY PLAN']).join('\n')
          } finally {
            await sql`reset enable_seqscan`.execute(conn)
          }
        })
    const claim = await explain(claimQuery(['t.plan', 't.other'], 4, 'me', 1000).compile(db()))
    expect(claim, claim).toMatch(/jobs_queued_idx/)
    expect(claim, claim).not.toMatch(/Seq Scan on jobs/)
    const lapsed = await explain(
      db()
        .updateTable('jobs')
        .set({ state: 'queued', locked_until: null, locked_by: null })
        .where('state', '=', 'running')
        .where('locked_until', '<', sql<Date>`now()`)
        .compile(),
    )
    expect(lapsed, lapsed).toMatch(/jobs_running_idx/)
    await db().deleteFrom('jobs').where('topic', '=', 't.plan').execute()
  })

  describe('the dead-letter routes', () => {
    const login = async (role: Role, regionCode: string) => {
      const username = `jobs_${process.pid}_${++seq}_${role}`
      await services.auth.createUser(null, {
        username,
        displayName: username,
        password: PASSWORD,
        role,
        regionCode,
      })
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD },
      })
      const cookie = res.cookies.find((c) => c.name === 'lf_session')
      if (!cookie) throw new Error(`login failed: ${res.body}`)
      return `lf_session=${cookie.value}`
    }

    it('lists dead jobs and retries one with an audited reason, for node operators only', async () => {
      const topic = unique('route')
      const jobs = runtime({ backoff: { baseMs: 1, maxMs: 1 } })
      jobs.handle(topic, async () => {
        throw new Error('the gateway said no')
      })
      const { id } = await jobs.enqueue(db(), topic, { to: 'x' }, { maxAttempts: 1 })
      expect(await jobs.runDue()).toBe(1)

      const operator = await login('admin', '420100')
      const list = await app.inject({
        method: 'GET',
        url: `/api/jobs/dead?topic=${topic}&pageSize=5`,
        headers: { cookie: operator },
      })
      expect(list.statusCode).toBe(200)
      const page = list.json<{
        items: { id: string; lastError: string; attempts: number }[]
        total: number
      }>()
      expect(page.total).toBe(1)
      expect(page.items[0]).toMatchObject({ id, topic, attempts: 1, maxAttempts: 1, payload: { to: 'x' } })
      expect(page.items[0]?.lastError).toContain('the gateway said no')

      const districtAdmin = await login('admin', '420102')
      const epidemiologist = await login('epidemiologist', '420100')
      for (const cookie of [districtAdmin, epidemiologist]) {
        const r = await app.inject({ method: 'GET', url: '/api/jobs/dead', headers: { cookie } })
        expect(r.statusCode).toBe(403)
        const p = await app.inject({
          method: 'POST',
          url: `/api/jobs/${id}/retry`,
          headers: { cookie },
          payload: { reason: 'gateway is back' },
        })
        expect(p.statusCode).toBe(403)
      }
      expect((await app.inject({ method: 'GET', url: '/api/jobs/dead' })).statusCode).toBe(401)

      const bad = await app.inject({
        method: 'POST',
        url: `/api/jobs/${id}/retry`,
        headers: { cookie: operator },
        payload: {},
      })
      expect(bad.statusCode).toBe(400)
      const missing = await app.inject({
        method: 'POST',
        url: '/api/jobs/999999999/retry',
        headers: { cookie: operator },
        payload: { reason: 'gateway is back' },
      })
      expect(missing.statusCode).toBe(404)

      const retried = await app.inject({
        method: 'POST',
        url: `/api/jobs/${id}/retry`,
        headers: { cookie: operator },
        payload: { reason: 'gateway is back' },
      })
      expect(retried.statusCode).toBe(200)
      expect(retried.json()).toEqual({ id, topic, state: 'queued' })
      const again = await app.inject({
        method: 'POST',
        url: `/api/jobs/${id}/retry`,
        headers: { cookie: operator },
        payload: { reason: 'gateway is back' },
      })
      expect(again.statusCode).toBe(409)
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'reason', 'target_id'])
        .where('action', '=', 'jobs.retry')
        .where('target_id', '=', id)
        .execute()
      expect(audit).toEqual([{ action: 'jobs.retry', reason: 'gateway is back', target_id: id }])
    })
  })
})
