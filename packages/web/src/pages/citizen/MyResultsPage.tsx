import { useState } from 'react'
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SignedResultRoutes, type SignedNatResult } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { QrCode } from '../../components/QrCode'
import { formatDateTime } from '../../components/format'
import { currentLanguage, translateDynamic } from '../../i18n'
import { ImportResultCard } from './ImportResultCard'

const TAG_COLOUR = { negative: 'green', positive: 'red', pending: 'default' } as const

/** One result: what it is, where from, and its signed QR on demand (or why it has none). */
function ResultItem({ r, open, toggle }: { r: SignedNatResult; open: boolean; toggle: () => void }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const result = translateDynamic(t, `natResults.result.${r.result}`)
  return (
    <List.Item data-testid={`nat-result-${r.id}`} style={{ display: 'block' }}>
      <Space wrap>
        <Tag color={TAG_COLOUR[r.result]} data-testid="nat-result-value">
          {result}
        </Tag>
        <Tag>{translateDynamic(t, `natResults.kind.${r.kind}`)}</Tag>
        {r.source === 'imported' && <Tag color="blue">{t('natResults.imported')}</Tag>}
        {r.voided && <Tag color="default">{t('natResults.voided')}</Tag>}
      </Space>
      <Typography.Paragraph style={{ margin: '8px 0 0' }}>
        {t('natResults.sampledAt')}: {formatDateTime(r.sampledAt, lang)}
        <br />
        {t('natResults.resultedAt')}: {formatDateTime(r.resultedAt, lang)}
        {r.lab !== null && (
          <>
            <br />
            {t('natResults.lab')}: {r.lab}
          </>
        )}
        {r.source === 'imported' && (
          <>
            <br />
            {t('natResults.issuer')}: {r.issuer}
          </>
        )}
      </Typography.Paragraph>
      {r.qr === null ? (
        <Typography.Text type="secondary" data-testid="nat-result-no-qr">
          {translateDynamic(t, `natResults.noQr.${r.noQr ?? 'pending'}`)}
        </Typography.Text>
      ) : (
        <Button data-testid="nat-result-show-qr" onClick={toggle}>
          {open ? t('natResults.hideQr') : t('natResults.showQr')}
        </Button>
      )}
      {open && r.qr !== null && (
        <div style={{ marginTop: 12 }} data-testid="nat-result-qr-box">
          <QrCode
            text={r.qr}
            colour={r.result === 'positive' ? '#cf1322' : '#000000'}
            label={t('natResults.qrLabel', { result, time: formatDateTime(r.sampledAt, lang) })}
          />
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 8 }}>
            {t('natResults.qrHint', { time: formatDateTime(r.recognisedUntil, lang) })}
          </Typography.Paragraph>
        </div>
      )}
    </List.Item>
  )
}

/** 我的核酸结果: the citizen's own results, newest first; one shown as its signed QR; an import. */
export default function MyResultsPage() {
  const { t } = useTranslation()
  const [shown, setShown] = useState<string | undefined>()
  const results = useQuery({
    queryKey: queryKeyOf(SignedResultRoutes.mine),
    queryFn: () => call(SignedResultRoutes.mine),
  })
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-results">
      <Card title={t('natResults.title')}>
        {results.isPending && <PageLoading />}
        {results.isError && <ErrorAlert error={results.error} />}
        {results.data?.length === 0 && (
          <Empty data-testid="my-results-empty" description={t('natResults.empty')} />
        )}
        {results.data !== undefined && results.data.length > 0 && (
          <List
            dataSource={results.data}
            renderItem={(r) => (
              <ResultItem
                r={r}
                open={shown === r.id}
                toggle={() => {
                  setShown(shown === r.id ? undefined : r.id)
                }}
              />
            )}
          />
        )}
      </Card>
      <ImportResultCard />
    </Space>
  )
}
