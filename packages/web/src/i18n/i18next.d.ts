import 'i18next'
import type zhCN from './zh-CN.json'
import type entryZhCN from './entry.zh-CN.json'
import type { ModuleTranslations } from '../modules'

/**
 * Typed translation keys: `t('persons.title')` is checked at compile time against zh-CN.json,
 * the entry/exit strings the citizen pages share, and the strings each console module brings
 * (`src/modules.ts`).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: {
      translation: typeof zhCN & typeof entryZhCN & ModuleTranslations
    }
  }
}
