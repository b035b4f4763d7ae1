import type { FastifyBaseLogger } from 'fastify'
import type { JobsRegistrar } from '../../jobs/index.js'
import type { ColourService } from './colour.service.js'

/** One bounded drain of the colour outbox (changes made by other writers, or left by a crash). */
export async function drainColourOutbox(colours: ColourService, log: FastifyBaseLogger): Promise<void> {
  const drained = await colours.drain(undefined, 1000)
  if (drained > 0) log.debug({ drained }, 'colours recomputed from the outbox')
}

/** One bounded sweep of colours whose validity has lapsed. */
export async function sweepLapsedColours(colours: ColourService, log: FastifyBaseLogger): Promise<void> {
  const swept = await colours.sweep(5000)
  if (swept > 0) log.info({ swept }, 'colours recomputed after their validity lapsed')
}

/**
 * Background upkeep of colours on the jobs runtime (docs/jobs.md "Colours"). The outbox stays
 * the colour outbox (its rows, `enqueue`/`enqueueWhere` and the read-your-writes drain of
 * `current` are unchanged); the runtime runs its drain every second in every process — each
 * drain takes its rows with SKIP LOCKED, so processes share the work as they did — and the
 * sweep of lapsed colours once a minute for the whole node (a lease).
 */
export function registerColourJobs(
  jobs: JobsRegistrar,
  colours: ColourService,
  log: FastifyBaseLogger,
): void {
  jobs.every('colour.outbox-drain', 1000, () => drainColourOutbox(colours, log), { singleton: false })
  jobs.every('colour.sweep', 60_000, () => sweepLapsedColours(colours, log))
}
