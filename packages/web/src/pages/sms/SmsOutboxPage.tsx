import { Alert, Card, Typography, type TableProps } from 'antd'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CitizenRoutes } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import type { SmsMessage } from '../../api/types'
import { formatDateTime } from '../../components/format'
import { PagedTable, useUrlListState } from '../../components/list-kit'
import { currentLanguage } from '../../i18n'

/** The SMS messages the node would have sent (development: nothing leaves the machine). */
export default function SmsOutboxPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const list = useUrlListState()
  const query = { page: list.page, pageSize: list.pageSize }
  const outbox = useQuery({
    queryKey: queryKeyOf(CitizenRoutes.smsOutbox, { query }),
    queryFn: () => call(CitizenRoutes.smsOutbox, { query }),
    placeholderData: keepPreviousData,
  })

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
      <PagedTable<SmsMessage>
        query={outbox}
        list={list}
        rowKey="id"
        size="small"
        columns={columns}
        emptyText={t('sms.empty')}
        data-testid="sms-table"
      />
    </Card>
  )
}
