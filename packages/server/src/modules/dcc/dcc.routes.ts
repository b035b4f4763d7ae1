import { DccRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { DccService } from './dcc.service.js'

export const dccRoutes: RoutePlugin<{ dcc: DccService }> = async (app, { dcc }) => {
  route(app, DccRoutes.verify, (req) => dcc.verify(userOf(req), req.body.qr))
  route(app, DccRoutes.signers, async (req) => {
    userOf(req)
    return dcc.signers()
  })
  route(app, DccRoutes.addSigner, (req) => dcc.add(userOf(req), req.body))
  route(app, DccRoutes.removeSigner, (req) => dcc.remove(userOf(req), req.params.id, req.body))
}
