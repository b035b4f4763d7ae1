/** The testing module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService, FactWriter } from '../health-codes/index.js'
import type { CodeVerifier, KeysService } from '../keys/index.js'
import { testingFacts } from './testing-facts.js'
import { TestingService } from './testing.service.js'
import { testingRoutes } from './testing.routes.js'
import { SignedResultsService } from './signed-results.service.js'
import { signedResultsRoutes } from './signed-results.routes.js'

export { TestingService } from './testing.service.js'
export { SignedResultsService } from './signed-results.service.js'

export const testingModule = defineModule<
  { colours: ColourService; factWriter: FactWriter; keys: KeysService; verifier: CodeVerifier },
  { testing: TestingService; signedResults: SignedResultsService }
>({
  name: 'testing',
  permissions: ['nat:enter', 'code:verify', 'person:read'],
  errorCodes: ['RESULT_INVALID', 'RESULT_NOT_YOURS', 'RESULT_EXISTS'],
  needs: ['colours', 'factWriter', 'keys', 'verifier'],
  services: ({ database, audit, colours, factWriter, keys, verifier }) => {
    colours.sources.register(testingFacts)
    return {
      testing: new TestingService(factWriter),
      signedResults: new SignedResultsService(database, audit, factWriter, colours, keys, verifier),
    }
  },
  routes: async (app, { testing, signedResults }) => {
    await app.register(testingRoutes, { testing })
    await app.register(signedResultsRoutes, { signedResults })
  },
})
