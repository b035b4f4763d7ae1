import { Link, useParams } from 'react-router-dom'
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CheckinRoutes, readsEnclosed } from '@lianfang/contracts'
import { call } from '../../api/call'
import { useVenue, useVenueCode, venueKeys } from '../../api/venues'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { QrCode } from '../../components/QrCode'
import { useCan } from '../../layout/Guards'
import { VenueStatsCard } from './VenueStatsCard'
import { EnclosedDetail } from './EnclosedField'
import { posterPdfUrl } from './poster-links'

/** One venue: its details, (de)activation, its signed venue code and poster, the community view. */
export default function VenueDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const venue = useVenue(id)
  const code = useVenueCode(id)
  const canManage = useCan('venue:manage')
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const setActive = useMutation({
    mutationFn: (active: boolean) => call(CheckinRoutes.setVenueActive, { params: { id }, body: { active } }),
    onSuccess: async (v) => {
      void message.success(v.active ? t('venues.activated') : t('venues.deactivated'))
      queryClient.setQueryData(venueKeys.detail(id), v)
      await queryClient.invalidateQueries({ queryKey: venueKeys.all })
    },
  })

  if (venue.isPending) return <PageLoading />
  if (venue.isError) return <ErrorAlert error={venue.error} />
  const v = venue.data
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="venue-detail">
      <Card
        title={v.name}
        extra={
          <Space wrap>
            {v.active ? (
              <Tag color="success" data-testid="venue-active">
                {t('venues.active')}
              </Tag>
            ) : (
              <Tag data-testid="venue-active">{t('venues.inactive')}</Tag>
            )}
            {canManage &&
              (v.active ? (
                <Popconfirm
                  title={t('venues.deactivateConfirm')}
                  onConfirm={() => {
                    setActive.mutate(false)
                  }}
                >
                  <Button danger loading={setActive.isPending} data-testid="venue-deactivate">
                    {t('venues.deactivate')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  loading={setActive.isPending}
                  onClick={() => {
                    setActive.mutate(true)
                  }}
                  data-testid="venue-activate"
                >
                  {t('venues.activate')}
                </Button>
              ))}
          </Space>
        }
      >
        {setActive.isError && <ErrorAlert error={setActive.error} />}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
          <Descriptions column={1} size="small" style={{ flex: '1 1 280px' }}>
            <Descriptions.Item label={t('venues.kind')}>{t(`venues.kinds.${v.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('venues.region')}>{v.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('venues.address')}>{v.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('venues.capacity')}>{v.capacity}</Descriptions.Item>
            {readsEnclosed(v.kind) && (
              <Descriptions.Item label={t('venues.enclosed')}>
                <EnclosedDetail venue={v} canManage={canManage} />
              </Descriptions.Item>
            )}
          </Descriptions>
          <div style={{ flex: '0 1 220px', textAlign: 'center' }}>
            {code.isError && <ErrorAlert error={code.error} />}
            {code.data !== undefined && (
              <QrCode text={code.data.code} size={200} label={t('venues.codeLabel', { name: v.name })} />
            )}
            <Space wrap style={{ marginTop: 8, justifyContent: 'center' }}>
              <Link to={`/venues/${v.id}/poster`} data-testid="venue-poster-link">
                <Button>{t('venues.poster')}</Button>
              </Link>
              <Button
                href={posterPdfUrl(v.id)}
                download
                disabled={!v.active}
                title={v.active ? t('posterPdf.downloadTitle') : t('posterPdf.inactive')}
                data-testid="venue-poster-pdf"
              >
                {t('posterPdf.download')}
              </Button>
            </Space>
          </div>
        </div>
      </Card>
      <VenueStatsCard venueId={v.id} />
    </Space>
  )
}
