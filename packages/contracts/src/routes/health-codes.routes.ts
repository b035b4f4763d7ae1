import { Type } from '@sinclair/typebox'
import { IdParams } from '../common.schema.js'
import {
  CodeVerification,
  ColourHistoryEntry,
  CreateRuleSetBody,
  DryRunResult,
  FactCreated,
  FeverClinicVisitBody,
  HealthCodeStatus,
  HealthDeclarationBody,
  MyHealthCode,
  RuleSetQuery,
  RuleSetRecord,
  TripDeclarationBody,
  UpdateRuleSetBody,
  VerifyCodeBody,
} from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

const codeTags = ['health codes']

/** Health codes: a citizen's own signed code and colour, a person's (staff), online verification. */
export const HealthCodeRoutes = {
  mine: defineRoute({
    method: 'GET',
    path: '/api/codes/me',
    summary: 'My signed health code (LF1 QR text) with colour, reasons and actions',
    response: { 200: MyHealthCode },
    access: { authenticated: true },
    tags: codeTags,
  }),
  verify: defineRoute({
    method: 'POST',
    path: '/api/codes/verify',
    summary: 'Verify a presented LF1 code (online checkpoint)',
    body: VerifyCodeBody,
    response: { 200: CodeVerification },
    access: { permission: 'code:verify' },
    tags: codeTags,
  }),
  myStatus: defineRoute({
    method: 'GET',
    path: '/api/codes/me/status',
    summary: 'My colour with reasons and actions',
    response: { 200: HealthCodeStatus },
    access: { authenticated: true },
    tags: codeTags,
  }),
  myHistory: defineRoute({
    method: 'GET',
    path: '/api/codes/me/history',
    response: { 200: Type.Array(ColourHistoryEntry) },
    access: { authenticated: true },
    tags: codeTags,
  }),
  ofPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/health-code',
    params: IdParams,
    response: { 200: HealthCodeStatus },
    access: { permission: 'code:read' },
    tags: codeTags,
  }),
  historyOfPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/health-code/history',
    params: IdParams,
    response: { 200: Type.Array(ColourHistoryEntry) },
    access: { permission: 'code:read' },
    tags: codeTags,
  }),
} as const

const declarationTags = ['declarations']

/**
 * The facts health codes own: declarations (a citizen's own, or staff with `fact:declare` for a
 * person in their region — the handler checks the role) and fever-clinic visits.
 */
export const DeclarationRoutes = {
  health: defineRoute({
    method: 'POST',
    path: '/api/declarations/health',
    summary: 'Health declaration (健康申报): temperature and symptoms',
    body: HealthDeclarationBody,
    response: { 201: FactCreated },
    access: { authenticated: true },
    tags: declarationTags,
  }),
  trip: defineRoute({
    method: 'POST',
    path: '/api/declarations/trips',
    summary: 'Trip declaration (行程申报)',
    body: TripDeclarationBody,
    response: { 201: FactCreated },
    access: { authenticated: true },
    tags: declarationTags,
  }),
  feverClinicVisit: defineRoute({
    method: 'POST',
    path: '/api/fever-clinic-visits',
    body: FeverClinicVisitBody,
    response: { 201: FactCreated },
    access: { permission: 'fact:declare' },
    tags: declarationTags,
  }),
} as const

const ruleSetTags = ['rule sets']
const readRegion = { permission: 'region:read' } as const
const manage = { permission: 'ruleset:manage' } as const

/** Rule sets as versioned data per region: drafted, edited, run dry, published. */
export const RuleSetRoutes = {
  presets: defineRoute({
    method: 'GET',
    path: '/api/rule-sets/presets',
    response: { 200: Type.Array(RuleSetRecord) },
    access: readRegion,
    tags: ruleSetTags,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/rule-sets',
    query: RuleSetQuery,
    response: { 200: Type.Array(RuleSetRecord) },
    access: readRegion,
    tags: ruleSetTags,
  }),
  inForce: defineRoute({
    method: 'GET',
    path: '/api/rule-sets/in-force',
    query: RuleSetQuery,
    response: { 200: RuleSetRecord },
    access: readRegion,
    tags: ruleSetTags,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/rule-sets',
    body: CreateRuleSetBody,
    response: { 201: RuleSetRecord },
    access: manage,
    tags: ruleSetTags,
  }),
  // update, dryRun and publish in this order: a published rule set is no longer editable.
  update: defineRoute({
    method: 'PUT',
    path: '/api/rule-sets/:id',
    params: IdParams,
    body: UpdateRuleSetBody,
    response: { 200: RuleSetRecord },
    access: manage,
    tags: ruleSetTags,
  }),
  dryRun: defineRoute({
    method: 'POST',
    path: '/api/rule-sets/:id/dry-run',
    summary: 'How many persons, and which, would change colour',
    params: IdParams,
    response: { 200: DryRunResult },
    access: manage,
    tags: ruleSetTags,
  }),
  publish: defineRoute({
    method: 'POST',
    path: '/api/rule-sets/:id/publish',
    params: IdParams,
    response: { 200: RuleSetRecord },
    access: manage,
    tags: ruleSetTags,
  }),
} as const
