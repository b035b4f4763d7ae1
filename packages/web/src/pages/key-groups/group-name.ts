import type { Language } from '../../i18n'

/** A group's name in the console's language (the names are data: national seeded, local typed in). */
export function groupName(g: { nameZh: string; nameEn: string }, lang: Language): string {
  return lang === 'zh-CN' ? g.nameZh : g.nameEn
}
