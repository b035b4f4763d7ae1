import { JobRoutes } from '@lianfang/contracts'
import { route } from '../http/contract-route.js'
import { userOf, type RoutePlugin } from '../http/route-kit.js'
import type { JobsService } from './jobs.service.js'

/** Dead letters of the jobs runtime and their retry (docs/jobs.md "Dead letters"). */
export const jobsRoutes: RoutePlugin<{ jobs: JobsService }> = async (app, { jobs }) => {
  route(app, JobRoutes.dead, (req) => jobs.listDead(userOf(req), req.query))
  route(app, JobRoutes.retry, (req) => jobs.retry(userOf(req), req.params.id, req.body.reason))
}
