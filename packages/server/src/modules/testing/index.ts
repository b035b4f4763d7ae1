/** The testing module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService, FactWriter } from '../health-codes/index.js'
import { testingFacts } from './testing-facts.js'
import { TestingService } from './testing.service.js'
import { testingRoutes } from './testing.routes.js'

export { TestingService } from './testing.service.js'

export const testingModule = defineModule<
  { colours: ColourService; factWriter: FactWriter },
  { testing: TestingService }
>({
  name: 'testing',
  permissions: ['nat:enter'],
  errorCodes: [],
  needs: ['colours', 'factWriter'],
  services: ({ colours, factWriter }) => {
    colours.sources.register(testingFacts)
    return { testing: new TestingService(factWriter) }
  },
  routes: (app, { testing }) => app.register(testingRoutes, { testing }),
})
