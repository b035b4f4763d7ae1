/** The key-groups module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { ColourService, FactWriter } from '../health-codes/index.js'
import type { SmsSender } from '../citizens/index.js'
import { keyGroupFacts, KeyGroupsService } from './key-groups.service.js'
import { keyGroupsRoutes } from './key-groups.routes.js'
import { OverdueService } from './overdue.service.js'

export { KeyGroupsService } from './key-groups.service.js'
export { OverdueService, reminderText } from './overdue.service.js'
export { keyGroupMembersImport } from './members.import.js'

export const keyGroupsModule = defineModule<
  { colours: ColourService; factWriter: FactWriter; sms: SmsSender },
  { keyGroups: KeyGroupsService; overdue: OverdueService }
>({
  name: 'key-groups',
  permissions: ['fact:declare', 'keygroup:read', 'keygroup:write', 'keygroup:define'],
  errorCodes: ['KEY_GROUP_NOT_FOUND', 'KEY_GROUP_EXISTS'],
  needs: ['colours', 'factWriter', 'sms'],
  services: ({ database, audit, config, colours, factWriter, sms }) => {
    colours.sources.register(keyGroupFacts)
    const overdue = new OverdueService(database, audit, sms, config.timeZone)
    return { keyGroups: new KeyGroupsService(database, audit, factWriter, overdue), overdue }
  },
  routes: (app, { keyGroups, overdue }) => app.register(keyGroupsRoutes, { keyGroups, overdue }),
})
