import { defineWebModule, lazyPage } from '../../modules-kit/web-module'

/** Risk levels of areas, over time. */
export default defineWebModule({
  name: 'risk-areas',
  routes: [
    { path: 'risk-areas', page: lazyPage(() => import('./RiskAreasPage')), permission: 'region:read' },
  ],
  menu: [
    {
      key: 'riskAreas',
      path: '/risk-areas',
      label: 'nav.riskAreas',
      group: 'command',
      permission: 'region:read',
      order: 10,
    },
  ],
})
