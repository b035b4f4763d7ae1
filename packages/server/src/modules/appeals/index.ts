/** The appeals module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService } from '../health-codes/index.js'
import { AppealsService } from './appeals.service.js'
import { appealsRoutes } from './appeals.routes.js'

export { AppealsService } from './appeals.service.js'
export { appealsRoutes } from './appeals.routes.js'

export const appealsModule = defineModule<{ colours: ColourService }, { appeals: AppealsService }>({
  name: 'appeals',
  permissions: ['appeal:review'],
  errorCodes: [],
  needs: ['colours'],
  services: ({ database, audit, colours }) => ({ appeals: new AppealsService(database, audit, colours) }),
  routes: (app, { appeals }) => app.register(appealsRoutes, { appeals }),
})
