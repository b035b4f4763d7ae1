import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ChainRoutes, type ClusterAlert, type ClusterQuery, type ClusterStatus } from '@lianfang/contracts'
import { call } from '../../api/call'
import { useClusters } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime, positiveInt } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { RegionName } from '../../components/RegionName'
import { ruleSetVersionText } from '../../components/rule-set-version'

const STATUSES = ['open', 'acknowledged', 'closed'] as const satisfies readonly ClusterStatus[]
const STATUS_COLOUR: Record<ClusterStatus, string> = { open: 'red', acknowledged: 'gold', closed: 'default' }
const isStatus = (v: string | null): v is ClusterStatus =>
  v !== null && (STATUSES as readonly string[]).includes(v)

/**
 * Cluster alerts (聚集性疫情, RULES.md §A9) of settings in the user's region: filters in the URL,
 * acknowledging an alert (with a note), and a detection run on demand. Cases are linked by id.
 */
export default function ClustersPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const canWrite = useCan('case:write')
  const [params, setParams] = useSearchParams()
  const statusParam = params.get('status')
  const status = isStatus(statusParam) ? statusParam : undefined
  const activeParam = params.get('active')
  const active = activeParam === 'true' ? true : activeParam === 'false' ? false : undefined
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const [acknowledging, setAcknowledging] = useState<ClusterAlert>()

  const query: ClusterQuery = { page, pageSize }
  if (status !== undefined) query.status = status
  if (active !== undefined) query.active = active
  const clusters = useClusters(query)

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }

  const detect = useMutation({
    mutationFn: () => call(ChainRoutes.detectClusters, { body: {} }),
    onSuccess: async (r) => {
      void message.success(t('clusters.detected', r))
      await queryClient.invalidateQueries({ queryKey: ['clusters'] })
    },
  })

  const columns: TableProps<ClusterAlert>['columns'] = [
    {
      title: t('clusters.setting'),
      key: 'setting',
      fixed: 'left',
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          <Tag>{t(`clusters.kinds.${a.kind}`)}</Tag>
          <span>{a.settingName ?? t('clusters.household', { key: a.key })}</span>
        </Space>
      ),
    },
    {
      title: t('clusters.region'),
      key: 'region',
      render: (_: unknown, a) => <RegionName code={a.regionCode} />,
    },
    {
      title: t('clusters.cases'),
      key: 'cases',
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          {a.caseIds.map((id) => (
            <Link key={id} to={`/cases/${id}`}>
              #{id}
            </Link>
          ))}
        </Space>
      ),
    },
    {
      title: t('clusters.period'),
      key: 'period',
      render: (_: unknown, a) => (
        <Space orientation="vertical" size={0}>
          <span>
            {formatDateTime(a.firstAt, lang)} – {formatDateTime(a.lastAt, lang)}
          </span>
          <Typography.Text type="secondary">
            {t('clusters.threshold', { min: a.minCases, days: a.windowDays })} ·{' '}
            {ruleSetVersionText(t, a.ruleSetVersion)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('clusters.status'),
      key: 'status',
      render: (_: unknown, a) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <Tag color={STATUS_COLOUR[a.status]} data-testid={`cluster-status-${a.id}`}>
              {t(`clusters.statuses.${a.status}`)}
            </Tag>
            <Tag color={a.active ? 'volcano' : 'default'}>
              {t(a.active ? 'clusters.activeValues.true' : 'clusters.activeValues.false')}
            </Tag>
          </Space>
          {a.note !== null && <Typography.Text type="secondary">{a.note}</Typography.Text>}
          {a.closedReason !== null && (
            <Typography.Text type="secondary">
              {t('clusters.closedReason', { reason: a.closedReason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, a) => (
        <Space>
          {a.caseIds[0] !== undefined && (
            <Link to={`/chains?caseId=${a.caseIds[0]}`}>{t('clusters.openChain')}</Link>
          )}
          {canWrite && a.status === 'open' && (
            <Button
              size="small"
              onClick={() => {
                setAcknowledging(a)
              }}
              data-testid={`cluster-ack-${a.id}`}
            >
              {t('clusters.acknowledge')}
            </Button>
          )}
        </Space>
      ),
    },
  ]

  return (
    <Card
      title={t('clusters.title')}
      extra={
        canWrite && (
          <Button
            onClick={() => {
              detect.mutate()
            }}
            loading={detect.isPending}
            data-testid="clusters-detect"
          >
            {t('clusters.detect')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<ClusterStatus | ''>
          style={{ minWidth: 160 }}
          value={status ?? ''}
          onChange={(v) => {
            update({ status: v === '' ? undefined : v, page: undefined })
          }}
          options={[
            { value: '', label: t('clusters.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`clusters.statuses.${s}`) })),
          ]}
          data-testid="clusters-status"
        />
        <Select<'' | 'true' | 'false'>
          style={{ minWidth: 140 }}
          value={activeParam === 'true' || activeParam === 'false' ? activeParam : ''}
          onChange={(v) => {
            update({ active: v === '' ? undefined : v, page: undefined })
          }}
          options={[
            { value: '', label: t('clusters.allActivity') },
            { value: 'true', label: t('clusters.activeValues.true') },
            { value: 'false', label: t('clusters.activeValues.false') },
          ]}
          data-testid="clusters-active"
        />
      </Flex>
      {detect.isError && <ErrorAlert error={detect.error} />}
      {clusters.isError && <ErrorAlert error={clusters.error} />}
      <Table<ClusterAlert>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={clusters.data?.items ?? []}
        loading={clusters.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: clusters.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            update({ page: String(p), pageSize: String(s) })
          },
        }}
        data-testid="clusters-table"
      />
      {acknowledging !== undefined && (
        <AcknowledgeModal
          alert={acknowledging}
          onClose={() => {
            setAcknowledging(undefined)
          }}
        />
      )}
    </Card>
  )
}

function AcknowledgeModal({ alert, onClose }: { alert: ClusterAlert; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ note?: string }>()
  const ack = useMutation({
    mutationFn: (note: string | undefined) =>
      call(ChainRoutes.acknowledgeCluster, {
        params: { id: alert.id },
        body: note === undefined || note === '' ? {} : { note },
      }),
    onSuccess: async () => {
      void message.success(t('clusters.acknowledged'))
      await queryClient.invalidateQueries({ queryKey: ['clusters'] })
      onClose()
    },
  })
  return (
    <Modal
      open
      title={t('clusters.acknowledgeTitle')}
      onCancel={onClose}
      onOk={() => {
        ack.mutate(form.getFieldValue('note') as string | undefined)
      }}
      okButtonProps={{ loading: ack.isPending, 'data-testid': 'cluster-ack-submit' }}
    >
      {ack.isError && <ErrorAlert error={ack.error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('clusters.note')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
