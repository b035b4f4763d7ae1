/**
 * Typed client of the Lianfang HTTP API. Request and response types are the static types of
 * the TypeBox schemas in `@lianfang/contracts`, so a contract change breaks the console's build
 * rather than its users. Every non-2xx answer becomes an {@link ApiError} carrying the server's
 * `{ error: { code, message, details } }`.
 */
import type {
  AuditQuery,
  AuditRecord,
  CaseQuery,
  CaseRecord,
  CreateQuarantineOrderBody,
  CreateRuleSetBody,
  CreateCaseBody,
  DecideAppealBody,
  DischargeBody,
  DischargeCheck,
  DryRunResult,
  ErrorResponse,
  FactCreated,
  FeverClinicVisitBody,
  HealthCodeStatus,
  HealthDeclarationBody,
  KeyGroupBody,
  NatResultBody,
  ReclassifyCaseBody,
  RegionTreeQuery,
  RuleSetRecord,
  SetRiskLevelBody,
  TripDeclarationBody,
  UpdateRuleSetBody,
} from '@lianfang/contracts'
import {
  AppealRoutes,
  AuditRoutes,
  KeyGroupRoutes,
  QuarantineRoutes,
  RegionRoutes,
  RiskAreaRoutes,
  TestingRoutes,
} from '@lianfang/contracts'
import { call } from './call'
import type { AppealQuery, CasePage, ColourHistoryEntry } from './types'
import type {
  AssistDirection,
  AssistRequest,
  ContactInput,
  ContactOutcome,
  ContactRow,
  Investigation,
} from './case-types'

/** A page of audit records (`AuditPage` in contracts). */
export interface AuditRecordPage {
  items: AuditRecord[]
  total: number
  page: number
  pageSize: number
}

/** An error answer of the API, or a failure to reach it (`status` 0, code `NETWORK`). */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const error: unknown = body.error
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  )
}

type QueryValue = string | number | boolean | undefined | null

/** `?a=1&b=x` from an object, leaving out empty values. */
export function toQueryString(query: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const s = params.toString()
  return s === '' ? '' : `?${s}`
}

/** One JSON call: errors become {@link ApiError}; shared by every api/*.ts module. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
  }
  if (body !== undefined) init.body = JSON.stringify(body)
  let response: Response
  try {
    response = await fetch(path, init)
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e))
  }
  const text = await response.text()
  let parsed: unknown = undefined
  if (text !== '') {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
  }
  if (!response.ok) {
    if (isErrorResponse(parsed)) {
      throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.details)
    }
    throw new ApiError(
      response.status,
      `HTTP_${response.status}`,
      response.statusText || `HTTP ${response.status}`,
    )
  }
  // The server validates and filters every response against the same contract schema.
  return parsed as T
}

export const api = {
  regionTree: (query: RegionTreeQuery = {}) => call(RegionRoutes.tree, { query }),
  /** The node's region tree for citizens and registration (no region scope). */
  publicRegionTree: (query: RegionTreeQuery = {}) => call(RegionRoutes.publicTree, { query }),

  auditList: (query: AuditQuery) => call(AuditRoutes.list, { query }),
  auditVerify: () => call(AuditRoutes.verify),

  // Health codes: colours and their history.
  myCodeStatus: () => request<HealthCodeStatus>('GET', '/api/codes/me/status'),
  myCodeHistory: () => request<ColourHistoryEntry[]>('GET', '/api/codes/me/history'),
  personCode: (id: string) =>
    request<HealthCodeStatus>('GET', `/api/persons/${encodeURIComponent(id)}/health-code`),
  personCodeHistory: (id: string) =>
    request<ColourHistoryEntry[]>('GET', `/api/persons/${encodeURIComponent(id)}/health-code/history`),

  // Facts the colour is computed from.
  declareHealth: (body: HealthDeclarationBody) =>
    request<FactCreated>('POST', '/api/declarations/health', body),
  declareTrip: (body: TripDeclarationBody) => request<FactCreated>('POST', '/api/declarations/trips', body),
  createQuarantineOrder: (body: CreateQuarantineOrderBody) => call(QuarantineRoutes.create, { body }),
  releaseQuarantineOrder: (id: string) => call(QuarantineRoutes.release, { params: { id } }),
  enterNatResult: (body: NatResultBody) => call(TestingRoutes.enterNatResult, { body }),
  recordFeverClinicVisit: (body: FeverClinicVisitBody) =>
    request<FactCreated>('POST', '/api/fever-clinic-visits', body),
  setKeyGroup: (body: KeyGroupBody) => call(KeyGroupRoutes.set, { body }),

  riskAreas: () => call(RiskAreaRoutes.list),
  setRiskLevel: (body: SetRiskLevelBody) => call(RiskAreaRoutes.setLevel, { body }),

  // Rule sets.
  ruleSetPresets: () => request<RuleSetRecord[]>('GET', '/api/rule-sets/presets'),
  ruleSets: (regionCode?: string) =>
    request<RuleSetRecord[]>('GET', `/api/rule-sets${toQueryString({ regionCode })}`),
  ruleSetInForce: (regionCode?: string) =>
    request<RuleSetRecord>('GET', `/api/rule-sets/in-force${toQueryString({ regionCode })}`),
  createRuleSet: (body: CreateRuleSetBody) => request<RuleSetRecord>('POST', '/api/rule-sets', body),
  updateRuleSet: (id: string, body: UpdateRuleSetBody) =>
    request<RuleSetRecord>('PUT', `/api/rule-sets/${encodeURIComponent(id)}`, body),
  dryRunRuleSet: (id: string) =>
    request<DryRunResult>('POST', `/api/rule-sets/${encodeURIComponent(id)}/dry-run`),
  publishRuleSet: (id: string) =>
    request<RuleSetRecord>('POST', `/api/rule-sets/${encodeURIComponent(id)}/publish`),

  // Appeals (纠错).
  fileAppeal: (statement: string) => call(AppealRoutes.file, { body: { statement } }),
  myAppeals: () => call(AppealRoutes.mine),
  appeals: (query: AppealQuery) => call(AppealRoutes.queue, { query }),
  appeal: (id: string) => call(AppealRoutes.get, { params: { id } }),
  decideAppeal: (id: string, body: DecideAppealBody) => call(AppealRoutes.decide, { params: { id }, body }),

  // Cases, investigation and contacts (流调).
  cases: (query: CaseQuery) => request<CasePage>('GET', `/api/cases${toQueryString(query)}`),
  case: (id: string) => request<CaseRecord>('GET', `/api/cases/${encodeURIComponent(id)}`),
  createCase: (body: CreateCaseBody) => request<CaseRecord>('POST', '/api/cases', body),
  reclassifyCase: (id: string, body: ReclassifyCaseBody) =>
    request<CaseRecord>('POST', `/api/cases/${encodeURIComponent(id)}/reclassify`, body),
  dischargeCheck: (id: string) =>
    request<DischargeCheck>('GET', `/api/cases/${encodeURIComponent(id)}/discharge-check`),
  dischargeCase: (id: string, body: DischargeBody) =>
    request<CaseRecord>('POST', `/api/cases/${encodeURIComponent(id)}/discharge`, body),
  investigation: (id: string, bufferMinutes: number) =>
    request<Investigation>(
      'GET',
      `/api/cases/${encodeURIComponent(id)}/investigation${toQueryString({ bufferMinutes })}`,
    ),
  caseContacts: (id: string) => request<ContactRow[]>('GET', `/api/cases/${encodeURIComponent(id)}/contacts`),
  confirmContacts: (id: string, contacts: ContactInput[]) =>
    request<ContactOutcome[]>('POST', `/api/cases/${encodeURIComponent(id)}/contacts`, { contacts }),
  assistRequests: (direction: AssistDirection) =>
    request<AssistRequest[]>('GET', `/api/assist-requests${toQueryString({ direction })}`),
}
