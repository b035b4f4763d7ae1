import { Alert, Card, Space } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { KeyGroupRoutes } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { useUrlListState } from '../../components/list-kit'
import { GroupsTable } from './GroupsTable'
import { OVERDUE_FILTERS, OverdueList } from './OverdueList'

/** 重点人群: the 应检尽检 groups, their overdue members and the SMS reminder (#17, RULES TEST.MUST/TEST.WILL). */
export default function KeyGroupsPage() {
  const { t } = useTranslation()
  const list = useUrlListState({ filters: OVERDUE_FILTERS })
  const groups = useQuery({
    queryKey: queryKeyOf(KeyGroupRoutes.list),
    queryFn: () => call(KeyGroupRoutes.list),
  })
  return (
    <Card title={t('keyGroups.title')} data-testid="key-groups-page">
      <Alert type="info" showIcon title={t('keyGroups.explain')} style={{ marginBottom: 16 }} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <GroupsTable
          groups={groups}
          onShowOverdue={(group) => {
            list.setFilters({ group })
          }}
        />
        <OverdueList list={list} groups={groups.data?.items ?? []} />
      </Space>
    </Card>
  )
}
