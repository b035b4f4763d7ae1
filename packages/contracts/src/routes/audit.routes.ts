import { AuditHeadQuery, AuditPage, AuditQuery, AuditVerifyResult } from '../audit.schema.js'
import { SignedAuditHead } from '../keys.schema.js'
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
  /**
   * Public to the guard because a machine poller has no session: the handler admits the node's
   * operators (admins of the node region) and the metrics token.
   */
  head: defineRoute({
    method: 'GET',
    path: '/api/audit/head',
    summary: 'The audit chain head (latest record id and hash), signed by the node issuer key (JWS ES256)',
    description:
      'Node operators (admins of the node region) or `Authorization: Bearer <METRICS_TOKEN>`. With `id`, ' +
      'that record instead of the latest, so a second party can compare a head it kept (docs/audit-head.md).',
    query: AuditHeadQuery,
    response: { 200: SignedAuditHead },
    access: { public: true },
    tags,
  }),
} as const
