/** The health-codes module's public entry: other code imports it from here only (#15; lint-enforced). */
export { CodesService } from './codes.service.js'
export { ColourService } from './colour.service.js'
export { ColourWorker } from './colour-worker.js'
export { FactsService } from './facts.service.js'
export { loadHealthFacts } from './facts.repository.js'
export { RuleSetsService } from './rule-sets.service.js'
export { resolveRuleSets } from './rule-sets.repository.js'
export { healthCodesRoutes } from './health-codes.routes.js'
