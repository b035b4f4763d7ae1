import { FactCreated, NatResultBody } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { TestingService } from './testing.service.js'

export const testingRoutes: RoutePlugin<{ testing: TestingService }> = async (app, { testing }) => {
  app.post(
    '/api/nat-results',
    {
      config: { access: { permission: 'nat:enter' } },
      schema: {
        tags: ['testing'],
        summary: 'A nucleic-acid test result for a person',
        body: NatResultBody,
        response: { 201: FactCreated, ...ERRORS },
      },
    },
    async (req, reply) => reply.status(201).send(await testing.recordNatResult(userOf(req), req.body)),
  )
}
