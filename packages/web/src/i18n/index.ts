/**
 * i18next set-up: zh-CN is the default, English is complete. The chosen language is kept in
 * localStorage so the console opens in it next time.
 */
import i18n, { type TFunction } from 'i18next'
import { initReactI18next } from 'react-i18next'
import zhCN from './zh-CN.json'
import en from './en.json'
import entryZhCN from './entry.zh-CN.json'
import entryEn from './entry.en.json'
import { WEB_MODULES } from '../modules'
import { mergeStrings } from './merge'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'zh-CN'
const STORAGE_KEY = 'lianfang.lang'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE
  }
}

/** Switches the language and remembers it. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // private mode or storage disabled: the switch still applies to this tab
  }
  await i18n.changeLanguage(lang)
}

/** The active language, narrowed to the ones we ship. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
}

/**
 * One `translation` namespace: the shared strings (zh-CN.json, and the entry/exit ones the citizen
 * pages use too), deep-merged with the strings each console module brings (`src/modules.ts`);
 * a module may add to a shared section such as `nav`.
 */
export const resources = {
  'zh-CN': {
    translation: mergeStrings([zhCN, entryZhCN, ...WEB_MODULES.map((m) => m.i18n?.['zh-CN'] ?? {})]),
  },
  en: { translation: mergeStrings([en, entryEn, ...WEB_MODULES.map((m) => m.i18n?.en ?? {})]) },
}

export async function initI18n(): Promise<typeof i18n> {
  const lng = storedLanguage()
  document.documentElement.lang = lng
  i18n.on('languageChanged', (l) => {
    document.documentElement.lang = l
  })
  await i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return i18n
}

export default i18n

/**
 * The text of a key built at run time (e.g. from a schema path), which the compiler cannot
 * check; a unit test checks those keys instead. An unknown key shows as itself.
 */
export function translateDynamic(t: TFunction, key: string): string {
  if (!i18n.exists(key)) return key
  const untyped = t as unknown as (k: string) => string
  return untyped(key)
}
