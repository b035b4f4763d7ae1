import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Registry } from 'prom-client'
import type { Database } from '../db/database.js'
import type { Executor } from '../db/kit.js'
import type { JsonValue as Json } from '../db/schema.generated.js'
import { JobsRepository, type ClaimedJob, type DeadJobRow } from './jobs.repository.js'
import { registerJobsMetrics, type JobsMetrics } from './jobs.metrics.js'

/** What a handler learns about the job it runs. */
export interface JobContext {
  readonly id: string
  readonly topic: string
  /** This attempt's number, from 1. */
  readonly attempt: number
  readonly maxAttempts: number
}

/**
 * Runs one job. Resolve: the job is done. Throw: the attempt failed — the job is queued again
 * after a back-off, or dead after `maxAttempts`. A handler may run more than once for one job (a
 * process that dies mid-run loses its lease), so it must be idempotent.
 */
export type JobHandler<P> = (payload: P, job: JobContext) => Promise<void>

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  readonly runAfter?: Date
  /** Attempts before the job is dead (default: the runtime's, 5). */
  readonly maxAttempts?: number
}

export interface PeriodicOptions {
  /**
   * true (default): once per period across every process sharing the database (a lease in
   * `job_leases`). false: in every process, each on its own timer (work that is safe and useful
   * to share, such as draining a queue with SKIP LOCKED).
   */
  readonly singleton?: boolean
}

/** What a module registers its work with (docs/jobs.md "Registering"). */
export interface JobsRegistrar {
  handle<P extends Json>(topic: string, handler: JobHandler<P>): void
  every(name: string, intervalMs: number, task: () => Promise<void>, options?: PeriodicOptions): void
  enqueue(db: Executor, topic: string, payload: Json, options?: EnqueueOptions): Promise<{ id: string }>
}

export interface JobsLogger {
  debug(obj: object, msg: string): void
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface JobsRuntimeOptions {
  /** Names this process in `locked_by` and `job_leases.owner` (default host:pid:random). */
  readonly owner?: string
  /** How often the queue is polled and periodic tasks are checked (ms, default 1000). */
  readonly pollMs?: number
  /** Jobs claimed and run at once by this process (default 4). */
  readonly concurrency?: number
  /** How long a claimed job is held before another process may take it back (ms, default 5 min). */
  readonly leaseMs?: number
  /** Back-off after failed attempt n: min(maxMs, baseMs · 2^(n−1)) (defaults 5 s and 1 h). */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number }
  readonly defaultMaxAttempts?: number
  /** Where the gauges and counters go (docs/jobs.md "Metrics"); none when absent. */
  readonly registry?: Registry
  readonly log?: JobsLogger
}

const NAME = /^[a-z][a-z0-9_.-]{0,63}$/
const MAX_ERROR = 4000

interface Periodic {
  readonly name: string
  readonly intervalMs: number
  readonly task: () => Promise<void>
  readonly singleton: boolean
  nextAt: number
  running: boolean
}

const silent: JobsLogger = { debug() {}, info() {}, warn() {}, error() {} }

/** The text kept in `last_error`: the message (and stack head), storable, bounded. */
function errorText(e: unknown): string {
  const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)
  return text.replaceAll('\u0000', '').slice(0, MAX_ERROR)
}

/**
 * One jobs runtime per API process (#15 "Jobs", docs/jobs.md): a queue of topics in the `jobs`
 * table with attempts, run-after, exponential back-off and dead letters, claimed with
 * `FOR UPDATE SKIP LOCKED`; and periodic tasks that run once per period across processes by
 * taking a lease row in `job_leases`. Modules register handlers and tasks before `start()`.
 */
export class JobsRuntime implements JobsRegistrar {
  readonly owner: string
  private readonly repo = new JobsRepository()
  private readonly handlers = new Map<string, JobHandler<never>>()
  private readonly periodic = new Map<string, Periodic>()
  private readonly inflight = new Set<Promise<unknown>>()
  private readonly pollMs: number
  private readonly concurrency: number
  private readonly leaseMs: number
  private readonly backoff: { readonly baseMs: number; readonly maxMs: number }
  private readonly defaultMaxAttempts: number
  private readonly log: JobsLogger
  private metrics: JobsMetrics | undefined
  private metricsRegistry: Registry | undefined
  private timer: NodeJS.Timeout | undefined
  private started = false
  private polling = false

  constructor(
    private readonly database: Database,
    options: JobsRuntimeOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
    this.pollMs = options.pollMs ?? 1000
    this.concurrency = options.concurrency ?? 4
    this.leaseMs = options.leaseMs ?? 300_000
    this.backoff = options.backoff ?? { baseMs: 5000, maxMs: 3_600_000 }
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? 5
    this.log = options.log ?? silent
    if (options.registry) this.attachMetrics(options.registry)
  }

  /**
   * Registers the gauges and counters in `registry` (once per registry; the failure counters
   * count in the registry attached last).
   */
  attachMetrics(registry: Registry): void {
    if (this.metricsRegistry === registry) return
    this.metricsRegistry = registry
    this.metrics = registerJobsMetrics(
      registry,
      () => this.repo.topicCounts(this.database.db),
      (e) => {
        this.log.warn({ err: e }, 'jobs metrics could not be read')
      },
    )
  }

  /** Registers the handler of a topic (one per topic). */
  handle<P extends Json>(topic: string, handler: JobHandler<P>): void {
    if (!NAME.test(topic)) throw new Error(`bad job topic ${topic}`)
    if (this.handlers.has(topic)) throw new Error(`job topic ${topic} already has a handler`)
    this.handlers.set(topic, handler)
  }

  /** Registers a periodic task: first run at the first tick, then every `intervalMs`. */
  every(name: string, intervalMs: number, task: () => Promise<void>, options: PeriodicOptions = {}): void {
    if (!NAME.test(name)) throw new Error(`bad periodic task name ${name}`)
    if (this.periodic.has(name)) throw new Error(`periodic task ${name} is already registered`)
    if (!(intervalMs >= 1)) throw new Error(`periodic task ${name}: interval ${intervalMs} ms`)
    this.periodic.set(name, {
      name,
      intervalMs,
      task,
      singleton: options.singleton ?? true,
      nextAt: 0,
      running: false,
    })
  }

  /**
   * Queues a job. Pass the caller's transaction to make the job part of it: rolled back, the
   * job never existed; committed, it will run (at least once) in some process handling the topic.
   */
  enqueue(db: Executor, topic: string, payload: Json, options: EnqueueOptions = {}): Promise<{ id: string }> {
    if (!NAME.test(topic)) throw new Error(`bad job topic ${topic}`)
    const maxAttempts = options.maxAttempts ?? this.defaultMaxAttempts
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100)
      throw new Error(`maxAttempts ${maxAttempts} is not 1–100`)
    return this.repo.insert(db, { topic, payload, runAfter: options.runAfter, maxAttempts })
  }

  /** Dead jobs, newest first. */
  async listDead(
    q: { page: number; pageSize: number; topic?: string | undefined },
    db: Executor = this.database.db,
  ) {
    const [items, total] = await Promise.all([this.repo.listDead(db, q), this.repo.countDead(db, q.topic)])
    return { items: items satisfies DeadJobRow[], total }
  }

  /** A dead job queued again with fresh attempts; undefined unless job `id` exists and is dead. */
  retry(id: string, db: Executor = this.database.db) {
    return this.repo.retry(db, id)
  }

  find(id: string, db: Executor = this.database.db) {
    return this.repo.find(db, id)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.schedule(0)
  }

  /** Stops polling and waits for the handlers and tasks that are running. */
  async stop(): Promise<void> {
    this.started = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight])
  }

  /**
   * Takes back lapsed leases, then claims and runs one batch of due jobs, and waits for it.
   * Returns how many jobs ran. The poll loop calls it; tests call it to step the queue.
   */
  async runDue(): Promise<number> {
    const topics = [...this.handlers.keys()]
    if (topics.length === 0) return 0
    const lapsed = await this.repo.requeueLapsed(this.database.db)
    if (lapsed > 0) this.log.warn({ lapsed }, 'jobs whose process lost its lease were queued again')
    const jobs = await this.repo.claim(this.database.db, topics, this.concurrency, this.owner, this.leaseMs)
    await Promise.all(jobs.map((j) => this.run(j)))
    return jobs.length
  }

  /** Runs the periodic tasks that are due in this process (and, for singletons, whose lease it gets). */
  async runPeriodic(): Promise<void> {
    const now = Date.now()
    await Promise.all(
      [...this.periodic.values()].filter((p) => !p.running && p.nextAt <= now).map((p) => this.runTask(p)),
    )
  }

  private schedule(ms: number): void {
    if (!this.started) return
    this.timer = setTimeout(() => {
      this.tick()
    }, ms)
    this.timer.unref()
  }

  private tick(): void {
    // Tasks and the job batch run side by side: a long retention run must not hold up the queue.
    for (const p of this.periodic.values())
      if (!p.running && p.nextAt <= Date.now()) this.track(this.runTask(p))
    if (!this.polling) {
      this.polling = true
      this.track(
        this.runDue()
          .catch((e: unknown) => {
            this.log.error({ err: e }, 'jobs poll failed')
          })
          .finally(() => {
            this.polling = false
          }),
      )
    }
    this.schedule(this.pollMs)
  }

  private track(p: Promise<unknown>): void {
    this.inflight.add(p)
    void p.finally(() => this.inflight.delete(p))
  }

  private async run(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.topic)
    if (!handler) return // not claimable: claim() only takes handled topics
    const ctx: JobContext = {
      id: job.id,
      topic: job.topic,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
    }
    try {
      await handler(job.payload as never, ctx)
    } catch (e) {
      const dead = job.attempts >= job.max_attempts
      const delayMs = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (job.attempts - 1))
      this.metrics?.failures.inc({ topic: job.topic, outcome: dead ? 'dead' : 'retry' })
      const held = await this.repo.fail(this.database.db, job.id, this.owner, errorText(e), dead, delayMs)
      const fields = { err: e, jobId: job.id, topic: job.topic, attempt: job.attempts, held }
      if (dead) this.log.error(fields, 'job failed its last attempt and is dead')
      else this.log.warn({ ...fields, retryInMs: delayMs }, 'job failed; queued again after a back-off')
      return
    }
    if (!(await this.repo.complete(this.database.db, job.id, this.owner)))
      this.log.warn({ jobId: job.id, topic: job.topic }, 'job finished after its lease lapsed')
  }

  private async runTask(p: Periodic): Promise<void> {
    if (p.running) return
    p.running = true
    try {
      if (p.singleton && !(await this.repo.takeLease(this.database.db, p.name, this.owner, p.intervalMs))) {
        const wait = await this.repo.leaseRemainingMs(this.database.db, p.name)
        p.nextAt = Date.now() + Math.min(p.intervalMs, wait)
        return
      }
      p.nextAt = Date.now() + p.intervalMs
      await p.task()
    } catch (e) {
      this.metrics?.periodicFailures.inc({ task: p.name })
      this.log.error({ err: e, task: p.name }, 'periodic task failed')
      if (p.nextAt <= Date.now()) p.nextAt = Date.now() + Math.min(p.intervalMs, this.pollMs * 10)
    } finally {
      p.running = false
    }
  }

  /** Deletes done jobs older than `olderThanMs`; returns how many (the runtime's own periodic task). */
  pruneDone(olderThanMs: number): Promise<number> {
    return this.repo.pruneDone(this.database.db, olderThanMs)
  }
}
