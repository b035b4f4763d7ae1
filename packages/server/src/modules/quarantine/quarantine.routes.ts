import { Type } from '@sinclair/typebox'
import { CreateQuarantineOrderBody, IdParams, QuarantineOrder } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { QuarantineService } from './quarantine.service.js'

export const quarantineRoutes: RoutePlugin<{ quarantine: QuarantineService }> = async (
  app,
  { quarantine },
) => {
  const tags = ['quarantine']
  app.post(
    '/api/quarantine-orders',
    {
      config: { access: { permission: 'quarantine:manage' } },
      schema: { tags, body: CreateQuarantineOrderBody, response: { 201: QuarantineOrder, ...ERRORS } },
    },
    async (req, reply) => reply.status(201).send(await quarantine.createOrder(userOf(req), req.body)),
  )
  app.get(
    '/api/persons/:id/quarantine-orders',
    {
      config: { access: { permission: 'quarantine:manage' } },
      schema: { tags, params: IdParams, response: { 200: Type.Array(QuarantineOrder), ...ERRORS } },
    },
    (req) => quarantine.ordersOf(userOf(req), req.params.id),
  )
  app.post(
    '/api/quarantine-orders/:id/release',
    {
      config: { access: { permission: 'quarantine:manage' } },
      schema: { tags, params: IdParams, response: { 200: QuarantineOrder, ...ERRORS } },
    },
    (req) => quarantine.release(userOf(req), req.params.id),
  )
}
