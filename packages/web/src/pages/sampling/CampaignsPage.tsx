import { Card, DatePicker, Form, Input, Select, Tag, Typography, type TableProps } from 'antd'
import type { Dayjs } from 'dayjs'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type Campaign, type CampaignQuery, type CampaignSummary } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { MutationButton, PagedTable, useUrlListState } from '../../components/list-kit'
import { RegionName } from '../../components/RegionName'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { useCan } from '../../layout/Guards'

export const STATUS_COLOUR = { planned: 'blue', running: 'orange', closed: 'default' } as const

interface CampaignForm {
  regionCode: string
  name: string
  dates: [Dayjs, Dayjs]
  siteIds?: string[]
}

/** The open sites to pick for a campaign (the form filters them to its region). */
function SitePicker({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const query: { active: boolean; pageSize: number } = { active: true, pageSize: 200 }
  const sites = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.listSites, { query }),
    queryFn: () => call(SamplingRoutes.listSites, { query }),
  })
  return (
    <Select
      mode="multiple"
      value={value ?? []}
      {...(onChange === undefined ? {} : { onChange })}
      loading={sites.isFetching}
      options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.regionName}）` }))}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="campaign-sites"
    />
  )
}

/** 检测活动: screening campaigns of the region; a commander plans a new one (the form starts empty). */
export default function CampaignsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const canCreate = useCan('campaign:manage')
  const list = useUrlListState()
  const query: CampaignQuery = { page: list.page, pageSize: list.pageSize }
  const campaigns = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.listCampaigns, { query }),
    queryFn: () => call(SamplingRoutes.listCampaigns, { query }),
    placeholderData: keepPreviousData,
  })
  const columns: TableProps<CampaignSummary>['columns'] = [
    {
      title: t('sampling.campaigns.name'),
      key: 'name',
      render: (_: unknown, c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link>,
    },
    {
      title: t('sampling.campaigns.region'),
      key: 'region',
      render: (_: unknown, c) => <RegionName code={c.regionCode} name={c.regionName} />,
    },
    {
      title: t('sampling.campaigns.dates'),
      key: 'dates',
      render: (_: unknown, c) => `${c.startsOn} – ${c.endsOn}`,
    },
    {
      title: t('sampling.campaigns.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <Tag color={STATUS_COLOUR[c.status]}>{t(`sampling.campaigns.statuses.${c.status}`)}</Tag>
      ),
    },
  ]
  return (
    <Card
      title={t('sampling.campaigns.title')}
      data-testid="campaigns-page"
      extra={
        canCreate && (
          <MutationButton<CampaignForm, Campaign>
            buttonText={t('sampling.campaigns.create')}
            buttonProps={{ type: 'primary', size: 'middle' }}
            buttonTestId="campaign-create"
            title={t('sampling.campaigns.create')}
            explain={t('sampling.campaigns.explain')}
            okText={t('sampling.campaigns.createOk')}
            testId="campaign-create"
            mutationFn={(v) =>
              call(SamplingRoutes.createCampaign, {
                body: {
                  regionCode: v.regionCode,
                  name: v.name,
                  startsOn: v.dates[0].format('YYYY-MM-DD'),
                  endsOn: v.dates[1].format('YYYY-MM-DD'),
                  siteIds: v.siteIds ?? [],
                },
              })
            }
            onSuccess={(c) => {
              void queryClient.invalidateQueries({ queryKey: ['campaigns'] })
              void navigate(`/campaigns/${c.id}`)
            }}
          >
            <Form.Item
              name="regionCode"
              label={t('sampling.campaigns.region')}
              rules={[{ required: true, message: t('sampling.sites.required') }]}
            >
              <RegionTreeSelect testId="campaign-region" />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('sampling.campaigns.name')}
              rules={[{ required: true, whitespace: true, message: t('sampling.sites.required') }]}
            >
              <Input maxLength={200} data-testid="campaign-name" />
            </Form.Item>
            <Form.Item
              name="dates"
              label={t('sampling.campaigns.dates')}
              rules={[{ required: true, message: t('sampling.sites.required') }]}
            >
              <DatePicker.RangePicker
                placeholder={[t('sampling.campaigns.startsOn'), t('sampling.campaigns.endsOn')]}
              />
            </Form.Item>
            <Form.Item name="siteIds" label={t('sampling.campaigns.sites')}>
              <SitePicker />
            </Form.Item>
          </MutationButton>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('sampling.campaigns.explain')}</Typography.Paragraph>
      <PagedTable
        query={campaigns}
        list={list}
        columns={columns}
        rowKey="id"
        emptyText={t('sampling.campaigns.empty')}
        data-testid="campaigns-table"
      />
    </Card>
  )
}
