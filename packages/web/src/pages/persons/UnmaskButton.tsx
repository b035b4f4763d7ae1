import { useTranslation } from 'react-i18next'
import { PersonRoutes, type UnmaskedIdentity } from '@lianfang/contracts'
import { MutationButton } from '../../components/list-kit'
import { call } from '../../api/call'

interface ReasonForm {
  reason: string
}

/**
 * Asks why the full identity number is needed and, on confirmation, fetches it. The server
 * audits every unmasking with the reason given (DESIGN.md, data rules).
 */
export function UnmaskButton({
  personId,
  onUnmasked,
}: {
  personId: string
  onUnmasked: (identity: UnmaskedIdentity) => void
}) {
  const { t } = useTranslation()
  return (
    <MutationButton<ReasonForm, UnmaskedIdentity>
      buttonText={t('unmask.button')}
      buttonTestId="unmask-button"
      testId="unmask"
      title={t('unmask.title')}
      explain={t('unmask.explain')}
      okText={t('unmask.confirm')}
      reason={{
        label: t('unmask.reason'),
        requiredMessage: t('unmask.reasonRequired'),
        lengthMessage: t('unmask.reasonLength'),
      }}
      mutationFn={(v) =>
        call(PersonRoutes.unmask, { params: { id: personId }, body: { reason: v.reason.trim() } })
      }
      onSuccess={onUnmasked}
    />
  )
}
