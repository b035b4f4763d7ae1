import type { ScanOutcome } from '@lianfang/contracts'
import { currentLanguage } from '../../i18n'

/** Why the server refused or denied a scan, in the console's language. */
export function outcomeReason(o: ScanOutcome | null, fallback: string): string {
  const lang = currentLanguage()
  return o?.reasonText?.[lang] ?? o?.error?.message ?? fallback
}
