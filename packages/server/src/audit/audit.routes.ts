import { AuditRoutes } from '@lianfang/contracts'
import { route } from '../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../http/route-kit.js'
import type { AuditService } from './audit.service.js'
import { isNodeOperator } from '../auth/scope.js'

export const auditRoutes: RoutePlugin<{ audit: AuditService; nodeRegion: string }> = async (
  app,
  { audit, nodeRegion },
) => {
  route(app, AuditRoutes.list, (req) => {
    const user = userOf(req)
    return audit.list(
      user,
      scopeOfRequest(req),
      { nodeOperator: isNodeOperator(user, nodeRegion) },
      { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 },
    )
  })
  route(app, AuditRoutes.verify, () => audit.verify())
}
