/** The persons module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { RegionsRepository } from '../regions/index.js'
import { PersonsService } from './persons.service.js'
import { personsRoutes } from './persons.routes.js'

export { PersonsService } from './persons.service.js'
export { PersonsRepository } from './persons.repository.js'
export { personsRoutes } from './persons.routes.js'
export { personRosterImport, PersonRosterRow } from './person-roster.import.js'

export const personsModule = defineModule<{ regionsRepo: RegionsRepository }, { persons: PersonsService }>({
  name: 'persons',
  permissions: ['person:read', 'person:write', 'person:unmask'],
  errorCodes: ['ID_NUMBER_INVALID', 'HOUSEHOLD_NOT_FOUND', 'PERSON_EXISTS'],
  needs: ['regionsRepo'],
  services: ({ database, cipher, audit, regionsRepo }) => ({
    persons: new PersonsService(database, cipher, audit, regionsRepo),
  }),
  routes: (app, { persons }) => app.register(personsRoutes, { persons }),
})
