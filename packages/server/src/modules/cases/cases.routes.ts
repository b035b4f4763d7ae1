import { Type } from '@sinclair/typebox'
import { AssistRequestQuery, CaseRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { ERRORS, scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import { ExportFormatQuery, sendTable } from '../../export/table-export.js'
import type { CasesService } from './cases.service.js'
import type { ContactsService } from './contacts.service.js'
import type { InvestigationService } from './investigation.service.js'

/** Cases, their investigation and contacts, and 协查 requests (contracts: `CaseRoutes`). */
export const casesRoutes: RoutePlugin<{
  cases: CasesService
  contacts: ContactsService
  investigation: InvestigationService
}> = async (app, { cases, contacts, investigation }) => {
  route(app, CaseRoutes.investigation, (req) =>
    investigation.open(userOf(req), scopeOfRequest(req), req.params.id, req.query.bufferMinutes ?? 30),
  )
  route(app, CaseRoutes.generalContacts, (req) =>
    investigation.generalContacts(userOf(req), scopeOfRequest(req), req.params.id, req.query),
  )
  route(app, CaseRoutes.generalContactsSummary, (req) =>
    investigation.generalContactsSummary(
      userOf(req),
      scopeOfRequest(req),
      req.params.id,
      req.query.bufferMinutes ?? 30,
    ),
  )
  route(app, CaseRoutes.secondary, (req) =>
    investigation.secondary(userOf(req), scopeOfRequest(req), req.params.id, req.query.bufferMinutes ?? 30),
  )
  route(app, CaseRoutes.list, (req) => cases.list(userOf(req), scopeOfRequest(req), req.query))
  route(app, CaseRoutes.create, (req) => cases.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, CaseRoutes.get, (req) => cases.get(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, CaseRoutes.reclassify, (req) =>
    cases.reclassify(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, CaseRoutes.dischargeCheck, (req) => cases.dischargeCheck(scopeOfRequest(req), req.params.id))
  route(app, CaseRoutes.discharge, (req) =>
    cases.discharge(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, CaseRoutes.contacts, (req) => contacts.list(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, CaseRoutes.confirmContacts, (req) =>
    contacts.confirm(userOf(req), scopeOfRequest(req), req.params.id, req.body.contacts),
  )
  route(app, CaseRoutes.assistRequests, (req) =>
    contacts.assistRequests(userOf(req), scopeOfRequest(req), req.query.direction),
  )
  // A file, not JSON (sendTable answers it): registered by hand, as no contract describes it.
  for (const url of ['/api/assist-requests.csv', '/api/assist-requests/export']) {
    app.get(
      url,
      {
        config: { access: { permission: 'case:read' } },
        schema: {
          tags: ['contacts'],
          summary:
            'The same 协查 requests as a file for hand-over and archives: CSV (UTF-8 with BOM) or ?format=xlsx',
          querystring: Type.Object(
            { ...AssistRequestQuery.properties, ...ExportFormatQuery },
            { additionalProperties: false },
          ),
          response: { 200: Type.String(), ...ERRORS },
        },
      },
      async (req, reply) =>
        sendTable(
          reply,
          `assist-requests-${req.query.direction}`,
          await contacts.assistRequestsTable(userOf(req), scopeOfRequest(req), req.query.direction),
          req.query.format,
        ),
    )
  }
}
