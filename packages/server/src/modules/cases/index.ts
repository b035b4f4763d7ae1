/** The cases module's public entry: other code imports it from here only (#15; lint-enforced). */
export { CasesService } from './cases.service.js'
export { ContactsService, type ContactInput } from './contacts.service.js'
export { InvestigationService } from './investigation.service.js'
export { ClustersService } from './clusters.service.js'
export { ChainsService } from './chains.service.js'
export { casesRoutes } from './cases.routes.js'
export { chainsRoutes } from './chains.routes.js'
