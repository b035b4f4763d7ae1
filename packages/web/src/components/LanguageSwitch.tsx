import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { isLanguage, LANGUAGES, setLanguage, type Language } from '../i18n'

const LABELS: Record<Language, string> = { 'zh-CN': '中文', en: 'EN' }

/** 中文 / EN, remembered in localStorage. Labels are each language's own name, not translated. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation()
  const value: Language = isLanguage(i18n.language) ? i18n.language : 'zh-CN'
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('common.language')}
      value={value}
      options={LANGUAGES.map((lang) => ({
        value: lang,
        label: <span data-testid={`lang-${lang}`}>{LABELS[lang]}</span>,
      }))}
      onChange={(lang) => void setLanguage(lang)}
      data-testid="lang-switch"
    />
  )
}
