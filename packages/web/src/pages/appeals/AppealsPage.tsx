import { useState } from 'react'
import { Button, Card, Drawer, Radio, Typography, type TableProps } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { Appeal } from '@lianfang/contracts'
import { useAppeals } from '../../api/queries'
import type { AppealStatus } from '../../api/types'
import { ColourTag } from '../../components/colour'
import { formatDateTime } from '../../components/format'
import { PagedTable, unionOptions, unionValue, useUrlListState } from '../../components/list-kit'
import { currentLanguage } from '../../i18n'
import { AppealDetail } from './AppealDetail'
import { AppealStatusTag } from './AppealStatusTag'
import { RegionName } from '../../components/RegionName'

const STATUSES = ['open', 'accepted', 'rejected'] as const satisfies readonly AppealStatus[]

/** The 纠错 queue: citizens' appeals against their colour, with review and corrections. */
export default function AppealsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const list = useUrlListState({ filters: ['status'] })
  // No status in the URL: the queue of open appeals.
  const status: AppealStatus | 'all' =
    list.filters.status === 'all' ? 'all' : (unionValue(STATUSES, list.filters.status) ?? 'open')
  const appeals = useAppeals({
    page: list.page,
    pageSize: list.pageSize,
    ...(status === 'all' ? {} : { status }),
  })
  const [params, setParams] = useSearchParams()
  const openId = params.get('appeal') ?? undefined
  const showAppeal = (id: string | undefined) => {
    setParams((current) => {
      const next = new URLSearchParams(current)
      if (id === undefined) next.delete('appeal')
      else next.set('appeal', id)
      return next
    })
  }
  const [drawerWidth] = useState(() => Math.min(560, window.innerWidth))

  const columns: TableProps<Appeal>['columns'] = [
    {
      title: t('appeals.filedAt'),
      key: 'at',
      render: (_: unknown, a: Appeal) => formatDateTime(a.createdAt, lang),
    },
    { title: t('person.name'), dataIndex: 'personName', key: 'name' },
    {
      title: t('person.region'),
      key: 'region',
      render: (_: unknown, a: Appeal) => <RegionName code={a.regionCode} />,
    },
    {
      title: t('appeals.colourThen'),
      key: 'colour',
      render: (_: unknown, a) => <ColourTag colour={a.colour} />,
    },
    {
      title: t('appeal.statement'),
      key: 'statement',
      render: (_: unknown, a) => (
        <Typography.Text ellipsis style={{ maxWidth: 280 }} title={a.statement}>
          {a.statement}
        </Typography.Text>
      ),
    },
    {
      title: t('appeals.status'),
      key: 'status',
      render: (_: unknown, a) => <AppealStatusTag status={a.status} />,
    },
    {
      title: '',
      key: 'open',
      render: (_: unknown, a) => (
        <Button
          size="small"
          type={a.status === 'open' ? 'primary' : 'default'}
          onClick={() => {
            showAppeal(a.id)
          }}
          data-testid={`appeal-open-${a.id}`}
        >
          {a.status === 'open' ? t('appeals.review') : t('appeals.view')}
        </Button>
      ),
    },
  ]

  return (
    <Card title={t('appeals.title')} data-testid="appeals">
      <Radio.Group
        optionType="button"
        value={status}
        onChange={(e) => {
          list.setFilters({ status: e.target.value === 'open' ? undefined : String(e.target.value) })
        }}
        options={[...unionOptions(STATUSES, 'appealStatus', t), { value: 'all', label: t('appeals.all') }]}
        style={{ marginBottom: 16 }}
        data-testid="appeals-status"
      />
      <PagedTable<Appeal>
        query={appeals}
        list={list}
        rowKey="id"
        columns={columns}
        emptyText={t(status === 'open' ? 'appeals.emptyOpen' : 'appeals.empty')}
        data-testid="appeals-table"
      />
      <Drawer
        open={openId !== undefined}
        onClose={() => {
          showAppeal(undefined)
        }}
        title={t('appeals.detail')}
        size={drawerWidth}
        destroyOnHidden
      >
        {openId !== undefined && (
          <AppealDetail
            id={openId}
            onDecided={() => {
              showAppeal(undefined)
            }}
          />
        )}
      </Drawer>
    </Card>
  )
}
