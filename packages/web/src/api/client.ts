/**
 * Typed client of the Lianfang HTTP API. Request and response types are the static types of
 * the TypeBox schemas in `@lianfang/contracts`, so a contract change breaks the console's build
 * rather than its users. Every non-2xx answer becomes an {@link ApiError} carrying the server's
 * `{ error: { code, message, details } }`.
 */
import type {
  AuditQuery,
  AuditRecord,
  CreateQuarantineOrderBody,
  DecideAppealBody,
  ErrorResponse,
  KeyGroupBody,
  NatResultBody,
  RegionTreeQuery,
  SetRiskLevelBody,
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
import type { AppealQuery } from './types'

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

  // Facts the colour is computed from (declarations and fever-clinic visits: `DeclarationRoutes`;
  // health codes and rule sets: `HealthCodeRoutes`, `RuleSetRoutes`, called with `call`).
  createQuarantineOrder: (body: CreateQuarantineOrderBody) => call(QuarantineRoutes.create, { body }),
  releaseQuarantineOrder: (id: string) => call(QuarantineRoutes.release, { params: { id } }),
  enterNatResult: (body: NatResultBody) => call(TestingRoutes.enterNatResult, { body }),
  setKeyGroup: (body: KeyGroupBody) => call(KeyGroupRoutes.set, { body }),

  riskAreas: () => call(RiskAreaRoutes.list),
  setRiskLevel: (body: SetRiskLevelBody) => call(RiskAreaRoutes.setLevel, { body }),

  // Appeals (纠错).
  fileAppeal: (statement: string) => call(AppealRoutes.file, { body: { statement } }),
  myAppeals: () => call(AppealRoutes.mine),
  appeals: (query: AppealQuery) => call(AppealRoutes.queue, { query }),
  appeal: (id: string) => call(AppealRoutes.get, { params: { id } }),
  decideAppeal: (id: string, body: DecideAppealBody) => call(AppealRoutes.decide, { params: { id }, body }),
}
