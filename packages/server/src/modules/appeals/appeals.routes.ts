import { AppealRoutes } from '@lianfang/contracts'
import { DomainError } from '@lianfang/core'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { AppealsService } from './appeals.service.js'

export const appealsRoutes: RoutePlugin<{ appeals: AppealsService }> = async (app, { appeals }) => {
  route(app, AppealRoutes.file, (req) => {
    const user = userOf(req)
    if (user.role !== 'citizen')
      throw new DomainError('FORBIDDEN', 'appeals are filed by citizens for their own code')
    return appeals.file(user, scopeOfRequest(req), req.body.statement)
  })
  route(app, AppealRoutes.mine, (req) => appeals.mine(scopeOfRequest(req)))
  route(app, AppealRoutes.queue, (req) =>
    appeals.queue(
      userOf(req),
      scopeOfRequest(req),
      req.query.status,
      req.query.page ?? 1,
      req.query.pageSize ?? 20,
    ),
  )
  route(app, AppealRoutes.get, (req) => appeals.get(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, AppealRoutes.decide, (req) =>
    appeals.decide(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
}
