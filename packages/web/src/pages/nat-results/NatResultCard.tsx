import { Alert, Card, Descriptions, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { NatResultVerification } from '@lianfang/contracts'
import { formatDateTime } from '../../components/format'
import { RegionName } from '../../components/RegionName'
import { currentLanguage, translateDynamic } from '../../i18n'

/** A verified (green) or refused (red) test result, with the failed check in words. */
export function NatResultCard({ result }: { result: NatResultVerification }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const time = (iso: string | null) => (iso === null ? '—' : formatDateTime(iso, lang))
  if (!result.ok)
    return (
      <Card data-testid="nat-result-card" style={{ borderColor: '#cf1322' }}>
        <Typography.Title level={3} style={{ color: '#cf1322' }} data-testid="nat-result-status">
          {t('natResults.verify.invalid')}
        </Typography.Title>
        <Typography.Paragraph data-testid="nat-result-stage">
          {translateDynamic(t, `natResults.stages.${result.stage ?? 'cose'}`)}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {t('natResults.verify.reason')}: {result.reason}
        </Typography.Text>
      </Card>
    )
  const colour = result.result === 'positive' ? 'red' : 'green'
  return (
    <Card data-testid="nat-result-card" style={{ borderColor: '#389e0d' }}>
      <Typography.Title level={3} style={{ color: '#389e0d' }} data-testid="nat-result-status">
        {t('natResults.verify.valid')}
      </Typography.Title>
      <Tag color={colour} style={{ fontSize: 18, padding: '4px 12px' }} data-testid="nat-result-value">
        {result.result === null ? '—' : translateDynamic(t, `natResults.result.${result.result}`)}
      </Tag>
      {result.statusChecked === false && (
        <Alert
          type="warning"
          showIcon
          title={t('natResults.verify.statusUnchecked')}
          data-testid="nat-result-unchecked"
        />
      )}
      {result.statusFresh === false && (
        <Alert type="warning" showIcon title={t('natResults.verify.statusStale')} />
      )}
      <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('natResults.verify.maskedName')}>{result.maskedName}</Descriptions.Item>
        <Descriptions.Item label={t('natResults.sampledAt')}>{time(result.sampledAt)}</Descriptions.Item>
        <Descriptions.Item label={t('natResults.resultedAt')}>{time(result.resultedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('natResults.lab')}>{result.lab ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('natResults.issuer')}>{result.issuer}</Descriptions.Item>
        <Descriptions.Item label={t('natResults.verify.issuerRegion')}>
          {result.issuerRegion === null ? '—' : <RegionName code={result.issuerRegion} />}
        </Descriptions.Item>
        <Descriptions.Item label={t('natResults.recognisedUntil')}>
          {time(result.expiresAt)}
        </Descriptions.Item>
        {result.kind !== null && (
          <Descriptions.Item label={t('natResults.kindLabel')}>
            {translateDynamic(t, `natResults.kind.${result.kind}`)}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  )
}
