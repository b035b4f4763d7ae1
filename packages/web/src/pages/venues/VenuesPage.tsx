import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Card, Flex, Select, Tag, Typography, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { VENUE_KINDS, type Venue, type VenueQuery } from '@lianfang/contracts'
import { useVenues } from '../../api/venues'
import { ListSearch, PagedTable, unionOptions, unionValue, useUrlListState } from '../../components/list-kit'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { useCan } from '../../layout/Guards'
import { CreateVenueButton } from './CreateVenueButton'
import { MAX_POSTERS_PER_PDF, postersPdfUrl } from './poster-links'

/** Venues (场所) in the user's region: search, kind and region filters in the URL; create. */
export default function VenuesPage() {
  const { t } = useTranslation()
  const list = useUrlListState({ filters: ['kind', 'region'] })
  const canManage = useCan('venue:manage')
  const kind = unionValue(VENUE_KINDS, list.filters.kind)
  const regionCode = list.filters.region
  /** Venues ticked for one PDF of posters, kept across pages and filters. */
  const [selected, setSelected] = useState<string[]>([])

  const query: VenueQuery = { page: list.page, pageSize: list.pageSize }
  if (list.search !== '') query.q = list.search
  if (kind !== undefined) query.kind = kind
  if (regionCode !== undefined) query.regionCode = regionCode
  const venues = useVenues(query)

  const columns: TableProps<Venue>['columns'] = [
    {
      title: t('venues.name'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, v) => (
        <Link to={`/venues/${v.id}`} data-testid={`venue-link-${v.id}`}>
          {v.name}
        </Link>
      ),
    },
    { title: t('venues.kind'), key: 'kind', render: (_: unknown, v) => t(`venues.kinds.${v.kind}`) },
    { title: t('venues.region'), dataIndex: 'regionName', key: 'region' },
    { title: t('venues.address'), key: 'address', render: (_: unknown, v) => v.address ?? '—' },
    { title: t('venues.capacity'), dataIndex: 'capacity', key: 'capacity' },
    {
      title: t('venues.status'),
      key: 'active',
      render: (_: unknown, v) =>
        v.active ? <Tag color="success">{t('venues.active')}</Tag> : <Tag>{t('venues.inactive')}</Tag>,
    },
  ]

  return (
    <Card title={t('venues.title')} extra={canManage && <CreateVenueButton />}>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <ListSearch
          list={list}
          placeholder={t('venues.search')}
          style={{ flex: '1 1 240px', maxWidth: 400 }}
          data-testid="venues-search"
        />
        <Select
          allowClear
          placeholder={t('venues.allKinds')}
          value={kind}
          options={unionOptions(VENUE_KINDS, 'venues.kinds', t)}
          onChange={(k: string | undefined) => {
            list.setFilters({ kind: k })
          }}
          style={{ flex: '0 1 180px' }}
          data-testid="venues-kind"
        />
        <RegionTreeSelect
          value={regionCode}
          onChange={(code) => {
            list.setFilters({ region: code })
          }}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
          testId="venues-region"
        />
      </Flex>
      <PagedTable<Venue>
        query={venues}
        list={list}
        rowKey="id"
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => {
            setSelected(keys.map(String))
          },
          getCheckboxProps: (v) => (v.active ? {} : { disabled: true, title: t('posterPdf.inactive') }),
        }}
        columns={columns}
        emptyText={t(canManage ? 'venues.emptyManager' : 'venues.empty')}
        toolbar={
          <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
            <Button
              href={postersPdfUrl(selected)}
              download
              disabled={selected.length === 0 || selected.length > MAX_POSTERS_PER_PDF}
              title={t('posterPdf.downloadTitle')}
              data-testid="venues-posters-pdf"
            >
              {t('posterPdf.downloadSelected', { count: selected.length })}
            </Button>
            <Typography.Text type={selected.length > MAX_POSTERS_PER_PDF ? 'danger' : 'secondary'}>
              {t('posterPdf.selectHint', { max: MAX_POSTERS_PER_PDF })}
            </Typography.Text>
          </Flex>
        }
        data-testid="venues-table"
      />
    </Card>
  )
}
