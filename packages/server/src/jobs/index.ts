/**
 * The jobs runtime's public entry (#15 "Jobs", docs/jobs.md): the runtime modules register
 * handlers and periodic tasks with, its module (services, dead-letter routes, metrics), and
 * `startJobs`, which server.ts calls once the app listens.
 */
import type { FastifyBaseLogger } from 'fastify'
import { defineModule, type AnyModule, type Kernel } from '../kernel/module.js'
import { JobsRuntime, type JobsLogger } from './jobs.runtime.js'
import { JobsService } from './jobs.service.js'
import { jobsRoutes } from './jobs.routes.js'

export {
  JobsRuntime,
  type EnqueueOptions,
  type JobContext,
  type JobHandler,
  type JobsLogger,
  type JobsRegistrar,
  type JobsRuntimeOptions,
  type PeriodicOptions,
} from './jobs.runtime.js'
export { JobsService } from './jobs.service.js'
export { jobsRoutes } from './jobs.routes.js'

/** Finished jobs are kept this long (for inspection), then pruned. */
const KEEP_DONE_MS = 7 * 86_400_000

export const jobsModule = defineModule<object, { jobs: JobsRuntime; jobsAdmin: JobsService }>({
  name: 'jobs',
  permissions: ['jobs:manage'],
  errorCodes: [],
  needs: [],
  services: ({ database, audit, config, logger }) => {
    // The app's logger exists only once the app is built: forward to it when it does.
    const log: JobsLogger = {
      debug: (o, m) => logger.current?.debug(o, m),
      info: (o, m) => logger.current?.info(o, m),
      warn: (o, m) => logger.current?.warn(o, m),
      error: (o, m) => logger.current?.error(o, m),
    }
    const jobs = new JobsRuntime(database, { log })
    return { jobs, jobsAdmin: new JobsService(database, audit, jobs, config.nodeRegion) }
  },
  routes: async (app, { jobs, jobsAdmin }, { registry }) => {
    jobs.attachMetrics(registry)
    await app.register(jobsRoutes, { jobs: jobsAdmin })
  },
  jobs: (jobs, { jobs: runtime }, log) => {
    jobs.every('jobs.prune', 3600_000, async () => {
      const pruned = await runtime.pruneDone(KEEP_DONE_MS)
      if (pruned > 0) log.info({ pruned }, 'finished jobs pruned')
    })
  },
})

/**
 * Registers every module's handlers and periodic tasks with the runtime and starts it; returns
 * the runtime (stop it on close: `stop()` waits for running handlers).
 */
export function startJobs(
  modules: readonly AnyModule[],
  services: Kernel & { readonly jobs: JobsRuntime },
  log: FastifyBaseLogger,
): JobsRuntime {
  for (const m of modules) m.jobs?.(services.jobs, services, log)
  services.jobs.start()
  return services.jobs
}
