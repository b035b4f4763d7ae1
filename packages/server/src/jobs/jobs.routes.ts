import { DeadJobPage, DeadJobQuery, IdParams, RetriedJob, RetryJobBody } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../http/route-kit.js'
import type { JobsService } from './jobs.service.js'

/** Dead letters of the jobs runtime and their retry (docs/jobs.md "Dead letters"). */
export const jobsRoutes: RoutePlugin<{ jobs: JobsService }> = async (app, { jobs }) => {
  const tags = ['jobs']
  app.get(
    '/api/jobs/dead',
    {
      config: { access: { permission: 'jobs:manage' } },
      schema: {
        tags,
        summary: 'Dead jobs (failed their last attempt), newest first — node operators only',
        querystring: DeadJobQuery,
        response: { 200: DeadJobPage, ...ERRORS },
      },
    },
    (req) => jobs.listDead(userOf(req), req.query),
  )
  app.post(
    '/api/jobs/:id/retry',
    {
      config: { access: { permission: 'jobs:manage' } },
      schema: {
        tags,
        summary:
          'Queue a dead job again with fresh attempts, with the reason (audited) — node operators only',
        params: IdParams,
        body: RetryJobBody,
        response: { 200: RetriedJob, ...ERRORS },
      },
    },
    (req) => jobs.retry(userOf(req), req.params.id, req.body.reason),
  )
}
