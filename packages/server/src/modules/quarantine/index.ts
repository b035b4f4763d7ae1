/** The quarantine module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService, FactWriter } from '../health-codes/index.js'
import type { SamplingService } from '../sampling/index.js'
import { quarantineFacts } from './quarantine-facts.js'
import { QuarantineService } from './quarantine.service.js'
import { quarantineRoutes } from './quarantine.routes.js'

export { QuarantineService } from './quarantine.service.js'

export const quarantineModule = defineModule<
  { colours: ColourService; factWriter: FactWriter; sampling: SamplingService },
  { quarantine: QuarantineService }
>({
  name: 'quarantine',
  permissions: ['quarantine:manage'],
  errorCodes: [],
  needs: ['colours', 'factWriter', 'sampling'],
  services: ({ database, audit, colours, factWriter, sampling }) => {
    colours.sources.register(quarantineFacts)
    return { quarantine: new QuarantineService(database, audit, factWriter, sampling) }
  },
  routes: (app, { quarantine }) => app.register(quarantineRoutes, { quarantine }),
})
