/** The keys module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import { KeysService } from './keys.service.js'
import { CodeVerifier } from './code-verifier.js'
import { keysRoutes } from './keys.routes.js'

export { KeysService, STATUS_LIST_ID } from './keys.service.js'
export { CodeVerifier } from './code-verifier.js'
export { keysRoutes } from './keys.routes.js'

export const keysModule = defineModule({
  name: 'keys',
  permissions: ['node:keys'],
  errorCodes: [],
  needs: [],
  services: ({ database, audit, config }) => {
    const keys = new KeysService(database, audit, config.masterSecret, {
      issuer: config.nodeId,
      region: config.nodeRegion,
      codeKeyDays: 90,
      overlapDays: 3,
      trustListDays: 7,
      statusTtlSeconds: 300,
    })
    return { keys, verifier: new CodeVerifier(keys) }
  },
  routes: (app, { keys, verifier }) => app.register(keysRoutes, { keys, verifier }),
})
export { flagStatusChanged } from './status-bits.js'
