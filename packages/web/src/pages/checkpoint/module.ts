import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from '../../i18n/checkpoint.zh-CN.json'
import en from '../../i18n/checkpoint.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** The gate scanner: full screen, usable offline, with its own guard instead of the console's. */
export default defineWebModule({
  name: 'checkpoint',
  routes: [
    { path: 'checkpoint', page: lazyPage(() => import('./CheckpointPage')), permission: null, frame: 'bare' },
  ],
  // First of its group: the checkpoint role (no person:read) opens on it.
  menu: [
    {
      key: 'checkpoint',
      path: '/checkpoint',
      label: 'nav.checkpoint',
      group: 'places',
      permission: 'code:verify',
      order: 10,
    },
  ],
  i18n: strings,
})
