import { Button, Card, Table } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type CommunityReport } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { RegionName } from '../../components/RegionName'

const COUNTS = [
  'population',
  'tested',
  'unreachable',
  'notYet',
  'tubes',
  'positiveTubes',
  'personsInPositiveTubes',
] as const

/** The campaign report: counts per community, tubes and positive tubes; CSV for hand-over. */
export function ReportSection({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation()
  const params = { id: campaignId }
  const report = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.report, { params }),
    queryFn: () => call(SamplingRoutes.report, { params }),
  })
  const r = report.data
  const label = (k: (typeof COUNTS)[number]) =>
    k === 'population' ? t('sampling.campaign.population') : t(`sampling.campaign.${k}`)
  return (
    <Card
      size="small"
      title={t('sampling.campaign.report')}
      data-testid="campaign-report"
      extra={
        <Button href={`/api/campaigns/${campaignId}/report/export`} data-testid="campaign-report-csv">
          {t('sampling.campaign.exportCsv')}
        </Button>
      }
    >
      {report.isError && <ErrorAlert error={report.error} />}
      {r !== undefined && (
        <Table<CommunityReport>
          size="small"
          rowKey="regionCode"
          pagination={false}
          dataSource={r.communities}
          columns={[
            {
              title: t('sampling.campaign.community'),
              key: 'region',
              render: (_: unknown, c) => <RegionName code={c.regionCode} name={c.regionName} />,
            },
            ...COUNTS.map((k) => ({ title: label(k), dataIndex: k, key: k })),
          ]}
          summary={() => (
            <Table.Summary.Row data-testid="campaign-report-total">
              <Table.Summary.Cell index={0}>{t('sampling.campaign.total')}</Table.Summary.Cell>
              {COUNTS.map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1}>
                  {r.totals[k]}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  )
}
