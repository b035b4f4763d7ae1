import { useCallback, useState, type CSSProperties } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import dayjs from 'dayjs'
import type {
  ChainConfidence,
  ChainEdge,
  ChainNode,
  ChainQuery,
  CreateCaseLinkBody,
} from '../../api/case-types'
import { tracingApi, tracingKeys, useChainGraph } from '../../api/cases-tracing'
import { ErrorAlert } from '../../components/ErrorAlert'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { formatDateTime } from '../../components/format'
import { currentLanguage, translateDynamic } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { ChainCanvas } from './ChainCanvas'

const CONFIDENCES = ['confirmed', 'probable', 'possible'] as const satisfies readonly ChainConfidence[]
const ID = /^[1-9][0-9]{0,17}$/

/**
 * Transmission chains (传播链): the graph of cases, confirmed contacts and clusters — one case's
 * chain (`?caseId=`) or the region's — filtered by dates and region (all in the URL). A click on
 * a case opens it; a click on an infection link selects it for deletion; a form adds a link
 * between two cases (the server refuses self-links and cycles, naming the path). Nodes of other
 * regions come anonymised from the server and are drawn grey.
 */
export default function ChainGraphPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const navigate = useNavigate()
  const canWrite = useCan('case:write')
  const [params, setParams] = useSearchParams()
  const caseId = params.get('caseId') ?? ''
  const from = params.get('from') ?? ''
  const to = params.get('to') ?? ''
  const region = params.get('region') ?? ''
  const [caseDraft, setCaseDraft] = useState(caseId)
  const [edge, setEdge] = useState<ChainEdge>()

  const query: ChainQuery = {}
  if (ID.test(caseId)) query.caseId = caseId
  if (from !== '') query.from = from
  if (to !== '') query.to = to
  if (region !== '') query.region = region
  const graph = useChainGraph(query)

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
    setEdge(undefined)
  }

  const labelOf = useCallback(
    (n: ChainNode): string => {
      if (n.otherRegion) return `${t('chains.otherRegion')} ${n.regionCode}`
      if (n.kind === 'case') return `${n.label ?? ''} #${n.caseId ?? ''}`
      if (n.kind === 'cluster')
        return `${translateDynamic(t, `clusters.kinds.${n.clusterKind ?? ''}`)} ${n.label ?? ''}`
      return n.label ?? ''
    },
    [t],
  )
  const onNode = useCallback(
    (n: ChainNode) => {
      if (n.kind === 'case' && n.caseId !== null) void navigate(`/cases/${n.caseId}`)
    },
    [navigate],
  )
  const onEdge = useCallback((e: ChainEdge | undefined) => {
    setEdge(e?.kind === 'infected' && e.linkId !== null ? e : undefined)
  }, [])

  const data = graph.data
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('chains.title')}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Input
            allowClear
            style={{ width: 240 }}
            placeholder={t('chains.caseIdPlaceholder')}
            value={caseDraft}
            onChange={(e) => {
              setCaseDraft(e.target.value.replace(/\D/g, ''))
            }}
            onPressEnter={() => {
              update({ caseId: caseDraft })
            }}
            data-testid="chains-case"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[from === '' ? null : dayjs(from), to === '' ? null : dayjs(to)]}
            onChange={(range) => {
              update({
                from: range?.[0]?.startOf('day').toISOString(),
                to: range?.[1]?.endOf('day').toISOString(),
              })
            }}
            data-testid="chains-dates"
          />
          <RegionTreeSelect
            value={region === '' ? undefined : region}
            onChange={(code) => {
              update({ region: code })
            }}
            style={{ minWidth: 220 }}
            placeholder={t('chains.region')}
            testId="chains-region"
          />
          <Button
            type="primary"
            onClick={() => {
              update({ caseId: caseDraft })
            }}
            data-testid="chains-apply"
          >
            {t('chains.apply')}
          </Button>
        </Flex>
        {graph.isError && <ErrorAlert error={graph.error} />}
        {data?.truncated === true && (
          <Alert
            type="warning"
            showIcon
            title={t('chains.truncated', { max: data.maxNodes })}
            style={{ marginBottom: 12 }}
          />
        )}
        {data !== undefined && (
          <Typography.Paragraph type="secondary" data-testid="chains-summary">
            {t('chains.summary', { nodes: data.nodes.length, edges: data.edges.length })} ·{' '}
            {t('chains.clickHint')}
          </Typography.Paragraph>
        )}
        {graph.isFetching && <Spin size="small" style={{ marginBottom: 8 }} data-testid="chains-loading" />}
        {data !== undefined && data.nodes.length === 0 && <Empty description={t('chains.empty')} />}
        {data !== undefined && data.nodes.length > 0 && (
          <ChainCanvas graph={data} labelOf={labelOf} onNode={onNode} onEdge={onEdge} />
        )}
        <Legend />
        {edge !== undefined && canWrite && (
          <SelectedLink
            edge={edge}
            onDone={() => {
              setEdge(undefined)
            }}
          />
        )}
        {data !== undefined && data.nodes.length > 0 && (
          <Collapse
            ghost
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'nodes',
                label: t('chains.summary', { nodes: data.nodes.length, edges: data.edges.length }),
                children: (
                  <Space wrap data-testid="chains-node-list">
                    {data.nodes.map((n) =>
                      n.kind === 'case' && n.caseId !== null ? (
                        <Link key={n.id} to={`/cases/${n.caseId}`} data-testid={`chain-node-${n.id}`}>
                          <Tag color="red">{labelOf(n)}</Tag>
                        </Link>
                      ) : (
                        <Tag key={n.id} data-testid={`chain-node-${n.id}`}>
                          {t(`chains.nodeKinds.${n.kind}`)} · {labelOf(n)}
                          {n.at !== null && ` · ${formatDateTime(n.at, lang)}`}
                        </Tag>
                      ),
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {canWrite && <AddLinkForm />}
    </Space>
  )
}

function Legend() {
  const { t } = useTranslation()
  const dot = (style: CSSProperties) => (
    <span style={{ display: 'inline-block', width: 12, height: 12, marginRight: 4, ...style }} />
  )
  return (
    <Flex gap={16} wrap style={{ marginTop: 8 }} data-testid="chains-legend">
      <Typography.Text strong>{t('chains.legend')}</Typography.Text>
      <span>
        {dot({ background: '#cf1322', borderRadius: 6 })}
        {t('chains.nodeKinds.case')}
      </span>
      <span>
        {dot({ background: '#1677ff', borderRadius: 2 })}
        {t('chains.nodeKinds.contact')}
      </span>
      <span>
        {dot({ background: '#722ed1', transform: 'rotate(45deg)' })}
        {t('chains.nodeKinds.cluster')}
      </span>
      <span>
        {dot({ background: '#d9d9d9', border: '1px dashed #8c8c8c', borderRadius: 6 })}
        {t('chains.otherRegion')}
      </span>
      <span style={{ color: '#cf1322' }}>→ {t('chains.edgeKinds.infected')}</span>
      <span style={{ color: '#69b1ff' }}>→ {t('chains.edgeKinds.contact')}</span>
      <span style={{ color: '#b37feb' }}>-- {t('chains.edgeKinds.member')}</span>
    </Flex>
  )
}

function SelectedLink({ edge, onDone }: { edge: ChainEdge; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const remove = useMutation({
    mutationFn: (id: string) => tracingApi.deleteLink(id),
    onSuccess: async () => {
      void message.success(t('chains.deleted'))
      await queryClient.invalidateQueries({ queryKey: tracingKeys.chainsAll })
      onDone()
    },
  })
  const caseOf = (id: string) => id.replace(/^case:/, '')
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="chains-selected-link">
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Space wrap>
        <span>
          {t('chains.selectedEdge', {
            from: caseOf(edge.from),
            to: caseOf(edge.to),
            confidence: t(`chains.confidences.${edge.confidence}`),
          })}
        </span>
        <Popconfirm
          title={t('chains.deleteConfirm')}
          onConfirm={() => {
            if (edge.linkId !== null) remove.mutate(edge.linkId)
          }}
        >
          <Button danger size="small" loading={remove.isPending} data-testid="chains-delete-link">
            {t('chains.deleteLink')}
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  )
}

function AddLinkForm() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<CreateCaseLinkBody>()
  const create = useMutation({
    mutationFn: (body: CreateCaseLinkBody) => tracingApi.createLink(body),
    onSuccess: async () => {
      void message.success(t('chains.saved'))
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: tracingKeys.chainsAll })
    },
  })
  const idRule = { required: true, pattern: ID, message: t('chains.idRequired') }
  return (
    <Card title={t('chains.addLink')} data-testid="chains-add-link">
      {create.isError && <ErrorAlert error={create.error} />}
      <Form<CreateCaseLinkBody>
        form={form}
        layout="inline"
        initialValues={{ confidence: 'probable' }}
        onFinish={(v) => {
          const body: CreateCaseLinkBody = {
            fromCaseId: v.fromCaseId,
            toCaseId: v.toCaseId,
            confidence: v.confidence,
          }
          if (v.note !== undefined && v.note !== '') body.note = v.note
          create.mutate(body)
        }}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="fromCaseId" label={t('chains.from')} rules={[idRule]}>
          <Input style={{ width: 140 }} data-testid="chains-link-from" />
        </Form.Item>
        <Form.Item name="toCaseId" label={t('chains.to')} rules={[idRule]}>
          <Input style={{ width: 140 }} data-testid="chains-link-to" />
        </Form.Item>
        <Form.Item name="confidence" label={t('chains.confidence')}>
          <Select
            style={{ width: 120 }}
            options={CONFIDENCES.map((c) => ({ value: c, label: t(`chains.confidences.${c}`) }))}
            data-testid="chains-link-confidence"
          />
        </Form.Item>
        <Form.Item name="note" label={t('chains.note')}>
          <Input maxLength={500} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            data-testid="chains-link-submit"
          >
            {t('chains.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  )
}
