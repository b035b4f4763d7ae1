import { FactCreated, KeyGroupBody } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { KeyGroupsService } from './key-groups.service.js'

export const keyGroupsRoutes: RoutePlugin<{ keyGroups: KeyGroupsService }> = async (app, { keyGroups }) => {
  app.put(
    '/api/key-groups',
    {
      config: { access: { permission: 'fact:declare' } },
      schema: {
        tags: ['testing'],
        summary: 'Put a person in a 应检尽检 key group with a test interval',
        body: KeyGroupBody,
        response: { 201: FactCreated, ...ERRORS },
      },
    },
    async (req, reply) => reply.status(201).send(await keyGroups.setKeyGroup(userOf(req), req.body)),
  )
}
