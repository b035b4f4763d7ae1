/** The follow-ups module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService } from '../health-codes/index.js'
import type { TestingService } from '../testing/index.js'
import { FollowupsService } from './followups.service.js'
import { followupsRoutes } from './followups.routes.js'

export { FollowupsService } from './followups.service.js'
export { followupsRoutes } from './followups.routes.js'
export { scheduleFollowups } from './schedule-followups.js'

export const followupsModule = defineModule<
  { colours: ColourService; testing: TestingService },
  { followups: FollowupsService }
>({
  name: 'followups',
  permissions: ['followup:read', 'followup:record'],
  errorCodes: ['TRANSITION_NOT_ALLOWED'],
  needs: ['colours', 'testing'],
  services: ({ database, audit, colours, testing }) => ({
    followups: new FollowupsService(database, audit, colours, testing),
  }),
  routes: (app, { followups }) => app.register(followupsRoutes, { followups }),
})
