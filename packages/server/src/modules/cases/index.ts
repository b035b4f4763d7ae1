/** The cases module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService } from '../health-codes/index.js'
import type { QuarantineService } from '../quarantine/index.js'
import type { TestingService } from '../testing/index.js'
import { caseFacts } from './case-facts.js'
import { CasesService } from './cases.service.js'
import { ContactsService } from './contacts.service.js'
import { InvestigationService } from './investigation.service.js'
import { ClustersService } from './clusters.service.js'
import { ChainsService } from './chains.service.js'
import { casesRoutes } from './cases.routes.js'
import { chainsRoutes } from './chains.routes.js'

export { CasesService } from './cases.service.js'
export { ContactsService, type ContactInput } from './contacts.service.js'
export { InvestigationService } from './investigation.service.js'
export { ClustersService } from './clusters.service.js'
export { ChainsService } from './chains.service.js'
export { casesRoutes } from './cases.routes.js'
export { chainsRoutes } from './chains.routes.js'

export const casesModule = defineModule<
  { colours: ColourService; quarantine: QuarantineService; testing: TestingService },
  {
    clusters: ClustersService
    cases: CasesService
    contacts: ContactsService
    investigation: InvestigationService
    chains: ChainsService
  }
>({
  name: 'cases',
  permissions: ['case:read', 'case:write'],
  errorCodes: ['CHAIN_CYCLE', 'CHAIN_SELF_LINK', 'DISCHARGE_CRITERIA_NOT_MET', 'TRANSITION_NOT_ALLOWED'],
  needs: ['colours', 'quarantine', 'testing'],
  services: ({ database, audit, logger, colours, quarantine, testing }) => {
    colours.sources.register(caseFacts)
    const clusters = new ClustersService(database, audit, logger)
    return {
      clusters,
      cases: new CasesService(database, audit, colours, testing, clusters),
      contacts: new ContactsService(database, audit, colours, quarantine),
      investigation: new InvestigationService(database, audit, quarantine),
      chains: new ChainsService(database, audit),
    }
  },
  routes: async (app, { cases, contacts, investigation, clusters, chains }) => {
    await app.register(casesRoutes, { cases, contacts, investigation })
    await app.register(chainsRoutes, { clusters, chains })
  },
})
