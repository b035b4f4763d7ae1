import { Type } from '@sinclair/typebox'
import { Region, RegionCode, RegionNode, RegionTreeQuery } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { RegionsService } from './regions.service.js'

export const regionsRoutes: RoutePlugin<{ regions: RegionsService }> = async (app, { regions }) => {
  const tags = ['regions']
  app.get(
    '/api/regions/tree',
    {
      config: { access: { permission: 'region:read' } },
      schema: {
        tags,
        summary: 'Region hierarchy under a root (default: your region)',
        querystring: RegionTreeQuery,
        response: { 200: RegionNode, ...ERRORS },
      },
    },
    (req) => regions.tree(userOf(req), req.query.root, req.query.depth ?? 4),
  )
  app.get(
    '/api/regions/:code',
    {
      config: { access: { permission: 'region:read' } },
      schema: {
        tags,
        params: Type.Object({ code: RegionCode }, { additionalProperties: false }),
        response: { 200: Region, ...ERRORS },
      },
    },
    (req) => regions.get(userOf(req), req.params.code),
  )
}
