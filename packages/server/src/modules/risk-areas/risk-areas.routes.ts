import { Type } from '@sinclair/typebox'
import { RiskAreaPeriod, SetRiskLevelBody } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { RiskAreasService } from './risk-areas.service.js'

export const riskAreasRoutes: RoutePlugin<{ riskAreas: RiskAreasService }> = async (app, { riskAreas }) => {
  app.get(
    '/api/risk-areas',
    {
      config: { access: { permission: 'region:read' } },
      schema: { tags: ['risk areas'], response: { 200: Type.Array(RiskAreaPeriod), ...ERRORS } },
    },
    (req) => riskAreas.listRiskAreas(userOf(req)),
  )
  app.post(
    '/api/risk-areas',
    {
      config: { access: { permission: 'risk:manage' } },
      schema: {
        tags: ['risk areas'],
        summary: 'Set an area risk level from a time on',
        body: SetRiskLevelBody,
        response: { 201: RiskAreaPeriod, ...ERRORS },
      },
    },
    async (req, reply) => reply.status(201).send(await riskAreas.setRiskLevel(userOf(req), req.body)),
  )
}
