/** The EU DCC module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import { DccService } from './dcc.service.js'
import { dccRoutes } from './dcc.routes.js'

export { DccService } from './dcc.service.js'

/** EU Digital COVID Certificates: verification and the node's trust list of signers (#16). */
export const dccModule = defineModule<object, { dcc: DccService }>({
  name: 'dcc',
  permissions: ['code:verify', 'node:keys'],
  errorCodes: [],
  needs: [],
  services: ({ database, audit, config }) => ({ dcc: new DccService(database, audit, config.nodeRegion) }),
  routes: (app, { dcc }) => app.register(dccRoutes, { dcc }),
})
