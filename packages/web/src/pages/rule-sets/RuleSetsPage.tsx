import { Button, Card, Flex, Space, Table, Tag, Typography, type TableProps } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { RuleSetRecord } from '@lianfang/contracts'
import { useRuleSetInForce, useRuleSetPresets, useRuleSets } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'
import { useCurrentUser } from '../../layout/Guards'
import { NewDraftButton } from './NewDraftButton'
import { RuleSetEditor } from './RuleSetEditor'
import { StatusTag } from './StatusTag'
import { RegionName } from '../../components/RegionName'
import { ruleSetName } from './rule-set-name'

/** Rule sets of a region: the one in force, drafts and earlier versions; edit, dry-run, publish. */
export default function RuleSetsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const me = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const regionCode = params.get('region') ?? me.regionCode
  const selectedId = params.get('id') ?? undefined
  const list = useRuleSets(regionCode)
  const inForce = useRuleSetInForce(regionCode)
  const presets = useRuleSetPresets()

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }
  const select = (rs: RuleSetRecord) => {
    update({ id: rs.id })
  }

  const all = [...(list.data ?? []), ...(presets.data ?? [])]
  const selected = all.find((rs) => rs.id === selectedId)

  const columns: TableProps<RuleSetRecord>['columns'] = [
    {
      title: t('ruleSets.name'),
      key: 'name',
      render: (_: unknown, rs: RuleSetRecord) => (
        <Space>
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => {
              select(rs)
            }}
            data-testid={`rule-set-open-${rs.id}`}
          >
            {ruleSetName(rs, t)}
          </Button>
          {inForce.data?.id === rs.id && <Tag color="blue">{t('ruleSets.inForce')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('ruleSets.region'),
      key: 'region',
      render: (_: unknown, rs) => <RegionName code={rs.regionCode} />,
    },
    {
      title: t('ruleSets.edition'),
      key: 'edition',
      render: (_: unknown, rs) => t(`ruleSets.editions.${rs.edition}`),
    },
    { title: t('ruleSets.version'), dataIndex: 'version', key: 'version' },
    {
      title: t('ruleSets.statusLabel'),
      key: 'status',
      render: (_: unknown, rs) => <StatusTag status={rs.status} />,
    },
    {
      title: t('ruleSets.publishedAt'),
      key: 'publishedAt',
      render: (_: unknown, rs) => (rs.publishedAt === null ? '—' : formatDateTime(rs.publishedAt, lang)),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('ruleSets.title')}
        extra={<NewDraftButton regionCode={regionCode} onCreated={select} />}
        data-testid="rule-sets"
      >
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <RegionTreeSelect
            value={regionCode}
            onChange={(code) => {
              update({ region: code, id: undefined })
            }}
            placeholder={t('ruleSets.region')}
            testId="rule-sets-region"
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
          {inForce.data !== undefined && (
            <Typography.Text data-testid="rule-set-in-force">
              {t('ruleSets.inForceIs')}{' '}
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => {
                  if (inForce.data !== undefined) select(inForce.data)
                }}
              >
                {ruleSetName(inForce.data, t)}
              </Button>{' '}
              <Tag>{t(`ruleSets.editions.${inForce.data.edition}`)}</Tag>
              <StatusTag status={inForce.data.status} />
            </Typography.Text>
          )}
        </Flex>
        {list.isError && <ErrorAlert error={list.error} />}
        {inForce.isError && <ErrorAlert error={inForce.error} />}
        <Table<RuleSetRecord>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={all}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(rs) => (rs.id === selectedId ? 'ant-table-row-selected' : '')}
          data-testid="rule-sets-table"
        />
      </Card>
      {selected !== undefined && <RuleSetEditor key={selected.id} ruleSet={selected} onCopied={select} />}
    </Space>
  )
}
