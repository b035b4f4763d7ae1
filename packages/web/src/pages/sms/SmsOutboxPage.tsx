import { Alert, Card, Table, Typography, type TableProps } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { useSmsOutbox } from '../../api/queries'
import type { SmsMessage } from '../../api/types'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime, positiveInt } from '../../components/format'
import { currentLanguage } from '../../i18n'

/** The SMS messages the node would have sent (development: nothing leaves the machine). */
export default function SmsOutboxPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [params, setParams] = useSearchParams()
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const outbox = useSmsOutbox({ page, pageSize })

  const columns: TableProps<SmsMessage>['columns'] = [
    {
      title: t('sms.createdAt'),
      key: 'at',
      render: (_: unknown, m: SmsMessage) => formatDateTime(m.createdAt, lang),
    },
    {
      title: t('sms.phone'),
      key: 'phone',
      render: (_: unknown, m) => <Typography.Text code>{m.phone}</Typography.Text>,
    },
    { title: t('sms.sender'), dataIndex: 'sender', key: 'sender' },
    { title: t('sms.body'), dataIndex: 'body', key: 'body' },
  ]

  return (
    <Card title={t('sms.title')} data-testid="sms-outbox">
      <Alert type="info" showIcon title={t('sms.explain')} style={{ marginBottom: 16 }} />
      {outbox.isError && <ErrorAlert error={outbox.error} />}
      <Table<SmsMessage>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={outbox.data?.items ?? []}
        loading={outbox.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: outbox.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            const next = new URLSearchParams(params)
            next.set('page', String(nextSize === pageSize ? nextPage : 1))
            next.set('pageSize', String(nextSize))
            setParams(next)
          },
        }}
        data-testid="sms-table"
      />
    </Card>
  )
}
