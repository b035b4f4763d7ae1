import 'i18next'
import type zhCN from './zh-CN.json'
import type checkpointZhCN from './checkpoint.zh-CN.json'
import type entryZhCN from './entry.zh-CN.json'
import type casesZhCN from './cases.zh-CN.json'
import type followupsZhCN from './followups.zh-CN.json'

/** Typed translation keys: `t('persons.title')` is checked against zh-CN.json at compile time. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: {
      translation: typeof zhCN &
        typeof checkpointZhCN &
        typeof entryZhCN &
        typeof casesZhCN &
        typeof followupsZhCN
    }
  }
}
