import { KeyGroupRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { KeyGroupsService } from './key-groups.service.js'

export const keyGroupsRoutes: RoutePlugin<{ keyGroups: KeyGroupsService }> = async (app, { keyGroups }) => {
  route(app, KeyGroupRoutes.set, (req) => keyGroups.setKeyGroup(userOf(req), req.body))
}
