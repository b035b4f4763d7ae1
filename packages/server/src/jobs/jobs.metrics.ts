import { Counter, Gauge, type Registry } from 'prom-client'
import type { TopicCounts } from './jobs.repository.js'

export interface JobsMetrics {
  /** Failed attempts of queued jobs, by topic and outcome (`retry` or `dead`). */
  readonly failures: Counter<'topic' | 'outcome'>
  /** Failed runs of periodic tasks, by task. */
  readonly periodicFailures: Counter<'task'>
}

/**
 * The runtime's Prometheus metrics (docs/jobs.md "Metrics"). The gauges are read from the jobs
 * table when scraped — one grouped query per scrape, shared by the three gauges — so they say the
 * same whichever API process is scraped.
 */
export function registerJobsMetrics(
  registry: Registry,
  counts: () => Promise<TopicCounts[]>,
  onError: (e: unknown) => void,
): JobsMetrics {
  let pending: { at: number; value: Promise<TopicCounts[] | undefined> } | undefined
  const snapshot = () => {
    const now = Date.now()
    if (!pending || now - pending.at > 250)
      pending = {
        at: now,
        value: counts().catch((e: unknown) => {
          onError(e)
          return undefined
        }),
      }
    return pending.value
  }
  const gauge = (name: string, help: string, pick: (c: TopicCounts) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['topic'] as const,
      registers: [registry],
      async collect() {
        const rows = await snapshot()
        if (!rows) return // the database did not answer: keep the last values
        this.reset()
        for (const r of rows) this.set({ topic: r.topic }, pick(r))
      },
    })
  gauge('lianfang_jobs_queued', 'Queued jobs (due or not yet due), by topic', (c) => c.queued)
  gauge(
    'lianfang_jobs_lag_seconds',
    'Seconds since the oldest due queued job of a topic became due (0 when none waits)',
    (c) => c.lag_seconds,
  )
  gauge(
    'lianfang_jobs_dead',
    'Dead jobs (failed max_attempts times) waiting for a retry, by topic',
    (c) => c.dead,
  )
  return {
    failures: new Counter({
      name: 'lianfang_jobs_failures_total',
      help: 'Failed job attempts, by topic and outcome (retry: queued again after a back-off; dead)',
      labelNames: ['topic', 'outcome'] as const,
      registers: [registry],
    }),
    periodicFailures: new Counter({
      name: 'lianfang_jobs_periodic_failures_total',
      help: 'Failed runs of periodic tasks, by task',
      labelNames: ['task'] as const,
      registers: [registry],
    }),
  }
}
