import { defineModule } from '../kernel/module.js'
import type { KeysService } from '../modules/keys/index.js'
import { auditRoutes } from './audit.routes.js'
import { AuditHeadService } from './audit-head.js'
import { auditHeadRoutes } from './audit-head.routes.js'

/** The audit log's routes: the (scoped) list, the chain check and the signed head. */
export const auditModule = defineModule<{ keys: KeysService }, { auditHeads: AuditHeadService }>({
  name: 'audit',
  permissions: ['audit:read'],
  errorCodes: [],
  needs: ['keys'],
  services: ({ database, config, keys }) => ({
    auditHeads: new AuditHeadService(database, keys, config.nodeId),
  }),
  routes: async (app, { audit, auditHeads, config }) => {
    await app.register(auditRoutes, { audit, nodeRegion: config.nodeRegion })
    await app.register(auditHeadRoutes, {
      heads: auditHeads,
      nodeRegion: config.nodeRegion,
      metricsToken: config.metricsToken,
    })
  },
})
