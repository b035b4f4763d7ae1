/** The persons module's public entry: other code imports it from here only (#15; lint-enforced). */
export { PersonsService } from './persons.service.js'
export { personsRoutes } from './persons.routes.js'
