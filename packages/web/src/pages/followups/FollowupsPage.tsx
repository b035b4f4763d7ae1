import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Flex,
  Select,
  Space,
  Tag,
  type TableProps,
} from 'antd'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import { FollowupRoutes, type FollowupQuery, type FollowupTask } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { formatDateTime } from '../../components/format'
import { PagedTable, unionOptions, unionValue, useUrlListState } from '../../components/list-kit'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { FollowupDetail, FollowupStatusTag } from './FollowupDetail'
import { FOLLOWUP_STATUSES, formatDay, URGENCY_COLOUR, urgencyOf } from './labels'
import { RegionName } from '../../components/RegionName'
import { wallToIso } from '../../components/civil-time'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const dateParam = (v: string | undefined) =>
  v !== undefined && DATE.test(v) && dayjs(v).isValid() ? v : undefined
const idParam = (v: string | undefined) => (v !== undefined && /^[1-9]\d{0,17}$/.test(v) ? v : undefined)
const regionParam = (v: string | undefined) =>
  v !== undefined && /^\d{6}(\d{3}){0,2}$/.test(v) ? v : undefined

/**
 * Post-discharge follow-up and re-examination tasks in the user's region (weeks 2 and 4 after
 * discharge or release): filters in the URL, overdue and due-soon highlighted, 复阳 raised at the
 * top, and a drawer to record a task's result.
 */
export default function FollowupsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const list = useUrlListState({ filters: ['status', 'from', 'to', 'region', 'caseId', 'repositive'] })
  const canRecord = useCan('followup:record')
  const status = unionValue(FOLLOWUP_STATUSES, list.filters.status)
  const { page, pageSize } = list
  const from = dateParam(list.filters.from)
  const to = dateParam(list.filters.to)
  const region = regionParam(list.filters.region)
  const caseId = idParam(list.filters.caseId)
  const repositive = list.filters.repositive === 'true'
  const [params, setParams] = useSearchParams()
  const openId = idParam(params.get('task') ?? undefined)
  const showTask = (id: string | undefined) => {
    setParams((current) => {
      const next = new URLSearchParams(current)
      if (id === undefined) next.delete('task')
      else next.set('task', id)
      return next
    })
  }
  const [drawerWidth] = useState(() => Math.min(560, window.innerWidth))
  const [now] = useState(() => Date.now())

  const query: FollowupQuery = { page, pageSize }
  if (status !== undefined) query.status = status
  if (from !== undefined) query.dueAfter = wallToIso(dayjs(from).startOf('day'))
  if (to !== undefined) query.dueBefore = wallToIso(dayjs(to).add(1, 'day').startOf('day'))
  if (region !== undefined) query.regionCode = region
  if (caseId !== undefined) query.caseId = caseId
  if (repositive) query.repositive = true
  const tasks = useQuery({
    queryKey: queryKeyOf(FollowupRoutes.list, { query }),
    queryFn: () => call(FollowupRoutes.list, { query }),
    placeholderData: keepPreviousData,
  })
  const flaggedQuery: FollowupQuery = { repositive: true, page: 1, pageSize: 1 }
  const flagged = useQuery({
    queryKey: queryKeyOf(FollowupRoutes.list, { query: flaggedQuery }),
    queryFn: () => call(FollowupRoutes.list, { query: flaggedQuery }),
    placeholderData: keepPreviousData,
    enabled: !repositive,
  })

  const columns: TableProps<FollowupTask>['columns'] = [
    {
      title: t('followups.person'),
      key: 'person',
      fixed: 'left',
      render: (_: unknown, f) => (
        <Space orientation="vertical" size={0}>
          <span>{f.personName}</span>
          {f.phoneMasked !== null && <span style={{ color: '#8c8c8c', fontSize: 12 }}>{f.phoneMasked}</span>}
        </Space>
      ),
    },
    {
      title: t('followups.case'),
      key: 'case',
      render: (_: unknown, f) =>
        `${t(`followups.caseStatuses.${f.caseStatus}`)} · ${t(`followups.outcomes.${f.outcome}`)}`,
    },
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
      title: t('followups.due'),
      key: 'due',
      render: (_: unknown, f) => {
        const urgency = urgencyOf(f, now)
        return (
          <Space orientation="vertical" size={0}>
            <span>{formatDateTime(f.dueAt, lang)}</span>
            {urgency !== undefined && (
              <Tag color={URGENCY_COLOUR[urgency.kind]} data-testid={`followup-urgency-${f.id}`}>
                {urgency.kind === 'dueSoon'
                  ? t('followups.urgency.dueSoon', { days: urgency.days })
                  : t(`followups.urgency.${urgency.kind}`)}
              </Tag>
            )}
          </Space>
        )
      },
    },
    {
      title: t('followups.assignee'),
      key: 'assignee',
      // A community is its region (the next column); a hospital is named.
      render: (_: unknown, f) =>
        f.assigneeKind === 'community'
          ? t('followups.assigneeKinds.community')
          : `${t('followups.assigneeKinds.hospital')} · ${f.assigneeName}`,
    },
    {
      title: t('followups.region'),
      key: 'region',
      render: (_: unknown, f) => <RegionName code={f.regionCode} name={f.regionName} />,
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
      render: (_: unknown, f) => {
        const open = f.status === 'due' || f.status === 'missed'
        return (
          <Button
            size="small"
            type={open && canRecord ? 'primary' : 'default'}
            onClick={() => {
              showTask(f.id)
            }}
            data-testid={`followup-open-${f.id}`}
          >
            {open && canRecord ? t('followups.record') : t('followups.view')}
          </Button>
        )
      },
    },
  ]

  const flaggedCount = flagged.data?.total ?? 0
  return (
    <Card title={t('followups.title')} data-testid="followups">
      {!repositive && flaggedCount > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('followups.repositiveAlert', { count: flaggedCount })}
          action={
            <Button
              size="small"
              danger
              onClick={() => {
                list.setFilters({ repositive: 'true' })
              }}
            >
              {t('followups.repositiveShow')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="followups-repositive-alert"
        />
      )}
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('followups.allStatuses')}
          value={status}
          options={unionOptions(FOLLOWUP_STATUSES, 'followups.statuses', t)}
          onChange={(s: string | undefined) => {
            list.setFilters({ status: s })
          }}
          style={{ flex: '0 1 160px' }}
          data-testid="followups-status"
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('followups.dueFrom'), t('followups.dueTo')]}
          value={[from === undefined ? null : dayjs(from), to === undefined ? null : dayjs(to)]}
          onChange={(range) => {
            list.setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }}
          data-testid="followups-due-range"
        />
        <RegionTreeSelect
          value={region}
          onChange={(code) => {
            list.setFilters({ region: code })
          }}
          style={{ flex: '0 1 240px' }}
          testId="followups-region"
        />
        <Checkbox
          checked={repositive}
          onChange={(e) => {
            list.setFilters({ repositive: e.target.checked ? 'true' : undefined })
          }}
          data-testid="followups-repositive"
        >
          {t('followups.repositiveOnly')}
        </Checkbox>
        {caseId !== undefined && (
          <Tag
            closable
            onClose={() => {
              list.setFilters({ caseId: undefined })
            }}
          >
            {t('followups.caseFilter', { id: caseId })}
          </Tag>
        )}
      </Flex>
      <PagedTable<FollowupTask>
        query={tasks}
        list={list}
        rowKey="id"
        columns={columns}
        onRow={(f) => ({
          style: f.repositive
            ? { background: '#fff1f0' }
            : f.status === 'missed'
              ? { background: '#fff7e6' }
              : {},
        })}
        emptyText={t('followups.empty')}
        data-testid="followups-table"
      />
      <Drawer
        open={openId !== undefined}
        onClose={() => {
          showTask(undefined)
        }}
        title={t('followups.detail')}
        size={drawerWidth}
        destroyOnHidden
      >
        {openId !== undefined && (
          <FollowupDetail
            id={openId}
            onDone={() => {
              showTask(undefined)
            }}
          />
        )}
      </Drawer>
    </Card>
  )
}
