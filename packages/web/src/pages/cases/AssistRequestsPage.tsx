import { Button, Card, Space, Table, Tabs, Tag, Typography, type TableProps } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { AssistDirection, AssistRequest } from '../../api/case-types'
import { useAssistRequests } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'

const STATUS_COLOUR: Record<AssistRequest['status'], string> = {
  open: 'gold',
  sent: 'processing',
  acknowledged: 'success',
  closed: 'default',
}

/** Assist-investigation requests (协查) to and from the user's region; the tab lives in the URL. */
export default function AssistRequestsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const direction: AssistDirection = params.get('direction') === 'outgoing' ? 'outgoing' : 'incoming'
  return (
    <Card
      title={t('assist.title')}
      extra={
        <Space>
          <Button
            href={`/api/assist-requests.csv?direction=${direction}`}
            download
            data-testid="assist-export"
          >
            {t('assist.exportCsv')}
          </Button>
          <Button
            href={`/api/assist-requests/export?direction=${direction}&format=xlsx`}
            download
            data-testid="assist-export-xlsx"
          >
            {t('assist.exportXlsx')}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={direction}
        onChange={(key) => {
          setParams(key === 'incoming' ? {} : { direction: key })
        }}
        items={(['incoming', 'outgoing'] as const).map((d) => ({
          key: d,
          label: <span data-testid={`assist-tab-${d}`}>{t(`assist.${d}`)}</span>,
          children: <AssistTable direction={d} />,
        }))}
        destroyOnHidden
      />
    </Card>
  )
}

function AssistTable({ direction }: { direction: AssistDirection }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const requests = useAssistRequests(direction)
  const columns: TableProps<AssistRequest>['columns'] = [
    { title: t('assist.createdAt'), key: 'at', render: (_: unknown, r) => formatDateTime(r.createdAt, lang) },
    { title: t('assist.fromRegion'), dataIndex: 'fromRegion', key: 'from' },
    { title: t('assist.toRegion'), dataIndex: 'toRegion', key: 'to' },
    { title: t('assist.person'), key: 'person', render: (_: unknown, r) => r.personId ?? '—' },
    {
      title: t('assist.status'),
      key: 'status',
      render: (_: unknown, r) => (
        <Tag color={STATUS_COLOUR[r.status]}>{t(`assist.statuses.${r.status}`)}</Tag>
      ),
    },
    {
      title: t('assist.details'),
      key: 'payload',
      render: (_: unknown, r) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {JSON.stringify(r.payload)}
        </Typography.Text>
      ),
    },
  ]
  return (
    <>
      {requests.isError && <ErrorAlert error={requests.error} />}
      <Table<AssistRequest>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={requests.data ?? []}
        loading={requests.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid={`assist-${direction}`}
      />
    </>
  )
}
