import type { TFunction } from 'i18next'
import type { ScanOutcome } from '@lianfang/contracts'
import { codeMessage } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'

/**
 * Why the server refused or denied a scan, in the console's language: the decision's reason
 * (core's bilingual text, else the catalogue's name of it), else the refused item's error code
 * (`code` when the answer is not at hand). Never the server's English message.
 */
export function outcomeReason(t: TFunction, o: ScanOutcome | null, code: string | null = null): string {
  if (o?.reasonText) return o.reasonText[currentLanguage()]
  if (o?.reason) return t(`denyReason.${o.reason}`)
  return codeMessage(o?.error?.code ?? code, t)
}
