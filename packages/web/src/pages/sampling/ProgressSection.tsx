import { Card, Table, Typography } from 'antd'
import ReactECharts from 'echarts-for-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type CommunityProgress } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { RegionName } from '../../components/RegionName'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'

/** How often the progress is read again while the page is open. */
export const PROGRESS_REFRESH_MS = 10_000

/** Progress per community: a stacked bar per community and the table, read again every 10 s. */
export function ProgressSection({ campaignId, live }: { campaignId: string; live: boolean }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const params = { id: campaignId }
  const progress = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.progress, { params }),
    queryFn: () => call(SamplingRoutes.progress, { params }),
    refetchInterval: live ? PROGRESS_REFRESH_MS : false,
  })
  const p = progress.data
  const rows = p?.communities ?? []
  const series = (['tested', 'unreachable', 'notYet'] as const).map((k, i) => ({
    name: t(`sampling.campaign.${k}`),
    type: 'bar',
    stack: 'all',
    data: rows.map((r) => r[k]),
    itemStyle: { color: ['#52c41a', '#faad14', '#d9d9d9'][i] },
  }))
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 120, right: 16, top: 32, bottom: 24 },
    yAxis: { type: 'category', data: rows.map((r) => r.regionName) },
    xAxis: { type: 'value', minInterval: 1 },
    series,
  }
  return (
    <Card size="small" title={t('sampling.campaign.progress')} data-testid="campaign-progress">
      {progress.isError && <ErrorAlert error={progress.error} />}
      {p !== undefined && (
        <>
          <Typography.Text type="secondary">
            {t('sampling.campaign.refreshed', { time: formatDateTime(p.computedAt, lang) })}
          </Typography.Text>
          <ReactECharts
            option={option}
            notMerge
            style={{ height: Math.max(160, 40 + rows.length * 28) }}
            data-testid="campaign-progress-chart"
          />
          <Table<CommunityProgress>
            size="small"
            rowKey="regionCode"
            dataSource={rows}
            pagination={false}
            data-testid="campaign-progress-table"
            columns={[
              {
                title: t('sampling.campaign.community'),
                key: 'region',
                render: (_: unknown, r) => <RegionName code={r.regionCode} name={r.regionName} />,
              },
              { title: t('sampling.campaign.population'), dataIndex: 'population', key: 'population' },
              { title: t('sampling.campaign.tested'), dataIndex: 'tested', key: 'tested' },
              { title: t('sampling.campaign.unreachable'), dataIndex: 'unreachable', key: 'unreachable' },
              { title: t('sampling.campaign.notYet'), dataIndex: 'notYet', key: 'notYet' },
            ]}
            summary={() => (
              <Table.Summary.Row data-testid="campaign-progress-total">
                <Table.Summary.Cell index={0}>{t('sampling.campaign.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{p.totals.population}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{p.totals.tested}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{p.totals.unreachable}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{p.totals.notYet}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      )}
    </Card>
  )
}
