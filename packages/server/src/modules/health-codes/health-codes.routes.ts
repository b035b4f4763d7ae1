import { Type } from '@sinclair/typebox'
import { can, DomainError, type Role } from '@lianfang/core'
import {
  CodeVerification,
  MyHealthCode,
  VerifyCodeBody,
  ColourHistoryEntry,
  CreateRuleSetBody,
  DryRunResult,
  FactCreated,
  FeverClinicVisitBody,
  HealthCodeStatus,
  HealthDeclarationBody,
  IdParams,
  RuleSetQuery,
  RuleSetRecord,
  TripDeclarationBody,
  UpdateRuleSetBody,
} from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { CodesService } from './codes.service.js'
import type { FactsService } from './facts.service.js'
import type { RuleSetsService } from './rule-sets.service.js'

export const healthCodesRoutes: RoutePlugin<{
  codes: CodesService
  facts: FactsService
  ruleSets: RuleSetsService
}> = async (app, { codes, facts, ruleSets }) => {
  // --- colours and signed codes ---
  app.get(
    '/api/codes/me',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['health codes'],
        summary: 'My signed health code (LF1 QR text) with colour, reasons and actions',
        response: { 200: MyHealthCode, ...ERRORS },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await codes.issueMine(userOf(req))),
  )
  app.post(
    '/api/codes/verify',
    {
      config: { access: { permission: 'code:verify' } },
      schema: {
        tags: ['health codes'],
        summary: 'Verify a presented LF1 code (online checkpoint)',
        body: VerifyCodeBody,
        response: { 200: CodeVerification, ...ERRORS },
      },
    },
    (req) => codes.verify(userOf(req), req.body.code),
  )
  app.get(
    '/api/codes/me/status',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['health codes'],
        summary: 'My colour with reasons and actions',
        response: { 200: HealthCodeStatus, ...ERRORS },
      },
    },
    (req) => codes.mine(userOf(req)),
  )
  app.get(
    '/api/codes/me/history',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['health codes'], response: { 200: Type.Array(ColourHistoryEntry), ...ERRORS } },
    },
    (req) => codes.myHistory(userOf(req)),
  )
  app.get(
    '/api/persons/:id/health-code',
    {
      config: { access: { permission: 'code:read' } },
      schema: { tags: ['health codes'], params: IdParams, response: { 200: HealthCodeStatus, ...ERRORS } },
    },
    (req) => codes.forPerson(userOf(req), req.params.id),
  )
  app.get(
    '/api/persons/:id/health-code/history',
    {
      config: { access: { permission: 'code:read' } },
      schema: {
        tags: ['health codes'],
        params: IdParams,
        response: { 200: Type.Array(ColourHistoryEntry), ...ERRORS },
      },
    },
    (req) => codes.historyForPerson(userOf(req), req.params.id),
  )

  // --- facts ---
  const factRoute = { 201: FactCreated, ...ERRORS }
  app.post(
    '/api/declarations/health',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['declarations'],
        summary: 'Health declaration (健康申报): temperature and symptoms',
        body: HealthDeclarationBody,
        response: factRoute,
      },
    },
    async (req, reply) => {
      const u = userOf(req)
      if (u.role !== 'citizen') requireFactRole(u.role)
      return reply.status(201).send(await facts.declareHealth(u, req.body))
    },
  )
  app.post(
    '/api/declarations/trips',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['declarations'],
        summary: 'Trip declaration (行程申报)',
        body: TripDeclarationBody,
        response: factRoute,
      },
    },
    async (req, reply) => {
      const u = userOf(req)
      if (u.role !== 'citizen') requireFactRole(u.role)
      return reply.status(201).send(await facts.declareTrip(u, req.body))
    },
  )
  app.post(
    '/api/fever-clinic-visits',
    {
      config: { access: { permission: 'fact:declare' } },
      schema: { tags: ['declarations'], body: FeverClinicVisitBody, response: factRoute },
    },
    async (req, reply) => reply.status(201).send(await facts.recordFeverClinicVisit(userOf(req), req.body)),
  )

  // --- rule sets ---
  const tags = ['rule sets']
  app.get(
    '/api/rule-sets/presets',
    {
      config: { access: { permission: 'region:read' } },
      schema: { tags, response: { 200: Type.Array(RuleSetRecord), ...ERRORS } },
    },
    () => ruleSets.presets(),
  )
  app.get(
    '/api/rule-sets',
    {
      config: { access: { permission: 'region:read' } },
      schema: { tags, querystring: RuleSetQuery, response: { 200: Type.Array(RuleSetRecord), ...ERRORS } },
    },
    (req) => ruleSets.list(userOf(req), req.query.regionCode),
  )
  app.get(
    '/api/rule-sets/in-force',
    {
      config: { access: { permission: 'region:read' } },
      schema: { tags, querystring: RuleSetQuery, response: { 200: RuleSetRecord, ...ERRORS } },
    },
    (req) => ruleSets.inForce(userOf(req), req.query.regionCode),
  )
  app.post(
    '/api/rule-sets',
    {
      config: { access: { permission: 'ruleset:manage' } },
      schema: { tags, body: CreateRuleSetBody, response: { 201: RuleSetRecord, ...ERRORS } },
    },
    async (req, reply) => reply.status(201).send(await ruleSets.create(userOf(req), req.body)),
  )
  app.put(
    '/api/rule-sets/:id',
    {
      config: { access: { permission: 'ruleset:manage' } },
      schema: {
        tags,
        params: IdParams,
        body: UpdateRuleSetBody,
        response: { 200: RuleSetRecord, ...ERRORS },
      },
    },
    (req) => ruleSets.update(userOf(req), req.params.id, req.body),
  )
  app.post(
    '/api/rule-sets/:id/dry-run',
    {
      config: { access: { permission: 'ruleset:manage' } },
      schema: {
        tags,
        summary: 'How many persons, and which, would change colour',
        params: IdParams,
        response: { 200: DryRunResult, ...ERRORS },
      },
    },
    (req) => ruleSets.dryRun(userOf(req), req.params.id),
  )
  app.post(
    '/api/rule-sets/:id/publish',
    {
      config: { access: { permission: 'ruleset:manage' } },
      schema: { tags, params: IdParams, response: { 200: RuleSetRecord, ...ERRORS } },
    },
    (req) => ruleSets.publish(userOf(req), req.params.id),
  )
}

/** Citizens declare for themselves; staff need fact:declare. */
function requireFactRole(role: Role): void {
  if (!can(role, 'fact:declare'))
    throw new DomainError('FORBIDDEN', `role ${role} may not declare facts for others`)
}
