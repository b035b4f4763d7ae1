import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Card, Drawer, Empty, Table, Tag, type TableProps } from 'antd'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { FollowupRoutes, type FollowupQuery, type FollowupTask } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { FollowupDetail, FollowupStatusTag } from './FollowupDetail'
import { formatDay } from './labels'

/**
 * A case's post-discharge follow-up tasks, self-contained for the case detail page: its weeks,
 * windows, states and results, each opening in a drawer to view or record. Renders nothing for a
 * user without `followup:read`.
 */
export function CaseFollowups({ caseId }: { caseId: string }) {
  const canRead = useCan('followup:read')
  return canRead ? <CaseFollowupsCard caseId={caseId} /> : null
}

function CaseFollowupsCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const query: FollowupQuery = { caseId, page: 1, pageSize: 50 }
  const tasks = useQuery({
    queryKey: queryKeyOf(FollowupRoutes.list, { query }),
    queryFn: () => call(FollowupRoutes.list, { query }),
    placeholderData: keepPreviousData,
  })
  const [openId, setOpenId] = useState<string>()
  const [drawerWidth] = useState(() => Math.min(560, window.innerWidth))

  const columns: TableProps<FollowupTask>['columns'] = [
    {
      title: t('followups.weekColumn'),
      key: 'week',
      render: (_: unknown, f) => t('followups.week', { week: f.week }),
    },
    {
      title: t('followups.window'),
      key: 'window',
      render: (_: unknown, f) => `${formatDay(f.windowOpensAt, lang)} – ${formatDay(f.dueAt, lang)}`,
    },
    {
      title: t('followups.assignee'),
      key: 'assignee',
      render: (_: unknown, f) => `${t(`followups.assigneeKinds.${f.assigneeKind}`)} · ${f.assigneeName}`,
    },
    {
      title: t('followups.status'),
      key: 'status',
      render: (_: unknown, f) => <FollowupStatusTag task={f} />,
    },
    {
      title: t('followups.result'),
      key: 'result',
      render: (_: unknown, f) =>
        f.result === null ? (
          '—'
        ) : (
          <Tag color={f.result.natResult === 'positive' ? 'red' : 'default'}>
            {t(`followups.natResults.${f.result.natResult}`)}
          </Tag>
        ),
    },
    {
      title: '',
      key: 'open',
      render: (_: unknown, f) => (
        <Button
          size="small"
          onClick={() => {
            setOpenId(f.id)
          }}
          data-testid={`case-followup-open-${f.id}`}
        >
          {t('followups.view')}
        </Button>
      ),
    },
  ]

  const items = tasks.data?.items ?? []
  const observationEnd = items[0]?.observationEndsAt ?? null
  return (
    <Card
      size="small"
      title={t('followups.caseFollowups')}
      extra={<Link to={`/followups?caseId=${encodeURIComponent(caseId)}`}>{t('nav.followups')}</Link>}
      data-testid="case-followups"
    >
      {tasks.isError && <ErrorAlert error={tasks.error} />}
      {observationEnd !== null && (
        <p style={{ marginTop: 0 }}>
          {t('followups.observationEndsAt')}: {formatDay(observationEnd, lang)}
        </p>
      )}
      {!tasks.isPending && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followups.noTasks')} />
      ) : (
        <Table<FollowupTask>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={tasks.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
      <Drawer
        open={openId !== undefined}
        onClose={() => {
          setOpenId(undefined)
        }}
        title={t('followups.detail')}
        size={drawerWidth}
        destroyOnHidden
      >
        {openId !== undefined && (
          <FollowupDetail
            id={openId}
            onDone={() => {
              setOpenId(undefined)
            }}
          />
        )}
      </Drawer>
    </Card>
  )
}
