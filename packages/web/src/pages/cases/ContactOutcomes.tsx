import { Card, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ContactOutcome } from '@lianfang/contracts'
import { codeMessage } from '../../components/ErrorAlert'
import { useRegionName } from '../../components/RegionName'

const OUTCOME_COLOUR: Record<ContactOutcome['status'], string> = {
  confirmed: 'success',
  routed: 'processing',
  rejected: 'error',
}

/** "协查 sent to <region>": the region by name, its code on hover. */
function RoutedTo({ code }: { code: string | null }) {
  const { t } = useTranslation()
  const name = useRegionName(code)
  return (
    <span title={code ?? undefined}>
      {t('investigation.outcome.routed', { region: name ?? code ?? '—' })}
    </span>
  )
}

/** The answer of a bulk confirmation, one line per person. */
export function OutcomeList({
  outcomes,
  names,
  testId = 'contact-outcomes',
}: {
  outcomes: readonly ContactOutcome[]
  names: ReadonlyMap<string, string>
  testId?: string
}) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={t('investigation.results')} style={{ marginBottom: 12 }} data-testid={testId}>
      {outcomes.map((o) => (
        <div key={o.personId} data-testid={`outcome-${o.personId}`} data-status={o.status}>
          <Space wrap>
            <Tag color={OUTCOME_COLOUR[o.status]}>{t(`investigation.outcomeStatus.${o.status}`)}</Tag>
            <span>{names.get(o.personId) ?? o.personId}</span>
            <Typography.Text type="secondary">
              {o.status === 'confirmed' &&
                t('investigation.outcome.confirmed', { order: o.quarantineOrderId ?? '—' })}
              {o.status === 'routed' && <RoutedTo code={o.routedTo} />}
              {o.status === 'rejected' &&
                t('investigation.outcome.rejected', { reason: codeMessage(o.error?.code, t) })}
            </Typography.Text>
          </Space>
        </div>
      ))}
    </Card>
  )
}
