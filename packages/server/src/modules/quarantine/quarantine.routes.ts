import { QuarantineRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { QuarantineService } from './quarantine.service.js'

export const quarantineRoutes: RoutePlugin<{ quarantine: QuarantineService }> = async (
  app,
  { quarantine },
) => {
  route(app, QuarantineRoutes.create, (req) =>
    quarantine.createOrder(userOf(req), scopeOfRequest(req), req.body),
  )
  route(app, QuarantineRoutes.ofPerson, (req) =>
    quarantine.ordersOf(userOf(req), scopeOfRequest(req), req.params.id),
  )
  route(app, QuarantineRoutes.release, (req) =>
    quarantine.release(userOf(req), scopeOfRequest(req), req.params.id),
  )
}
