import { DISPLAY_TIME_ZONE } from '../../components/format'
import type { Language } from '../../i18n'

/** `HH:mm` in the display time zone, for the checkpoint's list banners. */
export function formatClock(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: DISPLAY_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(ms))
}
