import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from './key-groups.zh-CN.json'
import en from './key-groups.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** 应检尽检 key groups (#17): groups with members and overdue counts, overdue list, SMS reminders. */
export default defineWebModule({
  name: 'key-groups',
  routes: [
    { path: 'key-groups', page: lazyPage(() => import('./KeyGroupsPage')), permission: 'keygroup:read' },
  ],
  menu: [
    {
      key: 'keyGroups',
      path: '/key-groups',
      label: 'nav.keyGroups',
      group: 'health',
      permission: 'keygroup:read',
      order: 25,
    },
  ],
  i18n: strings,
})
