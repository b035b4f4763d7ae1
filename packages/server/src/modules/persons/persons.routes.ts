import { PersonRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { userOf, scopeOfRequest, type RoutePlugin } from '../../http/route-kit.js'
import type { PersonsService } from './persons.service.js'
import type { WorkUnitsService } from './work-units.service.js'

export const personsRoutes: RoutePlugin<{ persons: PersonsService; workUnits: WorkUnitsService }> = async (
  app,
  { persons, workUnits },
) => {
  route(app, PersonRoutes.search, (req) => persons.search(userOf(req), scopeOfRequest(req), req.query))
  route(app, PersonRoutes.get, (req) => persons.get(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, PersonRoutes.create, (req) => persons.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, PersonRoutes.update, (req) =>
    persons.update(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, PersonRoutes.verifyPhone, (req) =>
    persons.verifyPhone(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, PersonRoutes.unmask, (req) =>
    persons.unmask(userOf(req), scopeOfRequest(req), req.params.id, req.body.reason),
  )
  route(app, PersonRoutes.mine, (req) => persons.getOwn(userOf(req), scopeOfRequest(req)))
  route(app, PersonRoutes.createHousehold, (req) =>
    persons.createHousehold(userOf(req), scopeOfRequest(req), req.body),
  )
  route(app, PersonRoutes.getHousehold, (req) =>
    persons.getHousehold(userOf(req), scopeOfRequest(req), req.params.id),
  )
  route(app, PersonRoutes.listUnits, (req) => workUnits.list(scopeOfRequest(req), req.params.id))
  route(app, PersonRoutes.createUnit, (req) =>
    workUnits.create(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
}
