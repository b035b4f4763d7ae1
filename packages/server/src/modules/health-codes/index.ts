/** The health-codes module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { CodeVerifier, KeysService } from '../keys/index.js'
import { CodesService } from './codes.service.js'
import { ColourService } from './colour.service.js'
import { FactsService } from './facts.service.js'
import { RuleSetsService } from './rule-sets.service.js'
import { healthCodesRoutes } from './health-codes.routes.js'

export { CodesService } from './codes.service.js'
export { ColourService } from './colour.service.js'
export { ColourWorker, registerColourJobs } from './colour-worker.js'
export { FactsService } from './facts.service.js'
export { loadHealthFacts } from './facts.repository.js'
export { RuleSetsService } from './rule-sets.service.js'
export { resolveRuleSets } from './rule-sets.repository.js'
export { healthCodesRoutes } from './health-codes.routes.js'

export const healthCodesModule = defineModule<
  { keys: KeysService; verifier: CodeVerifier },
  { colours: ColourService; facts: FactsService; ruleSets: RuleSetsService; codes: CodesService }
>({
  name: 'health-codes',
  permissions: [
    'code:read',
    'code:verify',
    'fact:declare',
    'nat:enter',
    'quarantine:manage',
    'region:read',
    'risk:manage',
    'ruleset:manage',
  ],
  errorCodes: [],
  needs: ['keys', 'verifier'],
  services: ({ database, audit, keys, verifier }) => {
    const colours = new ColourService(database)
    return {
      colours,
      facts: new FactsService(database, audit, colours),
      ruleSets: new RuleSetsService(database, audit, colours),
      codes: new CodesService(database, audit, colours, keys, verifier),
    }
  },
  routes: (app, { codes, facts, ruleSets }) => app.register(healthCodesRoutes, { codes, facts, ruleSets }),
})
