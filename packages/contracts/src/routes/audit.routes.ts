import { AuditPage, AuditQuery, AuditVerifyResult } from '../audit.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['audit']

/** The audit log (审计): records in the reader's scope and the hash chain's check. */
export const AuditRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/audit',
    summary: 'Audit records, newest first',
    query: AuditQuery,
    response: { 200: AuditPage },
    access: { permission: 'audit:read' },
    tags,
  }),
  verify: defineRoute({
    method: 'GET',
    path: '/api/audit/verify',
    summary: 'Recompute the hash chain',
    response: { 200: AuditVerifyResult },
    access: { permission: 'audit:read' },
    tags,
  }),
} as const
