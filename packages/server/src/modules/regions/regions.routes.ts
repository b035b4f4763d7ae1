import { Type } from '@sinclair/typebox'
import { ErrorResponse, Region, RegionCode, RegionNode, RegionTreeQuery } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { RegionsService } from './regions.service.js'

export const regionsRoutes: RoutePlugin<{ regions: RegionsService; nodeRegion: string }> = async (
  app,
  { regions, nodeRegion },
) => {
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
    '/api/citizen/regions/tree',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Public region tree (at most 2 levels per request), for sign-up and trip declarations',
        querystring: RegionTreeQuery,
        response: { 200: RegionNode, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .send(await regions.publicTree(req.query.root ?? nodeRegion, req.query.depth ?? 1)),
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
