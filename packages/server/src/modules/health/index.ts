/** The health (liveness, readiness, metrics) module's public entry (#15; lint-enforced). */
export { healthRoutes } from './health.routes.js'
