import { Link } from 'react-router-dom'
import { Card, Space, Table, Tag, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ContactRow } from '@lianfang/contracts'
import { useCaseContacts } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { RegionName } from '../../components/RegionName'

/** The contacts confirmed for a case. */
export function ContactsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const contacts = useCaseContacts(caseId)
  const columns: TableProps<ContactRow>['columns'] = [
    {
      title: t('investigation.name'),
      key: 'name',
      render: (_: unknown, c) => (
        <Space size={4}>
          {c.personId !== null && !c.otherRegion ? (
            <Link to={`/persons/${c.personId}`}>{c.name ?? c.personId}</Link>
          ) : (
            (c.name ?? '—')
          )}
          {c.otherRegion && <Tag color="purple">{t('investigation.otherRegion')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('investigation.region'),
      key: 'region',
      render: (_: unknown, c) => <RegionName code={c.regionCode} />,
    },
    {
      title: t('investigation.degree'),
      key: 'degree',
      render: (_: unknown, c) => t(`investigation.degrees.${c.degree}`),
    },
    {
      title: t('investigation.lastExposure'),
      key: 'last',
      render: (_: unknown, c) => formatDateTime(c.lastExposureAt, lang),
    },
    {
      title: t('contacts.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <Tag color={c.status === 'confirmed' ? 'red' : 'default'}>{t(`contacts.statuses.${c.status}`)}</Tag>
      ),
    },
    {
      title: t('contacts.quarantineOrder'),
      key: 'order',
      render: (_: unknown, c) => c.quarantineOrderId ?? '—',
    },
  ]
  return (
    <Card title={t('contacts.title', { count: contacts.data?.length ?? 0 })}>
      {contacts.isError && <ErrorAlert error={contacts.error} />}
      <Table<ContactRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={contacts.data ?? []}
        loading={contacts.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid="case-contacts"
      />
    </Card>
  )
}
