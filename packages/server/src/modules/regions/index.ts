/** The regions module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import { RegionsRepository } from './regions.repository.js'
import { RegionsService } from './regions.service.js'
import { regionsRoutes } from './regions.routes.js'

export { RegionsRepository, type RegionRow } from './regions.repository.js'
export { RegionsService } from './regions.service.js'
export { regionsRoutes } from './regions.routes.js'
export { nationalRegions, type RegionSeed } from './national-regions.js'

export const regionsModule = defineModule({
  name: 'regions',
  permissions: ['region:read', 'region:write'],
  errorCodes: ['REGION_REQUIRED'],
  needs: [],
  services: ({ database }) => {
    const regionsRepo = new RegionsRepository(database)
    return { regionsRepo, regions: new RegionsService(regionsRepo) }
  },
  routes: (app, { regions, config }) =>
    app.register(regionsRoutes, { regions, nodeRegion: config.nodeRegion }),
})
