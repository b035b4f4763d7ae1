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
  Table,
  Tag,
  type TableProps,
} from 'antd'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import type { FollowupQuery, FollowupTask } from '@lianfang/contracts'
import { useFollowups } from '../../api/followups'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime, positiveInt } from '../../components/format'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { FollowupDetail, FollowupStatusTag } from './FollowupDetail'
import { FOLLOWUP_STATUSES, formatDay, isFollowupStatus, URGENCY_COLOUR, urgencyOf } from './labels'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const dateParam = (v: string | null) => (v !== null && DATE.test(v) && dayjs(v).isValid() ? v : undefined)
const idParam = (v: string | null) => (v !== null && /^[1-9]\d{0,17}$/.test(v) ? v : undefined)
const regionParam = (v: string | null) => (v !== null && /^\d{6}(\d{3}){0,2}$/.test(v) ? v : undefined)

/**
 * Post-discharge follow-up and re-examination tasks in the user's region (weeks 2 and 4 after
 * discharge or release): filters in the URL, overdue and due-soon highlighted, 复阳 raised at the
 * top, and a drawer to record a task's result.
 */
export default function FollowupsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [params, setParams] = useSearchParams()
  const canRecord = useCan('followup:record')
  const statusParam = params.get('status')
  const status = isFollowupStatus(statusParam) ? statusParam : undefined
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const from = dateParam(params.get('from'))
  const to = dateParam(params.get('to'))
  const region = regionParam(params.get('region'))
  const caseId = idParam(params.get('caseId'))
  const repositive = params.get('repositive') === 'true'
  const openId = idParam(params.get('task'))
  const [drawerWidth] = useState(() => Math.min(560, window.innerWidth))
  const [now] = useState(() => Date.now())

  const query: FollowupQuery = { page, pageSize }
  if (status !== undefined) query.status = status
  if (from !== undefined) query.dueAfter = dayjs(from).startOf('day').toISOString()
  if (to !== undefined) query.dueBefore = dayjs(to).add(1, 'day').startOf('day').toISOString()
  if (region !== undefined) query.regionCode = region
  if (caseId !== undefined) query.caseId = caseId
  if (repositive) query.repositive = true
  const tasks = useFollowups(query)
  const flagged = useFollowups({ repositive: true, page: 1, pageSize: 1 }, !repositive)

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }

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
    { title: t('followups.region'), key: 'region', render: (_: unknown, f) => f.regionName ?? f.regionCode },
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
              update({ task: f.id })
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
                update({ repositive: 'true', page: undefined })
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
          options={FOLLOWUP_STATUSES.map((s) => ({ value: s, label: t(`followups.statuses.${s}`) }))}
          onChange={(s: string | undefined) => {
            update({ status: s, page: undefined })
          }}
          style={{ flex: '0 1 160px' }}
          data-testid="followups-status"
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('followups.dueFrom'), t('followups.dueTo')]}
          value={[from === undefined ? null : dayjs(from), to === undefined ? null : dayjs(to)]}
          onChange={(range) => {
            update({
              from: range?.[0]?.format('YYYY-MM-DD'),
              to: range?.[1]?.format('YYYY-MM-DD'),
              page: undefined,
            })
          }}
          data-testid="followups-due-range"
        />
        <RegionTreeSelect
          value={region}
          onChange={(code) => {
            update({ region: code, page: undefined })
          }}
          style={{ flex: '0 1 240px' }}
          testId="followups-region"
        />
        <Checkbox
          checked={repositive}
          onChange={(e) => {
            update({ repositive: e.target.checked ? 'true' : undefined, page: undefined })
          }}
          data-testid="followups-repositive"
        >
          {t('followups.repositiveOnly')}
        </Checkbox>
        {caseId !== undefined && (
          <Tag
            closable
            onClose={() => {
              update({ caseId: undefined, page: undefined })
            }}
          >
            {t('followups.caseFilter', { id: caseId })}
          </Tag>
        )}
      </Flex>
      {tasks.isError && <ErrorAlert error={tasks.error} />}
      <Table<FollowupTask>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tasks.data?.items ?? []}
        loading={tasks.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(f) => ({
          style: f.repositive
            ? { background: '#fff1f0' }
            : f.status === 'missed'
              ? { background: '#fff7e6' }
              : {},
        })}
        pagination={{
          current: page,
          pageSize,
          total: tasks.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            update({ page: String(nextSize === pageSize ? nextPage : 1), pageSize: String(nextSize) })
          },
        }}
        data-testid="followups-table"
      />
      <Drawer
        open={openId !== undefined}
        onClose={() => {
          update({ task: undefined })
        }}
        title={t('followups.detail')}
        size={drawerWidth}
        destroyOnHidden
      >
        {openId !== undefined && (
          <FollowupDetail
            id={openId}
            onDone={() => {
              update({ task: undefined })
            }}
          />
        )}
      </Drawer>
    </Card>
  )
}
