/** The key-groups module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService, FactWriter } from '../health-codes/index.js'
import { keyGroupFacts, KeyGroupsService } from './key-groups.service.js'
import { keyGroupsRoutes } from './key-groups.routes.js'

export { KeyGroupsService } from './key-groups.service.js'

export const keyGroupsModule = defineModule<
  { colours: ColourService; factWriter: FactWriter },
  { keyGroups: KeyGroupsService }
>({
  name: 'key-groups',
  permissions: ['fact:declare'],
  errorCodes: [],
  needs: ['colours', 'factWriter'],
  services: ({ colours, factWriter }) => {
    colours.sources.register(keyGroupFacts)
    return { keyGroups: new KeyGroupsService(factWriter) }
  },
  routes: (app, { keyGroups }) => app.register(keyGroupsRoutes, { keyGroups }),
})
