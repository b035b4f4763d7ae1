import { AuditPage, AuditQuery, AuditVerifyResult } from '@lianfang/contracts'
import { ERRORS, scopeOfRequest, userOf, type RoutePlugin } from '../http/route-kit.js'
import type { AuditService } from './audit.service.js'
import { isNodeOperator } from '../auth/scope.js'

export const auditRoutes: RoutePlugin<{ audit: AuditService; nodeRegion: string }> = async (
  app,
  { audit, nodeRegion },
) => {
  const tags = ['audit']
  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags,
        summary: 'Audit records, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...ERRORS },
      },
    },
    async (req) => {
      const user = userOf(req)
      return audit.list(
        user,
        scopeOfRequest(req),
        { nodeOperator: isNodeOperator(user, nodeRegion) },
        { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 },
      )
    },
  )
  app.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit:read' } },
      schema: { tags, summary: 'Recompute the hash chain', response: { 200: AuditVerifyResult, ...ERRORS } },
    },
    () => audit.verify(),
  )
}
