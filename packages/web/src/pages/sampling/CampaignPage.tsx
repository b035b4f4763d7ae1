import { Card, Descriptions, Space, Table, Tag } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type Campaign, type CampaignAreaPool } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { MutationButton } from '../../components/list-kit'
import { PageLoading } from '../../components/PageLoading'
import { RegionName } from '../../components/RegionName'
import { useCan } from '../../layout/Guards'
import { STATUS_COLOUR } from './CampaignsPage'
import { MissingList } from './MissingList'
import { PoolAdviceCard } from './PoolAdviceCard'
import { ProgressSection } from './ProgressSection'
import { ReportSection } from './ReportSection'

/**
 * One screening campaign (全员检测): its region, dates, sites and pool size per community (POOL.WHO),
 * the pool-size advice, progress per community (refreshing), who is missing for the community
 * workers, and the report; a commander starts and closes it, each after a confirmation.
 */
export default function CampaignPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const queryClient = useQueryClient()
  const canManage = useCan('campaign:manage')
  const canFollow = useCan('campaign:follow')
  const params = { id }
  const campaign = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.getCampaign, { params }),
    queryFn: () => call(SamplingRoutes.getCampaign, { params }),
  })
  if (campaign.isPending) return <PageLoading />
  if (campaign.isError) return <ErrorAlert error={campaign.error} />
  const c = campaign.data
  const updated = (next: Campaign) => {
    queryClient.setQueryData(queryKeyOf(SamplingRoutes.getCampaign, { params }), next)
    void queryClient.invalidateQueries({ queryKey: ['campaigns'] })
  }
  const size = (n: number) =>
    n === 1 ? t('sampling.campaign.single') : t('sampling.campaign.poolValue', { n })
  const action =
    c.status === 'closed' || !canManage ? null : (
      <MutationButton<object, Campaign>
        buttonText={c.status === 'planned' ? t('sampling.campaign.start') : t('sampling.campaign.close')}
        buttonProps={{ type: 'primary', size: 'middle', danger: c.status === 'running' }}
        buttonTestId="campaign-transition"
        title={c.name}
        okText={c.status === 'planned' ? t('sampling.campaign.start') : t('sampling.campaign.close')}
        testId="campaign-transition"
        confirm={
          c.status === 'planned' ? t('sampling.campaign.startConfirm') : t('sampling.campaign.closeConfirm')
        }
        mutationFn={() =>
          call(c.status === 'planned' ? SamplingRoutes.startCampaign : SamplingRoutes.closeCampaign, {
            params,
          })
        }
        onSuccess={updated}
      />
    )
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="campaign-page">
      <Card
        title={
          <Space>
            {c.name}
            <Tag color={STATUS_COLOUR[c.status]} data-testid="campaign-status">
              {t(`sampling.campaigns.statuses.${c.status}`)}
            </Tag>
          </Space>
        }
        extra={action}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('sampling.campaigns.region')}>
            <RegionName code={c.regionCode} name={c.regionName} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.campaigns.dates')}>
            {c.startsOn} – {c.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.campaign.population')}>
            <span data-testid="campaign-population">{c.population}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.campaigns.sites')}>
            {c.sites.map((s) => s.name).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Table<CampaignAreaPool>
          size="small"
          rowKey="regionCode"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={c.areas}
          data-testid="campaign-areas"
          title={() => t('sampling.campaign.areas')}
          columns={[
            {
              title: t('sampling.campaign.community'),
              key: 'region',
              render: (_: unknown, a) => <RegionName code={a.regionCode} name={a.regionName} />,
            },
            {
              title: t('sampling.campaign.risk'),
              key: 'risk',
              render: (_: unknown, a) => t(`sampling.campaign.risks.${a.risk}`),
            },
            {
              title: t('sampling.campaign.poolSize'),
              key: 'size',
              render: (_: unknown, a) => size(a.poolSize),
            },
            {
              title: t('sampling.campaign.allowed'),
              key: 'allowed',
              render: (_: unknown, a) => a.allowedSizes.map(size).join('、'),
            },
          ]}
        />
      </Card>
      <PoolAdviceCard regionCode={c.regionCode} />
      <ProgressSection campaignId={c.id} live={c.status === 'running'} />
      {canFollow && <MissingList campaignId={c.id} open={c.status !== 'closed'} />}
      {c.status === 'closed' && <ReportSection campaignId={c.id} />}
    </Space>
  )
}
