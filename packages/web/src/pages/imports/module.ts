import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from '../../i18n/imports.zh-CN.json'
import en from '../../i18n/imports.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** Spreadsheet imports: upload, preview with per-row problems, confirm (today: the person roster). */
export default defineWebModule({
  name: 'imports',
  routes: [
    { path: 'imports/:kind', page: lazyPage(() => import('./ImportPage')), permission: 'person:write' },
  ],
  menu: [
    {
      key: 'importPersons',
      path: '/imports/persons',
      label: 'nav.importPersons',
      group: 'health',
      permission: 'person:write',
      order: 15,
    },
  ],
  i18n: strings,
})
