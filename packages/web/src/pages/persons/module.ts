import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** The persons register, a person's record (health code, facts, identity) and a household's members. */
export default defineWebModule({
  name: 'persons',
  routes: [
    { path: 'persons', page: lazyPage(() => import('./PersonsPage')), permission: 'person:read' },
    { path: 'persons/:id', page: lazyPage(() => import('./PersonDetailPage')), permission: 'person:read' },
    { path: 'households/:id', page: lazyPage(() => import('./HouseholdPage')), permission: 'person:read' },
  ],
  menu: [
    {
      key: 'persons',
      path: '/persons',
      label: 'nav.persons',
      group: 'health',
      permission: 'person:read',
      order: 10,
    },
  ],
})
