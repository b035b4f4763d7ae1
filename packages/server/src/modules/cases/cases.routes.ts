import { CaseRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import { tableFile } from '../../export/table-export.js'
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
  route(app, CaseRoutes.investigationComplete, (req) =>
    cases.completeInvestigation(userOf(req), scopeOfRequest(req), req.params.id),
  )
  route(app, CaseRoutes.contacts, (req) => contacts.list(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, CaseRoutes.confirmContacts, (req) =>
    contacts.confirm(userOf(req), scopeOfRequest(req), req.params.id, req.body.contacts),
  )
  route(app, CaseRoutes.assistRequests, (req) =>
    contacts.assistRequests(userOf(req), scopeOfRequest(req), req.query.direction),
  )
  // A file, not JSON: the handler sets its type and download name and returns its bytes.
  for (const contract of [CaseRoutes.assistRequestsCsv, CaseRoutes.assistRequestsExport]) {
    route(
      app,
      contract,
      async (req, reply) =>
        tableFile(
          reply,
          `assist-requests-${req.query.direction}`,
          await contacts.assistRequestsTable(userOf(req), scopeOfRequest(req), req.query.direction),
          req.query.format,
        ),
      { produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    )
  }
}
