import { useEffect, useState } from 'react'
import { Card, Flex, Input, Table, Tag, Typography, type TableProps } from 'antd'
import { Link, useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { PersonSearchQuery, PersonSummary } from '@lianfang/contracts'
import { usePersons } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { positiveInt } from '../../components/format'

const PAGE_SIZES = [10, 20, 50, 100]

/**
 * The persons register: one search box (name prefix, phone or ID number) plus a region
 * filter, paged by the server. The search lives in the URL so Back returns to the same page.
 */
export default function PersonsPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const regionCode = params.get('region') ?? undefined
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const [draft, setDraft] = useState(q)
  useEffect(() => {
    setDraft(q)
  }, [q])

  const query: PersonSearchQuery = { page, pageSize }
  if (q.trim() !== '') query.q = q.trim()
  if (regionCode !== undefined) query.regionCode = regionCode
  const persons = usePersons(query)

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }

  const columns: TableProps<PersonSummary>['columns'] = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      render: (_: unknown, p: PersonSummary) => (
        <Link to={`/persons/${p.id}`} data-testid={`person-link-${p.id}`}>
          {p.name}
        </Link>
      ),
    },
    { title: t('person.sex'), dataIndex: 'sex', key: 'sex', render: (_: unknown, p) => t(`sex.${p.sex}`) },
    {
      title: t('person.birthDate'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      render: (_: unknown, p) => p.birthDate ?? '—',
    },
    {
      title: t('person.idNumber'),
      key: 'id',
      render: (_: unknown, p) => (
        <span>
          <Tag>{t(`idType.${p.idType}`)}</Tag>
          <Typography.Text code>{p.idNumberMasked}</Typography.Text>
        </span>
      ),
    },
    { title: t('person.phone'), key: 'phone', render: (_: unknown, p) => p.phoneMasked ?? '—' },
    { title: t('person.region'), dataIndex: 'regionName', key: 'region' },
  ]

  return (
    <Card title={t('persons.title')}>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          enterButton={t('common.search')}
          placeholder={t('persons.searchPlaceholder')}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value)
          }}
          onSearch={(value) => {
            update({ q: value.trim(), page: undefined })
          }}
          style={{ flex: '1 1 280px', maxWidth: 480 }}
          data-testid="persons-search"
        />
        <RegionTreeSelect
          value={regionCode}
          onChange={(code) => {
            update({ region: code, page: undefined })
          }}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
      </Flex>
      {persons.isError && <ErrorAlert error={persons.error} />}
      <Table<PersonSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={persons.data?.items ?? []}
        loading={persons.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: persons.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            update({ page: String(nextSize === pageSize ? nextPage : 1), pageSize: String(nextSize) })
          },
        }}
        data-testid="persons-table"
      />
    </Card>
  )
}
