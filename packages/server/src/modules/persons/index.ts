/** The persons module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { RegionsRepository } from '../regions/index.js'
import { PersonsService } from './persons.service.js'
import { personsRoutes } from './persons.routes.js'
import { WorkUnitsService } from './work-units.service.js'

export { PersonsService } from './persons.service.js'
export { WorkUnitsService } from './work-units.service.js'
export { PersonsRepository } from './persons.repository.js'
export { personsRoutes } from './persons.routes.js'
export { personRosterImport, PersonRosterRow } from './person-roster.import.js'

export const personsModule = defineModule<
  { regionsRepo: RegionsRepository },
  { persons: PersonsService; workUnits: WorkUnitsService }
>({
  name: 'persons',
  // venue:read / venue:manage: the units of an employer or school (GET/POST /api/venues/:id/units).
  permissions: ['person:read', 'person:write', 'person:unmask', 'venue:read', 'venue:manage'],
  errorCodes: [
    'ID_NUMBER_INVALID',
    'HOUSEHOLD_NOT_FOUND',
    'PERSON_EXISTS',
    'UNIT_NOT_IN_EMPLOYER',
    'UNIT_NOT_FOUND',
  ],
  needs: ['regionsRepo'],
  services: ({ database, cipher, audit, regionsRepo }) => {
    const workUnits = new WorkUnitsService(database, audit)
    return { persons: new PersonsService(database, cipher, audit, regionsRepo, workUnits), workUnits }
  },
  routes: (app, { persons, workUnits }) => app.register(personsRoutes, { persons, workUnits }),
})
