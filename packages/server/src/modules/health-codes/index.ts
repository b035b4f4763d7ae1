/** The health-codes module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { CodeVerifier, KeysService } from '../keys/index.js'
import { CodesService } from './codes.service.js'
import { ColourService } from './colour.service.js'
import { FactsService } from './facts.service.js'
import { FactSources } from './fact-sources.js'
import { FactWriter } from './fact-writer.js'
import { declarationFacts } from './declaration-facts.js'
import { RuleSetsService } from './rule-sets.service.js'
import { healthCodesRoutes } from './health-codes.routes.js'
import { registerColourJobs } from './colour-worker.js'

export { CodesService } from './codes.service.js'
export { ColourService } from './colour.service.js'
export { registerColourJobs } from './colour-worker.js'
export { FactsService } from './facts.service.js'
export {
  FactSources,
  FactsDrafts,
  type CorrectableFact,
  type FactSource,
  type FactsDraft,
  type TripDraft,
} from './fact-sources.js'
export { FactWriter, type FactTarget } from './fact-writer.js'
export { RuleSetsService } from './rule-sets.service.js'
export { resolveRuleSets } from './rule-sets.repository.js'
export { healthCodesRoutes } from './health-codes.routes.js'

export const healthCodesModule = defineModule<
  { keys: KeysService; verifier: CodeVerifier },
  {
    colours: ColourService
    factWriter: FactWriter
    facts: FactsService
    ruleSets: RuleSetsService
    codes: CodesService
  }
>({
  name: 'health-codes',
  permissions: ['code:read', 'code:verify', 'fact:declare', 'region:read', 'ruleset:manage'],
  errorCodes: [],
  needs: ['keys', 'verifier'],
  services: ({ database, audit, keys, verifier }) => {
    // Each domain registers the loader of its own facts here when it is built (#15).
    const sources = new FactSources()
    sources.register(declarationFacts)
    const colours = new ColourService(database, sources)
    const factWriter = new FactWriter(database, audit, colours)
    return {
      colours,
      factWriter,
      facts: new FactsService(factWriter),
      ruleSets: new RuleSetsService(database, audit, colours),
      codes: new CodesService(database, audit, colours, keys, verifier),
    }
  },
  routes: (app, { codes, facts, ruleSets }) => app.register(healthCodesRoutes, { codes, facts, ruleSets }),
  jobs: (jobs, { colours }, log) => {
    registerColourJobs(jobs, colours, log)
  },
})
