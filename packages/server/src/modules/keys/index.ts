/** The keys module's public entry: other code imports it from here only (#15; lint-enforced). */
export { KeysService, STATUS_LIST_ID } from './keys.service.js'
export { CodeVerifier } from './code-verifier.js'
export { keysRoutes } from './keys.routes.js'
