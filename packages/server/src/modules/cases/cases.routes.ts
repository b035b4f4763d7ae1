import { Type } from '@sinclair/typebox'
import {
  CasePage,
  CaseQuery,
  CaseRecord,
  CreateCaseBody,
  DateTimeString,
  DischargeBody,
  DischargeCheck,
  Id,
  IdParams,
  ReclassifyCaseBody,
  RegionCode,
} from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { CasesService } from './cases.service.js'
import type { ContactsService } from './contacts.service.js'
import type { InvestigationService } from './investigation.service.js'

const ContactInput = Type.Object(
  {
    personId: Id,
    degree: Type.Union([Type.Literal('close'), Type.Literal('secondary')]),
    lastExposureAt: DateTimeString,
    viaPersonId: Type.Optional(Id),
    reasons: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 50 })),
  },
  { additionalProperties: false },
)
const ContactOutcome = Type.Object({
  personId: Type.String(),
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('routed'), Type.Literal('rejected')]),
  contactId: Type.Union([Id, Type.Null()]),
  quarantineOrderId: Type.Union([Id, Type.Null()]),
  assistRequestId: Type.Union([Id, Type.Null()]),
  routedTo: Type.Union([RegionCode, Type.Null()]),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
})
const ContactRow = Type.Object({
  id: Id,
  personId: Type.Union([Id, Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  regionCode: RegionCode,
  degree: Type.Union([Type.Literal('close'), Type.Literal('secondary')]),
  lastExposureAt: DateTimeString,
  reasons: Type.Array(Type.Unknown()),
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('dismissed')]),
  quarantineOrderId: Type.Union([Id, Type.Null()]),
  otherRegion: Type.Boolean(),
})
const AssistRequest = Type.Object({
  id: Id,
  contactId: Id,
  personId: Type.Union([Id, Type.Null()]),
  fromRegion: RegionCode,
  toRegion: RegionCode,
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('sent'),
    Type.Literal('acknowledged'),
    Type.Literal('closed'),
  ]),
  payload: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTimeString,
})

const Investigation = Type.Object({
  caseId: Id,
  window: Type.Object({ start: DateTimeString, end: DateTimeString }),
  ruleSetVersion: Type.String(),
  timeline: Type.Array(
    Type.Object({
      venueId: Id,
      venueName: Type.String(),
      kind: Type.String(),
      checkedInAt: DateTimeString,
      checkedOutAt: Type.Union([DateTimeString, Type.Null()]),
    }),
  ),
  candidates: Type.Array(
    Type.Object({
      personId: Id,
      name: Type.String(),
      regionCode: RegionCode,
      otherRegion: Type.Boolean(),
      degree: Type.Union([Type.Literal('close'), Type.Literal('secondary')]),
      lastExposureAt: DateTimeString,
      strongest: Type.Record(Type.String(), Type.Unknown()),
      reasons: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    }),
  ),
})

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
        querystring: Type.Object(
          { bufferMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, default: 30 })) },
          { additionalProperties: false },
        ),
        response: { 200: Investigation, ...ERRORS },
      },
    },
    (req) => investigation.open(userOf(req), req.params.id, req.query.bufferMinutes ?? 30),
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
        body: Type.Object(
          { contacts: Type.Array(ContactInput, { minItems: 1, maxItems: 1000 }) },
          { additionalProperties: false },
        ),
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
        querystring: Type.Object(
          { direction: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')]) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(AssistRequest), ...ERRORS },
      },
    },
    (req) => contacts.assistRequests(userOf(req), req.query.direction),
  )
}
