/** The appeals module's public entry: other code imports it from here only (#15; lint-enforced). */
export { AppealsService } from './appeals.service.js'
export { appealsRoutes } from './appeals.routes.js'
