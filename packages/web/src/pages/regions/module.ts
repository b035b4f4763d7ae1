import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** The administrative region tree. */
export default defineWebModule({
  name: 'regions',
  routes: [{ path: 'regions', page: lazyPage(() => import('./RegionsPage')), permission: 'region:read' }],
  menu: [
    {
      key: 'regions',
      path: '/regions',
      label: 'nav.regions',
      group: 'system',
      permission: 'region:read',
      order: 20,
    },
  ],
})
