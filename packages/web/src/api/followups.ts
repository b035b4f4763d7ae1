/**
 * Post-discharge follow-up tasks (`/api/followups`): calls, query keys and hooks, beside the typed
 * client so this work does not touch client.ts or queries.ts. Errors become {@link ApiError} like
 * every other call.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type {
  CancelFollowupBody,
  ErrorResponse,
  FollowupPage,
  FollowupQuery,
  FollowupTask,
  RecordFollowupBody,
} from '@lianfang/contracts'
import { ApiError, toQueryString } from './client'

function isErrorResponse(body: unknown): body is ErrorResponse {
  return (
    typeof body === 'object' &&
    body !== null &&
    'error' in body &&
    typeof body.error === 'object' &&
    body.error !== null &&
    'code' in body.error &&
    typeof body.error.code === 'string' &&
    'message' in body.error &&
    typeof body.error.message === 'string'
  )
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
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
  let parsed: unknown = undefined
  try {
    parsed = await response.json()
  } catch {
    parsed = undefined
  }
  if (!response.ok) {
    if (isErrorResponse(parsed))
      throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.details)
    throw new ApiError(
      response.status,
      `HTTP_${response.status}`,
      response.statusText || `HTTP ${response.status}`,
    )
  }
  // The server validates and filters every response against the same contract schema.
  return parsed as T
}

const path = (id: string) => `/api/followups/${encodeURIComponent(id)}`

export const followupsApi = {
  list: (query: FollowupQuery) => call<FollowupPage>('GET', `/api/followups${toQueryString(query)}`),
  get: (id: string) => call<FollowupTask>('GET', path(id)),
  record: (id: string, body: RecordFollowupBody) => call<FollowupTask>('POST', `${path(id)}/result`, body),
  cancel: (id: string, body: CancelFollowupBody) => call<FollowupTask>('POST', `${path(id)}/cancel`, body),
}

export const followupKeys = {
  /** Every follow-up list and task (invalidate after a change). */
  all: ['followups'] as const,
  list: (q: FollowupQuery) => ['followups', 'list', q] as const,
  detail: (id: string) => ['followups', 'detail', id] as const,
}

export function useFollowups(q: FollowupQuery, enabled = true) {
  return useQuery({
    queryKey: followupKeys.list(q),
    queryFn: () => followupsApi.list(q),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useFollowup(id: string) {
  return useQuery({ queryKey: followupKeys.detail(id), queryFn: () => followupsApi.get(id) })
}
