/**
 * The jobs runtime's public entry (#15 "Jobs", docs/jobs.md): the runtime modules register
 * handlers and periodic tasks with, its module (services, dead-letter routes, metrics), and
 * `startJobs`, which server.ts calls once the app listens.
 */
import type { FastifyBaseLogger } from 'fastify'
import { defineModule } from '../kernel/module.js'
import type { Database } from '../db/database.js'
import type { AuditService } from '../audit/audit.service.js'
import { registerColourJobs, type ColourService } from '../modules/health-codes/index.js'
import { registerRetentionJob, type CheckinWriter } from '../modules/checkins/index.js'
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
})

/** What `startJobs` registers work from: the services of the modules that bring jobs. */
export interface JobsDeps {
  readonly jobs: JobsRuntime
  readonly database: Database
  readonly audit: AuditService
  readonly colours: ColourService
  readonly checkinWriter: CheckinWriter
  readonly config: { readonly checkinRetentionDays: number }
}

/**
 * Registers every module's handlers and periodic tasks with the runtime and starts it; returns
 * the runtime (stop it on close: `stop()` waits for running handlers). Replaces the ColourWorker
 * and the retention interval of server.ts.
 */
export function startJobs(deps: JobsDeps, log: FastifyBaseLogger): JobsRuntime {
  const { jobs } = deps
  registerColourJobs(jobs, deps.colours, log)
  registerRetentionJob(
    jobs,
    {
      database: deps.database,
      audit: deps.audit,
      checkinWriter: deps.checkinWriter,
      retentionDays: deps.config.checkinRetentionDays,
    },
    log,
  )
  jobs.every('jobs.prune', 3600_000, async () => {
    const pruned = await jobs.pruneDone(KEEP_DONE_MS)
    if (pruned > 0) log.info({ pruned }, 'finished jobs pruned')
  })
  jobs.start()
  return jobs
}
