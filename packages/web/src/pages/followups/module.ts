import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from '../../i18n/followups.zh-CN.json'
import en from '../../i18n/followups.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** Daily follow-ups of people under quarantine or observation. */
export default defineWebModule({
  name: 'followups',
  routes: [
    { path: 'followups', page: lazyPage(() => import('./FollowupsPage')), permission: 'followup:read' },
  ],
  menu: [
    {
      key: 'followups',
      path: '/followups',
      label: 'nav.followups',
      group: 'tracing',
      permission: 'followup:read',
      order: 50,
    },
  ],
  i18n: strings,
})
