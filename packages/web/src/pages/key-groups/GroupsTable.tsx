import { Button, Card, Space, Table, Tag, type TableProps } from 'antd'
import type { UseQueryResult } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { KeyGroupItem, KeyGroupList } from '@lianfang/contracts'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { groupName } from './group-name'
import { LocalGroupButton } from './LocalGroupButton'

/** The groups with their interval, members and overdue members in the user's scope. */
export function GroupsTable({
  groups,
  onShowOverdue,
}: {
  groups: UseQueryResult<KeyGroupList>
  onShowOverdue: (group: string) => void
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const canDefine = useCan('keygroup:define')
  const canWrite = useCan('keygroup:write')
  const canOpenImports = useCan('person:write')
  const canImport = canWrite && canOpenImports
  const columns: TableProps<KeyGroupItem>['columns'] = [
    { title: t('keyGroups.name'), key: 'name', render: (_: unknown, g) => groupName(g, lang) },
    {
      title: t('keyGroups.kind'),
      key: 'kind',
      render: (_: unknown, g) => (
        <Tag color={g.kind === 'national' ? 'blue' : 'green'}>{t(`keyGroups.kinds.${g.kind}`)}</Tag>
      ),
    },
    {
      title: t('keyGroups.region'),
      key: 'region',
      render: (_: unknown, g) => g.regionName ?? t('keyGroups.wholeNode'),
    },
    {
      title: t('keyGroups.interval'),
      key: 'interval',
      render: (_: unknown, g) => t('keyGroups.intervalValue', { n: g.intervalDays }),
    },
    { title: t('keyGroups.members'), dataIndex: 'members', key: 'members' },
    {
      title: t('keyGroups.overdue'),
      key: 'overdue',
      render: (_: unknown, g) =>
        g.overdue === 0 ? (
          0
        ) : (
          <Button
            type="link"
            danger
            size="small"
            title={t('keyGroups.showOverdue')}
            onClick={() => {
              onShowOverdue(g.code)
            }}
            data-testid={`key-group-overdue-${g.code}`}
          >
            {g.overdue}
          </Button>
        ),
    },
  ]
  return (
    <Card
      size="small"
      title={t('keyGroups.groups')}
      extra={
        <Space>
          {canImport && (
            <Link to="/imports/key-group-members" data-testid="key-group-import">
              {t('keyGroups.import')}
            </Link>
          )}
          {canDefine && <LocalGroupButton />}
        </Space>
      }
      data-testid="key-groups-table"
    >
      {groups.isError && <ErrorAlert error={groups.error} />}
      <Table<KeyGroupItem>
        rowKey="code"
        size="small"
        pagination={false}
        loading={groups.isFetching}
        columns={columns}
        dataSource={groups.data?.items ?? []}
      />
    </Card>
  )
}
