import { Alert, Button, Card, Table, Tag } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { TestAlertRoutes, type TestAlert } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { RegionName } from '../../components/RegionName'
import { currentLanguage } from '../../i18n'

const LIST = { query: { pageSize: 50 } }

/** 阳性警报: positive tubes of the user's region, polled every 30 s (POOL.POSITIVE: notify at once). */
export default function TestAlertsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const qc = useQueryClient()
  const alerts = useQuery({
    queryKey: queryKeyOf(TestAlertRoutes.list, LIST),
    queryFn: () => call(TestAlertRoutes.list, LIST),
    refetchInterval: 30_000,
  })
  const ack = useMutation({
    mutationFn: (id: string) => call(TestAlertRoutes.acknowledge, { params: { id } }),
    onSuccess: () => qc.invalidateQueries(),
  })
  return (
    <Card title={t('tubes.alerts.title')} data-testid="test-alerts">
      <Alert type="warning" showIcon title={t('tubes.alerts.explain')} style={{ marginBottom: 12 }} />
      {(alerts.isError || ack.isError) && <ErrorAlert error={alerts.error ?? ack.error} />}
      <Table<TestAlert>
        rowKey="id"
        size="small"
        loading={alerts.isLoading}
        dataSource={alerts.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('tubes.alerts.none') }}
        columns={[
          {
            title: t('tubes.alerts.kind.pool_positive'),
            render: (_, a) => <Tag color="red">{t(`tubes.alerts.kind.${a.kind}`)}</Tag>,
          },
          { title: t('tubes.alerts.tube'), dataIndex: 'tubeBarcode' },
          {
            title: t('tubes.alerts.area'),
            render: (_, a) => <RegionName code={a.regionCode} name={a.regionName} />,
          },
          { title: t('tubes.alerts.members'), dataIndex: 'members' },
          { title: t('tubes.alerts.at'), render: (_, a) => formatDateTime(a.createdAt, lang) },
          {
            title: t('tubes.alerts.case'),
            render: (_, a) => (a.caseId ? <a href={`/cases/${a.caseId}`}>{a.caseId}</a> : null),
          },
          {
            title: '',
            render: (_, a) =>
              a.acknowledgedAt ? (
                <Tag>{t('tubes.alerts.acknowledged')}</Tag>
              ) : (
                <Button
                  size="small"
                  onClick={() => {
                    ack.mutate(a.id)
                  }}
                  loading={ack.isPending}
                >
                  {t('tubes.alerts.acknowledge')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  )
}
