import { Type } from '@sinclair/typebox'
import { IdParams } from '../common.schema.js'
import {
  AssistRequest,
  AssistRequestExportQuery,
  AssistRequestQuery,
  CasePage,
  CaseQuery,
  CaseRecord,
  ConfirmContactsBody,
  ContactOutcome,
  ContactRow,
  CreateCaseBody,
  GeneralContactsPage,
  GeneralContactsQuery,
  GeneralContactsSummary,
  Investigation,
  InvestigationQuery,
  ReclassifyCaseBody,
  TableFile,
} from '../cases.schema.js'
import { SecondaryInvestigation } from '../secondary-investigation.schema.js'
import { DischargeBody, DischargeCheck } from '../discharge.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['cases']
const contactTags = ['contacts']
const read = { permission: 'case:read' } as const
const write = { permission: 'case:write' } as const

/**
 * Cases, their investigation and contacts, and 协查 requests (docs/cases.md). The export of the
 * 协查 requests answers a file (CSV or XLSX bytes, not JSON): the console links to it (`urlOf`).
 */
export const CaseRoutes = {
  investigation: defineRoute({
    method: 'GET',
    path: '/api/cases/:id/investigation',
    summary: 'Exposure window, timeline and candidate close contacts with their reasons',
    params: IdParams,
    query: InvestigationQuery,
    response: { 200: Investigation },
    access: write,
    tags: contactTags,
  }),
  generalContacts: defineRoute({
    method: 'GET',
    path: '/api/cases/:id/investigation/general-contacts',
    summary:
      'General contacts (一般接触者, GC.DEF) of the case, page by page: co-presence at venues whose kind makes no close contact by itself (office buildings, schools, markets…) and fellow travellers outside the seat zone of a conveyance (CC.TRANSPORT.*), with their reasons',
    params: IdParams,
    query: GeneralContactsQuery,
    response: { 200: GeneralContactsPage },
    access: write,
    tags: contactTags,
  }),
  generalContactsSummary: defineRoute({
    method: 'GET',
    path: '/api/cases/:id/investigation/general-contacts/summary',
    summary:
      'General contacts (一般接触者, GC.DEF) of the case counted, in all and per venue whose kind makes no close contact by itself (office buildings, schools, markets…) or conveyance (travellers outside the seat zone)',
    params: IdParams,
    query: InvestigationQuery,
    response: { 200: GeneralContactsSummary },
    access: write,
    tags: contactTags,
  }),
  secondary: defineRoute({
    method: 'GET',
    path: '/api/cases/:id/investigation/secondary',
    summary:
      'Candidate secondary contacts (密接的密接) through the confirmed close contacts, with their reasons and `via`',
    params: IdParams,
    query: InvestigationQuery,
    response: { 200: SecondaryInvestigation },
    access: write,
    tags: contactTags,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/cases',
    query: CaseQuery,
    response: { 200: CasePage },
    access: read,
    tags,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/cases',
    summary: 'Report a case',
    body: CreateCaseBody,
    response: { 201: CaseRecord },
    access: write,
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/cases/:id',
    params: IdParams,
    response: { 200: CaseRecord },
    access: read,
    tags,
  }),
  reclassify: defineRoute({
    method: 'POST',
    path: '/api/cases/:id/reclassify',
    summary: 'Re-classify (only along the transitions the rules allow)',
    params: IdParams,
    body: ReclassifyCaseBody,
    response: { 200: CaseRecord },
    access: write,
    tags,
  }),
  dischargeCheck: defineRoute({
    method: 'GET',
    path: '/api/cases/:id/discharge-check',
    summary: 'Which discharge criteria are met and which missing',
    params: IdParams,
    response: { 200: DischargeCheck },
    access: read,
    tags,
  }),
  discharge: defineRoute({
    method: 'POST',
    path: '/api/cases/:id/discharge',
    summary: 'Discharge (confirmed) or release (asymptomatic) when the criteria are met',
    params: IdParams,
    body: DischargeBody,
    response: { 200: CaseRecord },
    access: write,
    tags,
  }),
  investigationComplete: defineRoute({
    method: 'POST',
    path: '/api/cases/:id/investigation-complete',
    summary:
      'The case investigation is complete (CASE.REPORT: within 24 h of the report); once — a second time is a 409',
    params: IdParams,
    response: { 200: CaseRecord },
    access: write,
    tags: contactTags,
  }),
  contacts: defineRoute({
    method: 'GET',
    path: '/api/cases/:id/contacts',
    params: IdParams,
    response: { 200: Type.Array(ContactRow) },
    access: read,
    tags: contactTags,
  }),
  confirmContacts: defineRoute({
    method: 'POST',
    path: '/api/cases/:id/contacts',
    summary: 'Confirm contacts in bulk: quarantine orders, colours, 协查 requests for other regions',
    params: IdParams,
    body: ConfirmContactsBody,
    response: { 200: Type.Array(ContactOutcome) },
    access: write,
    tags: contactTags,
  }),
  assistRequests: defineRoute({
    method: 'GET',
    path: '/api/assist-requests',
    summary: 'Assist-investigation requests (协查) to and from my region',
    query: AssistRequestQuery,
    response: { 200: Type.Array(AssistRequest) },
    access: read,
    tags: contactTags,
  }),
  assistRequestsCsv: defineRoute({
    method: 'GET',
    path: '/api/assist-requests.csv',
    summary:
      'The same 协查 requests as a file for hand-over and archives: CSV (UTF-8 with BOM) or ?format=xlsx',
    query: AssistRequestExportQuery,
    response: { 200: TableFile },
    access: read,
    tags: contactTags,
  }),
  assistRequestsExport: defineRoute({
    method: 'GET',
    path: '/api/assist-requests/export',
    summary:
      'The same 协查 requests as a file for hand-over and archives: CSV (UTF-8 with BOM) or ?format=xlsx',
    query: AssistRequestExportQuery,
    response: { 200: TableFile },
    access: read,
    tags: contactTags,
  }),
} as const
