import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from './dcc.zh-CN.json'
import en from './dcc.en.json'

export const strings = { 'zh-CN': zhCN, en } as const

/** EU Digital COVID Certificates: verification, and the node's trust list of signers (#16). */
export default defineWebModule({
  name: 'dcc',
  routes: [{ path: 'dcc', page: lazyPage(() => import('./DccPage')), permission: 'code:verify' }],
  menu: [
    { key: 'dcc', path: '/dcc', label: 'nav.dcc', group: 'health', permission: 'code:verify', order: 60 },
  ],
  i18n: strings,
})
