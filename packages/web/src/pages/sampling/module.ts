import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from './sampling.zh-CN.json'
import en from './sampling.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** Nucleic-acid sampling (#17): sampling sites and booking checks, screening campaigns, the sampling list. */
export default defineWebModule({
  name: 'sampling',
  routes: [
    { path: 'sampling-sites', page: lazyPage(() => import('./SitesPage')), permission: 'sampling:read' },
    { path: 'campaigns', page: lazyPage(() => import('./CampaignsPage')), permission: 'sampling:read' },
    { path: 'campaigns/:id', page: lazyPage(() => import('./CampaignPage')), permission: 'sampling:read' },
    { path: 'test-orders', page: lazyPage(() => import('./TestOrdersPage')), permission: 'sampling:read' },
  ],
  menu: [
    {
      key: 'samplingSites',
      path: '/sampling-sites',
      label: 'nav.samplingSites',
      group: 'health',
      permission: 'sampling:read',
      order: 26,
    },
    {
      key: 'campaigns',
      path: '/campaigns',
      label: 'nav.campaigns',
      group: 'command',
      permission: 'sampling:read',
      order: 27,
    },
    {
      key: 'testOrders',
      path: '/test-orders',
      label: 'nav.testOrders',
      group: 'health',
      permission: 'sampling:read',
      order: 28,
    },
  ],
  i18n: strings,
})
