import { Card, Table, Tag, Typography, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '@lianfang/contracts'
import { useUsers } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'

/** The node's user accounts (admin). */
export default function UsersPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const users = useUsers()

  const columns: TableProps<UserSummary>['columns'] = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.role'), key: 'role', render: (_: unknown, u: UserSummary) => t(`role.${u.role}`) },
    { title: t('users.region'), dataIndex: 'regionCode', key: 'region' },
    {
      title: t('users.status'),
      key: 'status',
      render: (_: unknown, u) => {
        if (u.disabled) return <Tag color="default">{t('users.disabled')}</Tag>
        if (u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now()) {
          return (
            <Tag color="red">{t('users.lockedUntil', { time: formatDateTime(u.lockedUntil, lang) })}</Tag>
          )
        }
        return <Tag color="green">{t('users.active')}</Tag>
      },
    },
  ]

  return (
    <Card title={t('users.title')}>
      {users.isError && <ErrorAlert error={users.error} />}
      <Table<UserSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="users-table"
      />
    </Card>
  )
}
