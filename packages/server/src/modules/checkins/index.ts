/** The check-ins module's public entry: other code imports it from here only (#15; lint-enforced). */
export { CheckinWriter } from './checkin-writer.js'
export { CheckinsService } from './checkins.service.js'
export { VenuesService } from './venues.service.js'
export { PosterService } from './poster.service.js'
export { checkinsRoutes } from './checkins.routes.js'
export { dropExpiredCheckinPartitions } from './retention.js'
