import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Registry } from 'prom-client'
import type { Database } from '../../db/database.js'

/** Liveness, readiness (database reachable) and Prometheus metrics. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database; registry: Registry }> = async (
  app,
  { database, registry },
) => {
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
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    void reply.header('content-type', registry.contentType)
    return registry.metrics()
  })
}
