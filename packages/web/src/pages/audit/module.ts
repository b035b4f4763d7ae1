import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** The hash-chained audit log. */
export default defineWebModule({
  name: 'audit',
  routes: [{ path: 'audit', page: lazyPage(() => import('./AuditPage')), permission: 'audit:read' }],
  menu: [
    {
      key: 'audit',
      path: '/audit',
      label: 'nav.audit',
      group: 'system',
      permission: 'audit:read',
      order: 40,
    },
  ],
})
