import { Card, Flex, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { DryRunResult } from '@lianfang/contracts'
import { ColourTag } from '../../components/colour'
import { RegionName } from '../../components/RegionName'

/** What publishing a draft would change: colour counts and the persons whose colour moves. */
export function DryRunView({ result }: { result: DryRunResult }) {
  const { t } = useTranslation()
  const persons: TableProps<DryRunResult['persons'][number]>['columns'] = [
    {
      title: t('person.name'),
      key: 'name',
      render: (_: unknown, p) => <Link to={`/persons/${p.personId}`}>{p.name}</Link>,
    },
    {
      title: t('person.region'),
      key: 'region',
      render: (_: unknown, p) => <RegionName code={p.regionCode} />,
    },
    {
      title: t('ruleSets.change'),
      key: 'change',
      render: (_: unknown, p) => (
        <Space size={4}>
          <ColourTag colour={p.from} />→<ColourTag colour={p.to} />
        </Space>
      ),
    },
  ]
  return (
    <Card size="small" title={t('ruleSets.dryRunTitle')} data-testid="rule-set-dry-run-result">
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('ruleSets.evaluated')} value={result.evaluated} />
        <Statistic title={t('ruleSets.changed')} value={result.changed} data-testid="dry-run-changed" />
      </Flex>
      {result.transitions.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {result.transitions.map((tr) => (
            <Tag key={`${tr.from}-${tr.to}`} style={{ padding: '4px 8px' }}>
              <Space size={4}>
                <ColourTag colour={tr.from} />→<ColourTag colour={tr.to} />
                <strong>{tr.count}</strong>
              </Space>
            </Tag>
          ))}
        </Space>
      )}
      {result.persons.length > 0 && (
        <Table
          rowKey="personId"
          size="small"
          columns={persons}
          dataSource={result.persons}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="dry-run-persons"
        />
      )}
      {result.persons.length < result.changed && (
        <Typography.Text type="secondary">
          {t('ruleSets.personsTruncated', { shown: result.persons.length })}
        </Typography.Text>
      )}
    </Card>
  )
}
