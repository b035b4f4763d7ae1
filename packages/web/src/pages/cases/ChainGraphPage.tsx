import { useCallback, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import {
  Alert,
  Button,
  Card,
  Collapse,
  DatePicker,
  Empty,
  Flex,
  Input,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import type { ChainEdge, ChainNode, ChainQuery } from '@lianfang/contracts'
import { useChainGraph } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { formatDateTime } from '../../components/format'
import { currentLanguage, translateDynamic } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { AddLinkForm } from './AddLinkForm'
import { ChainCanvas } from './ChainCanvas'
import { ChainLegend } from './ChainLegend'
import { CASE_ID } from './case-id'
import { SelectedLink } from './SelectedLink'
import { isoToWall, wallToIso } from '../../components/civil-time'

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
  if (CASE_ID.test(caseId)) query.caseId = caseId
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
            value={[from === '' ? null : isoToWall(from), to === '' ? null : isoToWall(to)]}
            onChange={(range) => {
              update({
                from: range?.[0] ? wallToIso(range[0].startOf('day')) : undefined,
                to: range?.[1] ? wallToIso(range[1].endOf('day')) : undefined,
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
        <ChainLegend />
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
