import { Type } from '@sinclair/typebox'
import {
  AssistRequest,
  AssistRequestQuery,
  CasePage,
  CaseQuery,
  CaseRecord,
  ConfirmContactsBody,
  ContactOutcome,
  ContactRow,
  CreateCaseBody,
  DischargeBody,
  DischargeCheck,
  GeneralContactsPage,
  GeneralContactsQuery,
  GeneralContactsSummary,
  IdParams,
  Investigation,
  InvestigationQuery,
  ReclassifyCaseBody,
  SecondaryInvestigation,
} from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import { ExportFormatQuery, sendTable } from '../../export/table-export.js'
import type { CasesService } from './cases.service.js'
import type { ContactsService } from './contacts.service.js'
import type { InvestigationService } from './investigation.service.js'

export const casesRoutes: RoutePlugin<{
  cases: CasesService
  contacts: ContactsService
  investigation: InvestigationService
}> = async (app, { cases, contacts, investigation }) => {
  app.get(
    '/api/cases/:id/investigation',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags: ['contacts'],
        summary: 'Exposure window, timeline and candidate close contacts with their reasons',
        params: IdParams,
        querystring: InvestigationQuery,
        response: { 200: Investigation, ...ERRORS },
      },
    },
    (req) => investigation.open(userOf(req), req.params.id, req.query.bufferMinutes ?? 30),
  )
  app.get(
    '/api/cases/:id/investigation/general-contacts',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags: ['contacts'],
        summary:
          'General contacts (一般接触者, GC.DEF) of the case, page by page: co-presence at venues whose kind makes no close contact by itself (office buildings, schools, markets…), with their reasons',
        params: IdParams,
        querystring: GeneralContactsQuery,
        response: { 200: GeneralContactsPage, ...ERRORS },
      },
    },
    (req) => investigation.generalContacts(userOf(req), req.params.id, req.query),
  )
  app.get(
    '/api/cases/:id/investigation/general-contacts/summary',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags: ['contacts'],
        summary:
          'General contacts (一般接触者, GC.DEF) of the case counted, in all and per venue whose kind makes no close contact by itself (office buildings, schools, markets…)',
        params: IdParams,
        querystring: InvestigationQuery,
        response: { 200: GeneralContactsSummary, ...ERRORS },
      },
    },
    (req) => investigation.generalContactsSummary(userOf(req), req.params.id, req.query.bufferMinutes ?? 30),
  )
  app.get(
    '/api/cases/:id/investigation/secondary',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags: ['contacts'],
        summary:
          'Candidate secondary contacts (密接的密接) through the confirmed close contacts, with their reasons and `via`',
        params: IdParams,
        querystring: InvestigationQuery,
        response: { 200: SecondaryInvestigation, ...ERRORS },
      },
    },
    (req) => investigation.secondary(userOf(req), req.params.id, req.query.bufferMinutes ?? 30),
  )
  const tags = ['cases']
  app.get(
    '/api/cases',
    {
      config: { access: { permission: 'case:read' } },
      schema: { tags, querystring: CaseQuery, response: { 200: CasePage, ...ERRORS } },
    },
    (req) => cases.list(userOf(req), req.query),
  )
  app.post(
    '/api/cases',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags,
        summary: 'Report a case',
        body: CreateCaseBody,
        response: { 201: CaseRecord, ...ERRORS },
      },
    },
    async (req, reply) => reply.status(201).send(await cases.create(userOf(req), req.body)),
  )
  app.get(
    '/api/cases/:id',
    {
      config: { access: { permission: 'case:read' } },
      schema: { tags, params: IdParams, response: { 200: CaseRecord, ...ERRORS } },
    },
    (req) => cases.get(userOf(req), req.params.id),
  )
  app.post(
    '/api/cases/:id/reclassify',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags,
        summary: 'Re-classify (only along the transitions the rules allow)',
        params: IdParams,
        body: ReclassifyCaseBody,
        response: { 200: CaseRecord, ...ERRORS },
      },
    },
    (req) => cases.reclassify(userOf(req), req.params.id, req.body),
  )
  app.get(
    '/api/cases/:id/discharge-check',
    {
      config: { access: { permission: 'case:read' } },
      schema: {
        tags,
        summary: 'Which discharge criteria are met and which missing',
        params: IdParams,
        response: { 200: DischargeCheck, ...ERRORS },
      },
    },
    (req) => cases.dischargeCheck(userOf(req), req.params.id),
  )
  app.post(
    '/api/cases/:id/discharge',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags,
        summary: 'Discharge (confirmed) or release (asymptomatic) when the criteria are met',
        params: IdParams,
        body: DischargeBody,
        response: { 200: CaseRecord, ...ERRORS },
      },
    },
    (req) => cases.discharge(userOf(req), req.params.id, req.body),
  )
  app.get(
    '/api/cases/:id/contacts',
    {
      config: { access: { permission: 'case:read' } },
      schema: { tags: ['contacts'], params: IdParams, response: { 200: Type.Array(ContactRow), ...ERRORS } },
    },
    (req) => contacts.list(userOf(req), req.params.id),
  )
  app.post(
    '/api/cases/:id/contacts',
    {
      config: { access: { permission: 'case:write' } },
      schema: {
        tags: ['contacts'],
        summary: 'Confirm contacts in bulk: quarantine orders, colours, 协查 requests for other regions',
        params: IdParams,
        body: ConfirmContactsBody,
        response: { 200: Type.Array(ContactOutcome), ...ERRORS },
      },
    },
    (req) => contacts.confirm(userOf(req), req.params.id, req.body.contacts),
  )
  app.get(
    '/api/assist-requests',
    {
      config: { access: { permission: 'case:read' } },
      schema: {
        tags: ['contacts'],
        summary: 'Assist-investigation requests (协查) to and from my region',
        querystring: AssistRequestQuery,
        response: { 200: Type.Array(AssistRequest), ...ERRORS },
      },
    },
    (req) => contacts.assistRequests(userOf(req), req.query.direction),
  )
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
          await contacts.assistRequestsTable(userOf(req), req.query.direction),
          req.query.format,
        ),
    )
  }
}
