import { App, Card, Form, Input, Select, Space, Button, Table, Tag, Typography, type TableProps } from 'antd'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  KeyGroupRoutes,
  type KeyGroupItem,
  type NotifyOverdueBody,
  type NotifyOverdueResult,
  type OverdueCount,
  type OverdueMember,
  type OverdueQuery,
} from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { formatDateTime } from '../../components/format'
import { MutationButton, PagedTable, type UrlListState } from '../../components/list-kit'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { groupName } from './group-name'

export const OVERDUE_FILTERS = ['regionCode', 'group', 'unit'] as const
export type OverdueFilterName = (typeof OVERDUE_FILTERS)[number]

interface FilterForm {
  regionCode?: string
  group?: string
  unit?: string
}

/** The overdue members of the filter in the URL, with counts per region and group and the reminder. */
export function OverdueList({
  list,
  groups,
}: {
  list: UrlListState<OverdueFilterName>
  groups: readonly KeyGroupItem[]
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const canNotify = useCan('keygroup:write')
  const filter: NotifyOverdueBody = { ...list.filters }
  const query: OverdueQuery = { ...filter, page: list.page, pageSize: list.pageSize }
  const overdue = useQuery({
    queryKey: queryKeyOf(KeyGroupRoutes.overdue, { query }),
    queryFn: () => call(KeyGroupRoutes.overdue, { query }),
    placeholderData: keepPreviousData,
  })
  const total = overdue.data?.total ?? 0
  const nameOf = (code: string) => {
    const g = groups.find((x) => x.code === code)
    return g ? groupName(g, lang) : code
  }
  const date = (iso: string | null) => (iso === null ? t('keyGroups.never') : formatDateTime(iso, lang))
  const columns: TableProps<OverdueMember>['columns'] = [
    { title: t('keyGroups.person'), dataIndex: 'name', key: 'name' },
    { title: t('keyGroups.phone'), key: 'phone', render: (_: unknown, m) => m.phoneMasked ?? '—' },
    { title: t('keyGroups.idNumber'), dataIndex: 'idNumberMasked', key: 'id' },
    { title: t('keyGroups.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('keyGroups.filterGroup'),
      key: 'group',
      render: (_: unknown, m) => groupName({ nameZh: m.groupNameZh, nameEn: m.groupNameEn }, lang),
    },
    { title: t('keyGroups.unit'), key: 'unit', render: (_: unknown, m) => m.unitName ?? '—' },
    {
      title: t('keyGroups.source'),
      key: 'source',
      render: (_: unknown, m) => t(`keyGroups.sources.${m.source}`),
    },
    { title: t('keyGroups.lastNegative'), key: 'last', render: (_: unknown, m) => date(m.lastNegativeAt) },
    {
      title: t('keyGroups.overdueSince'),
      key: 'since',
      render: (_: unknown, m) => (
        <Space size={4}>
          {m.overdueSince === null ? '—' : formatDateTime(m.overdueSince, lang)}
          {m.remindedToday && <Tag color="gold">{t('keyGroups.remindedToday')}</Tag>}
        </Space>
      ),
    },
  ]
  const countColumns: TableProps<OverdueCount>['columns'] = [
    { title: t('keyGroups.region'), dataIndex: 'regionName', key: 'region' },
    { title: t('keyGroups.filterGroup'), key: 'group', render: (_: unknown, c) => nameOf(c.group) },
    { title: t('keyGroups.overdue'), dataIndex: 'overdue', key: 'n' },
  ]
  return (
    <Card size="small" title={t('keyGroups.overdueTitle')} data-testid="key-groups-overdue">
      <Form<FilterForm>
        layout="inline"
        key={JSON.stringify(list.filters)}
        initialValues={list.filters}
        onFinish={(v) => {
          list.setFilters({ regionCode: v.regionCode, group: v.group, unit: v.unit })
        }}
        style={{ rowGap: 12, marginBottom: 12 }}
      >
        <Form.Item name="regionCode" label={t('keyGroups.filterRegion')}>
          <RegionTreeSelect testId="key-groups-filter-region" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="group" label={t('keyGroups.filterGroup')}>
          <Select
            allowClear
            style={{ width: 200 }}
            options={groups.map((g) => ({ value: g.code, label: groupName(g, lang) }))}
            data-testid="key-groups-filter-group"
          />
        </Form.Item>
        <Form.Item name="unit" label={t('keyGroups.filterUnit')}>
          <Input maxLength={100} allowClear data-testid="key-groups-filter-unit" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="key-groups-search">
            {t('keyGroups.search')}
          </Button>
          <Button onClick={list.clear}>{t('keyGroups.clear')}</Button>
          {canNotify && (
            <MutationButton<object, NotifyOverdueResult>
              buttonText={t('keyGroups.notify')}
              buttonProps={{ size: 'middle', danger: true, disabled: total === 0 }}
              buttonTestId="key-groups-notify"
              testId="key-groups-notify"
              title={t('keyGroups.notifyTitle')}
              explain={t('keyGroups.notifyExplain', { total })}
              confirm={t('keyGroups.notifyConfirm')}
              okText={t('keyGroups.notifyOk')}
              mutationFn={() => call(KeyGroupRoutes.notify, { body: filter })}
              onSuccess={(r) => {
                void message.success(
                  t('keyGroups.notified', {
                    sent: r.sent,
                    already: r.alreadyToday,
                    noPhone: r.noPhone,
                    failed: r.failed,
                  }),
                )
                void queryClient.invalidateQueries({
                  queryKey: queryKeyOf(KeyGroupRoutes.overdue, { query }),
                })
              }}
            />
          )}
        </Space>
      </Form>
      <PagedTable<OverdueMember>
        query={overdue}
        list={list}
        rowKey={(m) => `${m.personId}:${m.group}`}
        size="small"
        columns={columns}
        emptyText={t('keyGroups.empty')}
        data-testid="key-groups-overdue-table"
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('keyGroups.counts')}
      </Typography.Title>
      <Table<OverdueCount>
        rowKey={(c) => `${c.regionCode}:${c.group}`}
        size="small"
        pagination={false}
        columns={countColumns}
        dataSource={overdue.data?.counts ?? []}
        locale={{ emptyText: t('keyGroups.countsEmpty') }}
        data-testid="key-groups-counts"
      />
    </Card>
  )
}
