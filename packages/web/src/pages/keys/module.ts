import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** The node's signing keys (health codes, venue codes) and their rotation. */
export default defineWebModule({
  name: 'keys',
  routes: [{ path: 'keys', page: lazyPage(() => import('./KeysPage')), permission: 'node:keys' }],
  menu: [
    { key: 'keys', path: '/keys', label: 'nav.keys', group: 'system', permission: 'node:keys', order: 30 },
  ],
})
