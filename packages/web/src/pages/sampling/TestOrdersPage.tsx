import { Card, DatePicker, Select, Space, Tag, Typography, type TableProps } from 'antd'
import dayjs from 'dayjs'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type TestOrder, type TestOrderQuery } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { PagedTable, useUrlListState } from '../../components/list-kit'
import { RegionName } from '../../components/RegionName'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'

const FILTERS = ['date', 'regionCode', 'status'] as const
const STATUSES = ['open', 'done', 'all'] as const
type StatusFilter = (typeof STATUSES)[number]
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(new Date())

/** 采样清单: the test orders of a day per region, open or sampled (masked names). */
export default function TestOrdersPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const list = useUrlListState({ filters: FILTERS, defaultPageSize: 50 })
  const date = list.filters.date ?? today()
  const status: StatusFilter = STATUSES.find((s) => s === list.filters.status) ?? 'open'
  const query: TestOrderQuery = {
    date,
    status,
    page: list.page,
    pageSize: list.pageSize,
    ...(list.filters.regionCode === undefined ? {} : { regionCode: list.filters.regionCode }),
  }
  const orders = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.testOrders, { query }),
    queryFn: () => call(SamplingRoutes.testOrders, { query }),
    placeholderData: keepPreviousData,
  })
  const columns: TableProps<TestOrder>['columns'] = [
    { title: t('sampling.orders.person'), dataIndex: 'nameMasked', key: 'name' },
    { title: t('sampling.orders.idNumber'), dataIndex: 'idNumberMasked', key: 'id' },
    {
      title: t('sampling.orders.region'),
      key: 'region',
      render: (_: unknown, o) => <RegionName code={o.regionCode} name={o.regionName} />,
    },
    {
      title: t('sampling.orders.reason'),
      key: 'reason',
      render: (_: unknown, o) => t(`sampling.orders.reasons.${o.reason}`),
    },
    { title: t('sampling.orders.site'), key: 'site', render: (_: unknown, o) => o.siteName ?? '—' },
    {
      title: t('sampling.orders.status'),
      key: 'status',
      render: (_: unknown, o) => (
        <Tag color={o.status === 'done' ? 'green' : o.status === 'open' ? 'orange' : 'default'}>
          {t(`sampling.orders.statuses.${o.status}`)}
        </Tag>
      ),
    },
    {
      title: t('sampling.orders.doneAt'),
      key: 'doneAt',
      render: (_: unknown, o) => (o.doneAt === null ? '—' : formatDateTime(o.doneAt, lang)),
    },
  ]
  return (
    <Card title={t('sampling.orders.title')} data-testid="test-orders-page">
      <Typography.Paragraph type="secondary">{t('sampling.orders.explain')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          value={dayjs(date)}
          allowClear={false}
          onChange={(d) => {
            if (d !== null) list.setFilters({ date: d.format('YYYY-MM-DD') })
          }}
          aria-label={t('sampling.orders.date')}
          data-testid="test-orders-date"
        />
        <RegionTreeSelect
          value={list.filters.regionCode}
          onChange={(regionCode) => {
            list.setFilters({ regionCode })
          }}
          testId="test-orders-region"
          style={{ width: 260 }}
        />
        <Select
          value={status}
          style={{ width: 140 }}
          onChange={(s) => {
            list.setFilters({ status: s })
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`sampling.orders.statuses.${s}`) }))}
          data-testid="test-orders-status"
        />
      </Space>
      <div style={{ marginBottom: 8 }}>
        {(orders.data?.counts ?? []).map((c) => (
          <Tag key={c.regionCode}>
            {t('sampling.orders.counts', { region: c.regionName, open: c.open, done: c.done })}
          </Tag>
        ))}
      </div>
      <PagedTable
        query={orders}
        list={list}
        columns={columns}
        rowKey="id"
        emptyText={t('sampling.orders.explain')}
        data-testid="test-orders-table"
      />
    </Card>
  )
}
