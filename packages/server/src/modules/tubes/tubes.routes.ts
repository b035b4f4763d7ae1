import { LabRoutes, ShipmentRoutes, TestAlertRoutes, TubeRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import { tableFile } from '../../export/table-export.js'
import type { TubesService } from './tubes.service.js'
import type { LabsService } from './labs.service.js'
import type { LabResultsService } from './results.service.js'
import type { TestAlertsService } from './alerts.service.js'

export type TubesRouteServices = {
  readonly tubes: TubesService
  readonly labs: LabsService
  readonly labResults: LabResultsService
  readonly testAlerts: TestAlertsService
}

/** Tubes, shipments, labs and alerts (contracts: `routes/tubes.routes.ts`). */
export const tubesRoutes: RoutePlugin<TubesRouteServices> = async (app, s) => {
  const { tubes, labs, labResults, testAlerts } = s
  route(app, TubeRoutes.create, (req) => tubes.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, TubeRoutes.list, (req) => tubes.list(scopeOfRequest(req), req.query))
  route(app, TubeRoutes.get, (req) => tubes.get(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, TubeRoutes.addMember, (req) =>
    tubes.addMember(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, TubeRoutes.close, (req) => tubes.close(userOf(req), scopeOfRequest(req), req.params.id))

  route(app, ShipmentRoutes.create, (req) => labs.createShipment(userOf(req), scopeOfRequest(req), req.body))
  route(app, ShipmentRoutes.list, (req) => labs.shipments(scopeOfRequest(req), req.query))
  route(app, ShipmentRoutes.get, (req) => labs.sentShipment(scopeOfRequest(req), req.params.id))
  route(
    app,
    ShipmentRoutes.manifest,
    async (req, reply) => {
      const m = await labs.manifest(userOf(req), scopeOfRequest(req), req.params.id)
      return tableFile(reply, `manifest-${m.code}`, m.table, 'csv')
    },
    { produces: ['text/csv'] },
  )

  route(app, LabRoutes.list, (req) => labs.list(scopeOfRequest(req)))
  route(app, LabRoutes.create, (req) => labs.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, LabRoutes.update, (req) =>
    labs.update(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, LabRoutes.addStaff, (req) =>
    labs.addStaff(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, LabRoutes.shipments, (req) => labs.labShipments(userOf(req), req.query))
  route(app, LabRoutes.shipment, (req) => labs.labShipment(userOf(req), req.params.id))
  route(app, LabRoutes.receive, (req) => labs.receive(userOf(req), req.body.code))
  route(app, LabRoutes.enterResult, (req) => labResults.enter(userOf(req), req.body))

  route(app, TestAlertRoutes.list, (req) => testAlerts.list(scopeOfRequest(req), req.query))
  route(app, TestAlertRoutes.count, (req) => testAlerts.count(scopeOfRequest(req)))
  route(app, TestAlertRoutes.acknowledge, (req) =>
    testAlerts.acknowledge(userOf(req), scopeOfRequest(req), req.params.id),
  )
}
