import { IdParams } from '../common.schema.js'
import { DeadJobPage, DeadJobQuery, RetriedJob, RetryJobBody } from '../jobs.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['jobs']

/** Dead letters of the jobs runtime and their retry (docs/jobs.md "Dead letters"). */
export const JobRoutes = {
  dead: defineRoute({
    method: 'GET',
    path: '/api/jobs/dead',
    summary: 'Dead jobs (failed their last attempt), newest first — node operators only',
    query: DeadJobQuery,
    response: { 200: DeadJobPage },
    access: { permission: 'jobs:manage' },
    tags,
  }),
  retry: defineRoute({
    method: 'POST',
    path: '/api/jobs/:id/retry',
    summary: 'Queue a dead job again with fresh attempts, with the reason (audited) — node operators only',
    params: IdParams,
    body: RetryJobBody,
    response: { 200: RetriedJob },
    access: { permission: 'jobs:manage' },
    tags,
  }),
} as const
