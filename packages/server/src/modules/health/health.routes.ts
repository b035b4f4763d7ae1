import { Type } from '@sinclair/typebox'
import { DomainError } from '@lianfang/core'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Registry } from 'prom-client'
import type { Database } from '../../db/database.js'
import { bearerMatches } from '../../http/bearer.js'

/**
 * Liveness, readiness (database reachable) and Prometheus metrics. Metrics name routes, load and
 * the process's internals: they are served only to the configured addresses (`METRICS_ALLOW`,
 * loopback by default) or to a scraper with the token (`METRICS_TOKEN`).
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{
  database: Database
  registry: Registry
  metricsAllow: readonly string[]
  metricsToken: string | undefined
}> = async (app, { database, registry, metricsAllow, metricsToken }) => {
  const allowed = new Set(metricsAllow)
  const Status = Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) })
  app.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, () => ({ status: 'ok' }))
  app.get(
    '/readyz',
    { schema: { hide: true, response: { 200: Status, 503: Status } } },
    async (_req, reply) => {
      try {
        await database.ping()
        return { status: 'ready', database: database.kind }
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: database.kind })
      }
    },
  )
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed.has(req.ip) && !bearerMatches(req.headers.authorization, metricsToken)) {
      throw new DomainError(
        'FORBIDDEN',
        'metrics are served to the configured addresses (METRICS_ALLOW) or with the token (METRICS_TOKEN)',
      )
    }
    void reply.header('content-type', registry.contentType)
    return registry.metrics()
  })
}
