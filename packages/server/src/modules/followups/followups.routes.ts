import { FollowupRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { FollowupsService } from './followups.service.js'

/** Post-discharge follow-up and re-examination tasks (docs/followups.md). */
export const followupsRoutes: RoutePlugin<{ followups: FollowupsService }> = async (app, { followups }) => {
  route(app, FollowupRoutes.list, (req) => followups.list(userOf(req), scopeOfRequest(req), req.query))
  route(app, FollowupRoutes.get, (req) => followups.get(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, FollowupRoutes.record, (req) =>
    followups.record(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, FollowupRoutes.cancel, (req) =>
    followups.cancel(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
}
