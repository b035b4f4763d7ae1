/**
 * Post-discharge follow-up tasks (`/api/followups`): calls, query keys and hooks, through the
 * route contracts (`call` and `queryKeyOf` of call.ts; errors become `ApiError` like every other call).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import {
  FollowupRoutes,
  type CancelFollowupBody,
  type FollowupQuery,
  type RecordFollowupBody,
} from '@lianfang/contracts'
import { call, queryKeyOf } from './call'

export const followupsApi = {
  list: (query: FollowupQuery) => call(FollowupRoutes.list, { query }),
  get: (id: string) => call(FollowupRoutes.get, { params: { id } }),
  record: (id: string, body: RecordFollowupBody) => call(FollowupRoutes.record, { params: { id }, body }),
  cancel: (id: string, body: CancelFollowupBody) => call(FollowupRoutes.cancel, { params: { id }, body }),
}

export const followupKeys = {
  /** Every follow-up list and task (invalidate after a change). */
  all: ['followups'] as const,
  list: (query: FollowupQuery) => queryKeyOf(FollowupRoutes.list, { query }),
  detail: (id: string) => queryKeyOf(FollowupRoutes.get, { params: { id } }),
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
