import { Card, Form, Input, InputNumber, Space, Tag, Typography, type TableProps } from 'antd'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  SamplingRoutes,
  type CreateSamplingSiteBody,
  type SamplingSite,
  type SamplingSiteQuery,
} from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ListSearch, MutationButton, PagedTable, useUrlListState } from '../../components/list-kit'
import { RegionName } from '../../components/RegionName'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { useCan } from '../../layout/Guards'
import { HoursField, HoursText } from './hours'
import { ScanBookingCard } from './ScanBookingCard'

/** 采样点: the sites of the region with hours and capacity; testers open and close them and check codes. */
export default function SitesPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const canManage = useCan('sampling:manage')
  const list = useUrlListState()
  const query: SamplingSiteQuery = {
    page: list.page,
    pageSize: list.pageSize,
    ...(list.search === '' ? {} : { q: list.search }),
  }
  const sites = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.listSites, { query }),
    queryFn: () => call(SamplingRoutes.listSites, { query }),
    placeholderData: keepPreviousData,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['sampling-sites'] })
  const setActive = (site: SamplingSite, active: boolean) =>
    call(SamplingRoutes.updateSite, { params: { id: site.id }, body: { active } })
  const columns: TableProps<SamplingSite>['columns'] = [
    { title: t('sampling.sites.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('sampling.sites.region'),
      key: 'region',
      render: (_: unknown, s) => <RegionName code={s.regionCode} name={s.regionName} />,
    },
    { title: t('sampling.sites.address'), key: 'address', render: (_: unknown, s) => s.address ?? '—' },
    {
      title: t('sampling.sites.hours'),
      key: 'hours',
      render: (_: unknown, s) => <HoursText periods={s.openingHours} />,
    },
    { title: t('sampling.sites.capacity'), dataIndex: 'capacityPerHour', key: 'capacity' },
    {
      title: t('sampling.sites.status'),
      key: 'status',
      render: (_: unknown, s) => (
        <Space>
          <Tag color={s.active ? 'green' : 'default'}>
            {s.active ? t('sampling.sites.active') : t('sampling.sites.inactive')}
          </Tag>
          {canManage && (
            <MutationButton<object, SamplingSite>
              buttonText={s.active ? t('sampling.sites.close') : t('sampling.sites.reopen')}
              buttonTestId={`site-toggle-${s.id}`}
              title={s.name}
              okText={s.active ? t('sampling.sites.close') : t('sampling.sites.reopen')}
              testId={`site-toggle-${s.id}`}
              {...(s.active ? { confirm: t('sampling.sites.closeConfirm') } : {})}
              mutationFn={() => setActive(s, !s.active)}
              onSuccess={() => void refresh()}
            />
          )}
        </Space>
      ),
    },
  ]
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {canManage && <ScanBookingCard />}
      <Card
        title={t('sampling.sites.title')}
        data-testid="sites-page"
        extra={
          canManage && (
            <MutationButton<CreateSamplingSiteBody, SamplingSite>
              buttonText={t('sampling.sites.create')}
              buttonProps={{ type: 'primary', size: 'middle' }}
              buttonTestId="site-create"
              title={t('sampling.sites.create')}
              okText={t('sampling.sites.createOk')}
              testId="site-create"
              mutationFn={(body) => call(SamplingRoutes.createSite, { body })}
              onSuccess={() => void refresh()}
            >
              <Form.Item
                name="regionCode"
                label={t('sampling.sites.region')}
                rules={[{ required: true, message: t('sampling.sites.required') }]}
              >
                <RegionTreeSelect testId="site-region" />
              </Form.Item>
              <Form.Item
                name="name"
                label={t('sampling.sites.name')}
                rules={[
                  { required: true, whitespace: true, max: 200, message: t('sampling.sites.required') },
                ]}
              >
                <Input maxLength={200} data-testid="site-name" />
              </Form.Item>
              <Form.Item name="address" label={t('sampling.sites.address')}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item
                name="capacityPerHour"
                label={t('sampling.sites.capacity')}
                rules={[{ required: true, message: t('sampling.sites.required') }]}
              >
                <InputNumber min={1} max={10000} precision={0} data-testid="site-capacity" />
              </Form.Item>
              <Form.Item label={t('sampling.sites.hours')} required>
                <HoursField />
              </Form.Item>
            </MutationButton>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('sampling.sites.explain')}</Typography.Paragraph>
        <ListSearch list={list} placeholder={t('sampling.sites.search')} />
        <PagedTable
          query={sites}
          list={list}
          columns={columns}
          rowKey="id"
          emptyText={t('sampling.sites.explain')}
          data-testid="sites-table"
        />
      </Card>
    </Space>
  )
}
