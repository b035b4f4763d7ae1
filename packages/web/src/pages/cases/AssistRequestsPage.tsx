import { Button, Card, Flex, Select, Space, Tabs, Tag, Typography, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { CaseRoutes, type AssistDirection, type AssistRequest } from '@lianfang/contracts'
import { urlOf } from '../../api/call'
import { useAssistRequests } from './case-queries'
import { formatDateTime } from '../../components/format'
import {
  PagedTable,
  unionOptions,
  unionValue,
  useUrlListState,
  type UrlListState,
} from '../../components/list-kit'
import { currentLanguage } from '../../i18n'
import { RegionName } from '../../components/RegionName'

type AssistStatus = AssistRequest['status']
const STATUS_COLOUR: Record<AssistStatus, string> = {
  open: 'gold',
  sent: 'processing',
  acknowledged: 'success',
  closed: 'default',
}
const ASSIST_STATUSES = ['open', 'sent', 'acknowledged', 'closed'] as const satisfies readonly AssistStatus[]
const DIRECTIONS = ['incoming', 'outgoing'] as const satisfies readonly AssistDirection[]

/**
 * Assist-investigation requests (协查) to and from the user's region. The tab, a status filter
 * and the page live in the URL (the list kit); the route answers the newest requests whole, so
 * the status filter and the paging apply to them here.
 */
export default function AssistRequestsPage() {
  const { t } = useTranslation()
  const list = useUrlListState({ filters: ['direction', 'status'] })
  const direction: AssistDirection = list.filters.direction === 'outgoing' ? 'outgoing' : 'incoming'
  const status = unionValue(ASSIST_STATUSES, list.filters.status)
  return (
    <Card
      title={t('assist.title')}
      extra={
        <Space>
          <Button
            href={urlOf(CaseRoutes.assistRequestsCsv, { query: { direction } })}
            download
            data-testid="assist-export"
          >
            {t('assist.exportCsv')}
          </Button>
          <Button
            href={urlOf(CaseRoutes.assistRequestsExport, { query: { direction, format: 'xlsx' } })}
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
          list.setFilters({ direction: key === 'incoming' ? undefined : key, status: undefined })
        }}
        items={DIRECTIONS.map((d) => ({
          key: d,
          label: <span data-testid={`assist-tab-${d}`}>{t(`assist.${d}`)}</span>,
          children: <AssistTable direction={d} status={status} list={list} />,
        }))}
        destroyOnHidden
      />
    </Card>
  )
}

function AssistTable({
  direction,
  status,
  list,
}: {
  direction: AssistDirection
  status: AssistStatus | undefined
  list: UrlListState<'direction' | 'status'>
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const requests = useAssistRequests(direction)
  const matching = (requests.data ?? []).filter((r) => status === undefined || r.status === status)
  const start = (list.page - 1) * list.pageSize
  const page =
    requests.data === undefined
      ? undefined
      : { items: matching.slice(start, start + list.pageSize), total: matching.length }
  const columns: TableProps<AssistRequest>['columns'] = [
    { title: t('assist.createdAt'), key: 'at', render: (_: unknown, r) => formatDateTime(r.createdAt, lang) },
    {
      title: t('assist.fromRegion'),
      key: 'from',
      render: (_: unknown, r) => <RegionName code={r.fromRegion} />,
    },
    { title: t('assist.toRegion'), key: 'to', render: (_: unknown, r) => <RegionName code={r.toRegion} /> },
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
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('assist.allStatuses')}
          value={status}
          options={unionOptions(ASSIST_STATUSES, 'assist.statuses', t)}
          onChange={(s: string | undefined) => {
            list.setFilters({ status: s })
          }}
          style={{ flex: '0 1 200px' }}
          data-testid="assist-status"
        />
      </Flex>
      <PagedTable<AssistRequest>
        query={{
          data: page,
          isFetching: requests.isFetching,
          isError: requests.isError,
          error: requests.error,
        }}
        // The tab is where the list is, not a narrowing of it: only the status filters (and is cleared).
        list={{
          ...list,
          filtered: status !== undefined,
          clear: () => {
            list.setFilters({ status: undefined })
          },
        }}
        rowKey="id"
        columns={columns}
        emptyText={t(direction === 'incoming' ? 'assist.emptyIncoming' : 'assist.emptyOutgoing')}
        data-testid={`assist-${direction}`}
      />
    </>
  )
}
