import { TestingRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { TestingService } from './testing.service.js'

export const testingRoutes: RoutePlugin<{ testing: TestingService }> = async (app, { testing }) => {
  route(app, TestingRoutes.enterNatResult, (req) => testing.recordNatResult(userOf(req), req.body))
  route(app, TestingRoutes.enterAntibodyResult, (req) => testing.recordAntibodyResult(userOf(req), req.body))
}
