import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** Staff accounts and their roles. */
export default defineWebModule({
  name: 'users',
  routes: [{ path: 'users', page: lazyPage(() => import('./UsersPage')), permission: 'user:read' }],
  menu: [
    { key: 'users', path: '/users', label: 'nav.users', group: 'system', permission: 'user:read', order: 10 },
  ],
})
