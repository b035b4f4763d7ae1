/** The quarantine module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService, FactWriter } from '../health-codes/index.js'
import { quarantineFacts } from './quarantine-facts.js'
import { QuarantineService } from './quarantine.service.js'
import { quarantineRoutes } from './quarantine.routes.js'

export { QuarantineService } from './quarantine.service.js'

export const quarantineModule = defineModule<
  { colours: ColourService; factWriter: FactWriter },
  { quarantine: QuarantineService }
>({
  name: 'quarantine',
  permissions: ['quarantine:manage'],
  errorCodes: [],
  needs: ['colours', 'factWriter'],
  services: ({ database, audit, colours, factWriter }) => {
    colours.sources.register(quarantineFacts)
    return { quarantine: new QuarantineService(database, audit, factWriter) }
  },
  routes: (app, { quarantine }) => app.register(quarantineRoutes, { quarantine }),
})
