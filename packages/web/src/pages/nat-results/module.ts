import { defineWebModule, lazyPage } from '../../modules-kit/web-module'
import zhCN from './nat-results.zh-CN.json'
import en from './nat-results.en.json'

/** Strings of signed test results (LR1): the verify page here, and the citizen's results page. */
export const strings = { 'zh-CN': zhCN, en } as const

/** Signed nucleic-acid test results (LR1, #17): verification by checkpoints and officers. */
export default defineWebModule({
  name: 'nat-results',
  routes: [
    {
      path: 'nat-results/verify',
      page: lazyPage(() => import('./NatResultVerifyPage')),
      permission: 'code:verify',
    },
  ],
  menu: [
    {
      key: 'natResultVerify',
      path: '/nat-results/verify',
      label: 'nav.natResultVerify',
      group: 'health',
      permission: 'code:verify',
      order: 61,
    },
  ],
  i18n: strings,
})
