/** The risk-areas module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService } from '../health-codes/index.js'
import { riskAreaFacts } from './risk-area-facts.js'
import { RiskAreasService } from './risk-areas.service.js'
import { riskAreasRoutes } from './risk-areas.routes.js'

export { RiskAreasService } from './risk-areas.service.js'

export const riskAreasModule = defineModule<{ colours: ColourService }, { riskAreas: RiskAreasService }>({
  name: 'risk-areas',
  permissions: ['region:read', 'risk:manage'],
  errorCodes: [],
  needs: ['colours'],
  services: ({ database, audit, colours }) => {
    colours.sources.register(riskAreaFacts(() => new Date()))
    return { riskAreas: new RiskAreasService(database, audit, colours) }
  },
  routes: (app, { riskAreas }) => app.register(riskAreasRoutes, { riskAreas }),
})
