import { KeyRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { KeysService } from './keys.service.js'
import type { CodeVerifier } from './code-verifier.js'

export const keysRoutes: RoutePlugin<{ keys: KeysService; verifier: CodeVerifier }> = async (
  app,
  { keys, verifier },
) => {
  // A key change sent without a body is checked like an empty one: 403 for a non-operator, 400
  // naming `confirm` and `reason` for an operator (rather than "body must be object"). The POSTs
  // of this plugin are the two key changes.
  app.addHook('preValidation', async (req) => {
    if (req.method === 'POST') req.body ??= {}
  })

  // Public: offline verifiers fetch the lists and pin the root without a session.
  route(app, KeyRoutes.trustList, async (_req, reply) => {
    const bytes = await keys.trustList()
    reply.header('content-type', 'application/cose').header('cache-control', 'public, max-age=600')
    return Buffer.from(bytes)
  })
  route(app, KeyRoutes.root, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=3600')
    return keys.root()
  })
  route(app, KeyRoutes.statusList, async (_req, reply) => {
    const bytes = await keys.statusList()
    reply
      .header('content-type', 'application/cose')
      .header('cache-control', `public, max-age=${String(Math.min(60, keys.policy.statusTtlSeconds))}`)
    return Buffer.from(bytes)
  })

  route(app, KeyRoutes.list, async (req) => {
    userOf(req)
    return keys.list()
  })
  route(app, KeyRoutes.access, (req) => ({
    nodeRegion: keys.policy.region,
    operator: keys.isOperator(userOf(req)),
  }))
  route(app, KeyRoutes.rotate, async (req) => {
    const list = await keys.rotate(userOf(req), req.body)
    verifier.invalidate()
    return list
  })
  route(app, KeyRoutes.revoke, async (req) => {
    const list = await keys.revoke(userOf(req), req.params.kid, req.body)
    verifier.invalidate()
    return list
  })
}
