import { DomainError } from '@lianfang/core'
import { AuditRoutes } from '@lianfang/contracts'
import { route } from '../http/contract-route.js'
import type { RoutePlugin } from '../http/route-kit.js'
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
  route(app, AuditRoutes.head, async (req, reply) => {
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
    void reply.header('cache-control', 'no-store')
    return signed
  })
}
