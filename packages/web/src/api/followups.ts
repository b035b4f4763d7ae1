/**
 * Post-discharge follow-up tasks (`/api/followups`): calls, query keys and hooks, through the
 * shared `request` of client.ts (errors become `ApiError` like every other call).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type {
  CancelFollowupBody,
  FollowupPage,
  FollowupQuery,
  FollowupTask,
  RecordFollowupBody,
} from '@lianfang/contracts'
import { request, toQueryString } from './client'

const call = request

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
