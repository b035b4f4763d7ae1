import { AuditPage, AuditQuery, AuditVerifyResult } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../http/route-kit.js'
import type { AuditService } from './audit.service.js'

export const auditRoutes: RoutePlugin<{ audit: AuditService }> = async (app, { audit }) => {
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
      userOf(req)
      return audit.list({ ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 })
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
