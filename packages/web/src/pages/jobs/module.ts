import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from '../../i18n/jobs.zh-CN.json'
import en from '../../i18n/jobs.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** Dead jobs of the node's jobs runtime, with retry (node operators). */
export default defineWebModule({
  name: 'jobs',
  routes: [{ path: 'jobs/dead', page: lazyPage(() => import('./DeadJobsPage')), permission: 'jobs:manage' }],
  menu: [
    {
      key: 'deadJobs',
      path: '/jobs/dead',
      label: 'nav.deadJobs',
      group: 'system',
      permission: 'jobs:manage',
      order: 60,
    },
  ],
  i18n: strings,
})
