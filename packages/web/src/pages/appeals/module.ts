import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** Reviewing citizens' appeals against their health-code colour. */
export default defineWebModule({
  name: 'appeals',
  routes: [{ path: 'appeals', page: lazyPage(() => import('./AppealsPage')), permission: 'appeal:review' }],
  menu: [
    {
      key: 'appeals',
      path: '/appeals',
      label: 'nav.appeals',
      group: 'health',
      permission: 'appeal:review',
      order: 20,
    },
  ],
})
