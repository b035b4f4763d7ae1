import { RegionRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, type RoutePlugin } from '../../http/route-kit.js'
import type { RegionsService } from './regions.service.js'

export const regionsRoutes: RoutePlugin<{ regions: RegionsService; nodeRegion: string }> = async (
  app,
  { regions, nodeRegion },
) => {
  route(app, RegionRoutes.tree, (req) =>
    regions.tree(scopeOfRequest(req), req.query.root, req.query.depth ?? 4),
  )
  route(app, RegionRoutes.publicTree, (req, reply) => {
    reply.header('cache-control', 'public, max-age=3600')
    return regions.publicTree(req.query.root ?? nodeRegion, req.query.depth ?? 1)
  })
  route(app, RegionRoutes.get, (req) => regions.get(scopeOfRequest(req), req.params.code))
}
