/**
 * Dead jobs of the node's jobs runtime (`/api/jobs/…`, docs/jobs.md): calls, query keys and
 * hooks, through the route contracts (`call` and `queryKeyOf` of call.ts).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { JobRoutes, type DeadJobQuery, type RetryJobBody } from '@lianfang/contracts'
import { call, queryKeyOf } from './call'

export const jobsApi = {
  dead: (query: DeadJobQuery) => call(JobRoutes.dead, { query }),
  retry: (id: string, body: RetryJobBody) => call(JobRoutes.retry, { params: { id }, body }),
}

export const jobKeys = {
  /** Every dead-job list (invalidate after a retry). */
  all: ['jobs'] as const,
  dead: (query: DeadJobQuery) => queryKeyOf(JobRoutes.dead, { query }),
}

export function useDeadJobs(q: DeadJobQuery) {
  return useQuery({
    queryKey: jobKeys.dead(q),
    queryFn: () => jobsApi.dead(q),
    placeholderData: keepPreviousData,
  })
}
