import { KeyGroupRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { KeyGroupsService } from './key-groups.service.js'
import type { OverdueService } from './overdue.service.js'

export const keyGroupsRoutes: RoutePlugin<{ keyGroups: KeyGroupsService; overdue: OverdueService }> = async (
  app,
  { keyGroups, overdue },
) => {
  route(app, KeyGroupRoutes.set, (req) => keyGroups.setKeyGroup(userOf(req), req.body))
  route(app, KeyGroupRoutes.list, (req) => keyGroups.list(userOf(req), scopeOfRequest(req)))
  route(app, KeyGroupRoutes.createLocal, (req) =>
    keyGroups.createLocal(userOf(req), scopeOfRequest(req), req.body),
  )
  route(app, KeyGroupRoutes.overdue, (req) => overdue.list(userOf(req), scopeOfRequest(req), req.query))
  route(app, KeyGroupRoutes.notify, (req) => overdue.notify(userOf(req), scopeOfRequest(req), req.body))
}
