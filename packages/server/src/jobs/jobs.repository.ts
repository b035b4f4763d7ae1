import { sql, type Selectable } from 'kysely'
import { pageOffset, type Executor } from '../db/kit.js'
import type { Jobs, JsonValue } from '../db/schema.generated.js'

/** A job's state, from the table's CHECK list (generated). */
export type JobState = Selectable<Jobs>['state']

/** A job as a handler sees it once claimed. */
export interface ClaimedJob {
  readonly id: string
  readonly topic: string
  readonly payload: unknown
  /** This attempt's number (1 for the first run). */
  readonly attempts: number
  readonly max_attempts: number
}

export interface DeadJobRow {
  readonly id: string
  readonly topic: string
  readonly payload: unknown
  readonly attempts: number
  readonly max_attempts: number
  readonly last_error: string | null
  readonly created_at: Date
  readonly finished_at: Date | null
}

export interface TopicCounts {
  readonly topic: string
  readonly queued: number
  readonly dead: number
  /** Seconds since the oldest due queued job became due (0 when none is due). */
  readonly lag_seconds: number
}

/**
 * The claim (`JobsRepository.claim`), as a query so that its plan can be checked: the due queued
 * jobs of these topics, oldest due first, from the partial index `jobs_queued_idx`.
 */
export function claimQuery(topics: readonly string[], limit: number, owner: string, leaseMs: number) {
  return sql<ClaimedJob>`
    update jobs j
       set state = 'running', attempts = j.attempts + 1, locked_by = ${owner},
           locked_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
     where j.id in (select id from jobs
                     where state = 'queued' and topic = any(${[...topics]}::text[]) and run_after <= now()
                     order by run_after, id
                     limit ${limit}
                     for update skip locked)
    returning j.id, j.topic, j.payload, j.attempts, j.max_attempts`
}

/** The SQL of the jobs runtime: one statement per method, each taking the executor. */
export class JobsRepository {
  insert(
    db: Executor,
    job: { topic: string; payload: JsonValue; runAfter: Date | undefined; maxAttempts: number },
  ): Promise<{ id: string }> {
    return db
      .insertInto('jobs')
      .values({
        topic: job.topic,
        payload: JSON.stringify(job.payload),
        max_attempts: job.maxAttempts,
        ...(job.runAfter ? { run_after: job.runAfter } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  }

  /**
   * Claims up to `limit` due queued jobs of these topics for `owner`, leased for `leaseMs`.
   * `FOR UPDATE SKIP LOCKED`: concurrent claimers (other processes) skip each other's rows
   * instead of waiting, and no row is claimed twice (PGlite runs it too, on its one connection).
   */
  async claim(db: Executor, topics: readonly string[], limit: number, owner: string, leaseMs: number) {
    if (topics.length === 0 || limit <= 0) return []
    return (await claimQuery(topics, limit, owner, leaseMs).execute(db)).rows
  }

  /** Running jobs whose lease lapsed (their process died) go back to the queue; returns how many. */
  async requeueLapsed(db: Executor): Promise<number> {
    const r = await db
      .updateTable('jobs')
      .set({ state: 'queued', locked_until: null, locked_by: null })
      .where('state', '=', 'running')
      .where('locked_until', '<', sql<Date>`now()`)
      .executeTakeFirst()
    return Number(r.numUpdatedRows)
  }

  /** Marks a job done, if this owner still holds it. */
  async complete(db: Executor, id: string, owner: string): Promise<boolean> {
    const r = await db
      .updateTable('jobs')
      .set({ state: 'done', finished_at: sql<Date>`now()`, locked_until: null, locked_by: null })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('locked_by', '=', owner)
      .executeTakeFirst()
    return r.numUpdatedRows > 0n
  }

  /** After a failed attempt: back to the queue after `delayMs`, or dead when `dead`. */
  async fail(db: Executor, id: string, owner: string, error: string, dead: boolean, delayMs: number) {
    const r = await db
      .updateTable('jobs')
      .set(
        dead
          ? {
              state: 'dead',
              last_error: error,
              finished_at: sql<Date>`now()`,
              locked_until: null,
              locked_by: null,
            }
          : {
              state: 'queued',
              last_error: error,
              locked_until: null,
              locked_by: null,
              run_after: sql<Date>`now() + make_interval(secs => ${delayMs / 1000}::double precision)`,
            },
      )
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('locked_by', '=', owner)
      .executeTakeFirst()
    return r.numUpdatedRows > 0n
  }

  listDead(db: Executor, q: { page: number; pageSize: number; topic?: string | undefined }) {
    let query = db
      .selectFrom('jobs')
      .select([
        'id',
        'topic',
        'payload',
        'attempts',
        'max_attempts',
        'last_error',
        'created_at',
        'finished_at',
      ])
      .where('state', '=', 'dead')
    if (q.topic !== undefined) query = query.where('topic', '=', q.topic)
    return query
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset(pageOffset(q.page, q.pageSize))
      .execute() as Promise<DeadJobRow[]>
  }

  async countDead(db: Executor, topic?: string): Promise<number> {
    let query = db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', '=', 'dead')
    if (topic !== undefined) query = query.where('topic', '=', topic)
    return Number((await query.executeTakeFirstOrThrow()).n)
  }

  /** A dead job back to the queue with fresh attempts; undefined unless it exists and is dead. */
  retry(db: Executor, id: string) {
    return db
      .updateTable('jobs')
      .set({ state: 'queued', attempts: 0, run_after: sql<Date>`now()`, finished_at: null })
      .where('id', '=', id)
      .where('state', '=', 'dead')
      .returning(['id', 'topic'])
      .executeTakeFirst()
  }

  find(db: Executor, id: string) {
    return db
      .selectFrom('jobs')
      .select(['id', 'topic', 'state', 'attempts', 'max_attempts', 'last_error', 'run_after', 'finished_at'])
      .where('id', '=', id)
      .executeTakeFirst()
  }

  /** Queued and dead counts and the lag, per topic (for the gauges). */
  async topicCounts(db: Executor): Promise<TopicCounts[]> {
    const r = await sql<{ topic: string; queued: string; dead: string; lag: string | null }>`
      select topic,
             count(*) filter (where state = 'queued')::text as queued,
             count(*) filter (where state = 'dead')::text as dead,
             extract(epoch from now() - min(run_after) filter (where state = 'queued' and run_after <= now()))::text as lag
        from jobs where state in ('queued', 'dead') group by topic`.execute(db)
    return r.rows.map((x) => ({
      topic: x.topic,
      queued: Number(x.queued),
      dead: Number(x.dead),
      lag_seconds: x.lag === null ? 0 : Math.max(0, Number(x.lag)),
    }))
  }

  /** Deletes done jobs finished before `olderThanMs` ago; returns how many. */
  async pruneDone(db: Executor, olderThanMs: number): Promise<number> {
    const r = await db
      .deleteFrom('jobs')
      .where('state', '=', 'done')
      .where(
        'finished_at',
        '<',
        sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000}::double precision)`,
      )
      .executeTakeFirst()
    return Number(r.numDeletedRows)
  }

  /**
   * Takes the lease of periodic task `name` for one period: true when this owner got it (the
   * previous period is over), false when another process holds it. The row is made on first use.
   */
  async takeLease(db: Executor, name: string, owner: string, periodMs: number): Promise<boolean> {
    await db
      .insertInto('job_leases')
      .values({ name })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
    const r = await db
      .updateTable('job_leases')
      .set({
        owner,
        expires_at: sql<Date>`now() + make_interval(secs => ${periodMs / 1000}::double precision)`,
        last_started_at: sql<Date>`now()`,
      })
      .where('name', '=', name)
      .where('expires_at', '<=', sql<Date>`now()`)
      .executeTakeFirst()
    return r.numUpdatedRows > 0n
  }

  /** Milliseconds until the lease of `name` lapses (0 when it has). */
  async leaseRemainingMs(db: Executor, name: string): Promise<number> {
    const r = await sql<{ ms: string | null }>`
      select case when expires_at <= now() then '0' else (extract(epoch from expires_at - now()) * 1000)::text end as ms
        from job_leases where name = ${name}`.execute(db)
    const ms = r.rows[0]?.ms
    return ms === undefined || ms === null ? 0 : Number(ms)
  }
}
