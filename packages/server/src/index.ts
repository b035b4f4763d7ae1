export * from './config/config.js'
export * from './db/database.js'
export * from './db/migrate.js'
export * from './db/codegen.js'
export * from './crypto/pii-cipher.js'
export * from './app.js'
export {
  nationalRegions,
  RegionsRepository,
  type RegionRow,
  type RegionSeed,
} from './modules/regions/index.js'
export * from './audit/audit.service.js'
export {
  createImportsService,
  ImportsService,
  type ImportFile,
  type Progress,
  type RowIssue,
  type RunResult,
} from './import/index.js'
export * from './audit/audit-head.js'
export * from './server.js'
export * from './seed/demo-seed.js'
export * from './sim/load-synthetic-city.js'
