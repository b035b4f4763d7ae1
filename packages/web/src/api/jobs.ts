/**
 * Dead jobs of the node's jobs runtime (`/api/jobs/…`, docs/jobs.md): calls, query keys and
 * hooks, through the shared `request` of client.ts.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { DeadJobPage, DeadJobQuery, RetriedJob, RetryJobBody } from '@lianfang/contracts'
import { request, toQueryString } from './client'

export const jobsApi = {
  dead: (query: DeadJobQuery) => request<DeadJobPage>('GET', `/api/jobs/dead${toQueryString(query)}`),
  retry: (id: string, body: RetryJobBody) =>
    request<RetriedJob>('POST', `/api/jobs/${encodeURIComponent(id)}/retry`, body),
}

export const jobKeys = {
  /** Every dead-job list (invalidate after a retry). */
  all: ['jobs'] as const,
  dead: (q: DeadJobQuery) => ['jobs', 'dead', q] as const,
}

export function useDeadJobs(q: DeadJobQuery) {
  return useQuery({
    queryKey: jobKeys.dead(q),
    queryFn: () => jobsApi.dead(q),
    placeholderData: keepPreviousData,
  })
}
