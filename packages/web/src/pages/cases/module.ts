import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from '../../i18n/cases.zh-CN.json'
import en from '../../i18n/cases.en.json'
import { OVERDUE_BADGES } from './overdue-badges'

export const strings = { 'zh-CN': zhCN, en } as const

/** Cases and their investigation, clusters, transmission chains and assist requests. */
export default defineWebModule({
  name: 'cases',
  routes: [
    { path: 'cases', page: lazyPage(() => import('./CasesPage')), permission: 'case:read' },
    { path: 'cases/:id', page: lazyPage(() => import('./CaseDetailPage')), permission: 'case:read' },
    { path: 'clusters', page: lazyPage(() => import('./ClustersPage')), permission: 'case:read' },
    { path: 'chains', page: lazyPage(() => import('./ChainGraphPage')), permission: 'case:read' },
    {
      path: 'assist-requests',
      page: lazyPage(() => import('./AssistRequestsPage')),
      permission: 'case:read',
    },
  ],
  menu: [
    {
      key: 'cases',
      path: '/cases',
      label: 'nav.cases',
      group: 'tracing',
      permission: 'case:read',
      order: 10,
    },
    {
      key: 'clusters',
      path: '/clusters',
      label: 'nav.clusters',
      group: 'tracing',
      permission: 'case:read',
      order: 20,
    },
    {
      key: 'chains',
      path: '/chains',
      label: 'nav.chains',
      group: 'tracing',
      permission: 'case:read',
      order: 30,
    },
    {
      key: 'assistRequests',
      path: '/assist-requests',
      label: 'nav.assistRequests',
      group: 'tracing',
      permission: 'case:read',
      order: 40,
    },
  ],
  i18n: strings,
  badges: OVERDUE_BADGES,
})
