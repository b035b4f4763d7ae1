import { Card, Flex, Space, Tag, Typography, type TableProps } from 'antd'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { PersonSearchQuery, PersonSummary } from '@lianfang/contracts'
import { usePersons } from '../../api/queries'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { ListSearch, PagedTable, useUrlListState } from '../../components/list-kit'
import { useCan } from '../../layout/Guards'
import { NewHouseholdButton } from './NewHouseholdButton'
import { NewPersonButton } from './NewPersonButton'

/**
 * The persons register: one search box (name prefix, phone or ID number) plus a region
 * filter, paged by the server. The search lives in the URL so Back returns to the same page.
 * Those who may write register a person (新建人员) or a household (新建家庭户) from here.
 */
export default function PersonsPage() {
  const { t } = useTranslation()
  const list = useUrlListState({ filters: ['region'] })
  const regionCode = list.filters.region

  const query: PersonSearchQuery = { page: list.page, pageSize: list.pageSize }
  if (list.search !== '') query.q = list.search
  if (regionCode !== undefined) query.regionCode = regionCode
  const persons = usePersons(query)
  const canWrite = useCan('person:write')

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
    <Card
      title={t('persons.title')}
      extra={
        canWrite ? (
          <Space wrap>
            <NewHouseholdButton />
            <NewPersonButton />
          </Space>
        ) : undefined
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <ListSearch list={list} placeholder={t('persons.searchPlaceholder')} data-testid="persons-search" />
        <RegionTreeSelect
          value={regionCode}
          onChange={(code) => {
            list.setFilters({ region: code })
          }}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
      </Flex>
      <PagedTable<PersonSummary>
        query={persons}
        list={list}
        rowKey="id"
        columns={columns}
        emptyText={t('persons.empty')}
        data-testid="persons-table"
      />
    </Card>
  )
}
