import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** The colour rule sets: drafts, dry runs, activation. */
export default defineWebModule({
  name: 'rule-sets',
  routes: [
    { path: 'rule-sets', page: lazyPage(() => import('./RuleSetsPage')), permission: 'ruleset:manage' },
  ],
  menu: [
    {
      key: 'ruleSets',
      path: '/rule-sets',
      label: 'nav.ruleSets',
      group: 'health',
      permission: 'ruleset:manage',
      order: 30,
    },
  ],
})
