/**
 * The tabular import pipeline (docs/imports.md): a domain declares its import with
 * `defineImport`; the list below composes them into one `ImportsService` behind one upload
 * route and the CLI's `lianfang import`.
 */
import { defineModule, type Kernel } from '../kernel/module.js'
import { personRosterImport } from '../modules/persons/index.js'
import { keyGroupMembersImport } from '../modules/key-groups/index.js'
import type { ColourService } from '../modules/health-codes/index.js'
import type { RegionsRepository } from '../modules/regions/index.js'
import { ImportsService, type ImportOptions } from './imports.service.js'
import type { DefinedImport } from './define-import.js'
import { importsRoutes } from './import.routes.js'

export { defineImport, normaliseHeader, type DefinedImport } from './define-import.js'
export {
  decodeTable,
  csvText,
  zipDeclaredSize,
  DEFAULT_LIMITS,
  type DecodeLimits,
  type RawTable,
} from './decode.js'
export {
  ImportsService,
  decodeBase64,
  type Analysis,
  type ImportFile,
  type ImportOptions,
  type Progress,
  type RunResult,
} from './imports.service.js'
export { importsRoutes } from './import.routes.js'
export type { BatchResult, ImportContext, ImportDefinition, ImportRow, RowIssue } from './import.types.js'

/**
 * The imports as a module: one `ImportsService` over every domain's import. Listed after the
 * modules whose services its imports use (the persons roster needs `regionsRepo`).
 */
/** The imports the node offers, composed into one service (also used by the CLI and tests). */
export function createImportsService(
  deps: Pick<Kernel, 'database' | 'cipher' | 'audit'> & {
    regionsRepo: RegionsRepository
    colours: ColourService
    /** Imports other modules provide (the tubes module's `lab-results`). */
    labResultsImport?: DefinedImport
  },
  options?: ImportOptions,
): ImportsService {
  const { database, cipher, audit, regionsRepo, colours, labResultsImport } = deps
  return new ImportsService(
    database,
    cipher,
    audit,
    [
      personRosterImport(cipher, regionsRepo),
      keyGroupMembersImport(cipher, colours),
      ...(labResultsImport ? [labResultsImport] : []),
    ],
    options,
  )
}

export const importsModule = defineModule<
  { regionsRepo: RegionsRepository; colours: ColourService; labResultsImport: DefinedImport },
  { imports: ImportsService }
>({
  name: 'imports',
  permissions: [],
  errorCodes: [],
  needs: ['regionsRepo', 'colours', 'labResultsImport'],
  services: (deps) => ({ imports: createImportsService(deps) }),
  routes: (app, { imports }) => app.register(importsRoutes, { imports }),
})
