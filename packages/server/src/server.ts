import type { FastifyInstance } from 'fastify'
import type { Config } from './config/config.js'
import { openDatabase, type Database } from './db/database.js'
import { migrate } from './db/migrate.js'
import { buildApp, MODULES, type Services } from './app.js'
import { join } from 'node:path'
import { startJobs } from './jobs/index.js'

export interface RunningServer {
  readonly app: FastifyInstance
  readonly services: Services
  readonly url: string
  stop(): Promise<void>
}

/** Opens the configured database (PGlite under dataDir/pgdata unless DATABASE_URL), migrates. */
export async function openConfiguredDatabase(config: Config, log: (msg: string) => void): Promise<Database> {
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pgdata') },
  )
  const applied = await migrate(database, log)
  if (applied.length === 0) log('database schema is up to date')
  return database
}

/**
 * Listens, and on SIGTERM / SIGINT stops accepting, lets in-flight requests finish, then
 * closes the database cleanly.
 */
export async function startServer(config: Config, services: Services): Promise<RunningServer> {
  const app = await buildApp(config, services)
  // Stop the jobs runtime (waits for running handlers) before the database closes.
  app.addHook('onClose', async () => services.jobs.stop())
  const url = await app.listen({ port: config.port, host: config.host })
  // Module job handlers and periodic tasks (colour outbox, sweep, retention …): docs/jobs.md.
  startJobs(MODULES, services, app.log)
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      app.log.info('shutting down: finishing in-flight requests')
      await app.close()
      await services.database.close()
      app.log.info('database closed; bye')
    })()
    return stopping
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        (e: unknown) => {
          app.log.error({ err: e }, 'shutdown failed')
          process.exit(1)
        },
      )
    })
  }
  return { app, services, url, stop }
}
