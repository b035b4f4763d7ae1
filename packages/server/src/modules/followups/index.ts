/** The follow-ups module's public entry: other code imports it from here only (#15; lint-enforced). */
export { FollowupsService } from './followups.service.js'
export { followupsRoutes } from './followups.routes.js'
export { scheduleFollowups } from './schedule-followups.js'
