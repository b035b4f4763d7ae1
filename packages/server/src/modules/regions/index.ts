/** The regions module's public entry: other code imports it from here only (#15; lint-enforced). */
export { RegionsRepository, type RegionRow } from './regions.repository.js'
export { RegionsService } from './regions.service.js'
export { regionsRoutes } from './regions.routes.js'
export { nationalRegions, type RegionSeed } from './national-regions.js'
