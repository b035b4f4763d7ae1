import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from './tubes.zh-CN.json'
import en from './tubes.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** Tubes and labs (#17, POOL.*): tube registration, shipments, the lab's receipt and results, alerts. */
export default defineWebModule({
  name: 'tubes',
  routes: [
    {
      path: 'tubes/register',
      page: lazyPage(() => import('./TubeRegisterPage')),
      permission: 'tube:register',
    },
    { path: 'tubes/shipments', page: lazyPage(() => import('./ShipmentsPage')), permission: 'tube:register' },
    { path: 'lab', page: lazyPage(() => import('./LabPage')), permission: 'lab:work' },
    { path: 'test-alerts', page: lazyPage(() => import('./TestAlertsPage')), permission: 'testalert:read' },
  ],
  menu: [
    {
      key: 'tubeRegister',
      path: '/tubes/register',
      label: 'nav.tubeRegister',
      group: 'health',
      permission: 'tube:register',
      order: 26,
    },
    {
      key: 'shipments',
      path: '/tubes/shipments',
      label: 'nav.shipments',
      group: 'health',
      permission: 'tube:register',
      order: 27,
    },
    { key: 'lab', path: '/lab', label: 'nav.lab', group: 'health', permission: 'lab:work', order: 28 },
    {
      key: 'testAlerts',
      path: '/test-alerts',
      label: 'nav.testAlerts',
      group: 'tracing',
      permission: 'testalert:read',
      order: 5,
    },
  ],
  i18n: strings,
})
