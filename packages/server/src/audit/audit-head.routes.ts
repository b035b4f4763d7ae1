import { Type } from '@sinclair/typebox'
import { DomainError } from '@lianfang/core'
import { SignedAuditHead } from '@lianfang/contracts'
import { ERRORS, type RoutePlugin } from '../http/route-kit.js'
import { isNodeOperator } from '../auth/scope.js'
import { bearerMatches } from '../http/bearer.js'
import type { AuditHeadService } from './audit-head.js'

/**
 * `GET /api/audit/head`: the audit chain's head signed by the node (audit-head.ts), for a second
 * party to keep. Served to the node's operators (admins of the node region) and to machine
 * pollers with the metrics token (`Authorization: Bearer $METRICS_TOKEN`). The route is declared
 * public to the guard because a poller has no session; the handler does the check.
 */
export const auditHeadRoutes: RoutePlugin<{
  heads: AuditHeadService
  nodeRegion: string
  metricsToken: string | undefined
}> = async (app, { heads, nodeRegion, metricsToken }) => {
  app.get(
    '/api/audit/head',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['audit'],
        summary:
          'The audit chain head (latest record id and hash), signed by the node issuer key (JWS ES256)',
        description:
          'Node operators (admins of the node region) or `Authorization: Bearer <METRICS_TOKEN>`. With `id`, ' +
          'that record instead of the latest, so a second party can compare a head it kept (docs/audit-head.md).',
        querystring: Type.Object(
          { id: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,18}$' })) },
          { additionalProperties: false },
        ),
        response: { 200: SignedAuditHead, ...ERRORS },
      },
    },
    async (req, reply) => {
      if (!bearerMatches(req.headers.authorization, metricsToken)) {
        if (!req.user) throw new DomainError('UNAUTHENTICATED', 'sign in, or send the metrics token')
        if (!isNodeOperator(req.user, nodeRegion))
          throw new DomainError(
            'FORBIDDEN',
            `the signed audit head is for the node operators (admins of ${nodeRegion}) and the metrics token`,
          )
      }
      const signed = await heads.signed(req.query.id)
      if (!signed) throw new DomainError('NOT_FOUND', `no audit record ${req.query.id ?? ''}`)
      return reply.header('cache-control', 'no-store').send(signed)
    },
  )
}
