import { RiskAreaRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { RiskAreasService } from './risk-areas.service.js'

export const riskAreasRoutes: RoutePlugin<{ riskAreas: RiskAreasService }> = async (app, { riskAreas }) => {
  route(app, RiskAreaRoutes.list, (req) => riskAreas.listRiskAreas(scopeOfRequest(req)))
  route(app, RiskAreaRoutes.setLevel, (req) =>
    riskAreas.setRiskLevel(userOf(req), scopeOfRequest(req), req.body),
  )
}
