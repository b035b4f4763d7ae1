/** The health (liveness, readiness, metrics) module's public entry (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import { healthRoutes } from './health.routes.js'

export { healthRoutes } from './health.routes.js'

export const healthModule = defineModule({
  name: 'health',
  permissions: [],
  errorCodes: [],
  needs: [],
  services: () => ({}),
  routes: (app, { database }, { config, registry }) =>
    app.register(healthRoutes, {
      database,
      registry,
      metricsAllow: config.metricsAllow,
      metricsToken: config.metricsToken,
    }),
})
