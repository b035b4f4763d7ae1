import { useEffect, useState } from 'react'
import { Alert, Button, Card, Segmented, Select, Space, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CheckinRoutes } from '@lianfang/contracts'
import { call } from '../../api/call'
import { useVenues, venueKeys } from '../../api/venues'
import type { GateSetting } from '../../checkpoint/gate-setting'
import type { Direction } from '../../checkpoint/scan-queue'
import { errorMessage } from '../../components/ErrorAlert'

/** The chosen venue: its kind says whether scans there carry seats. */
export interface GateVenue {
  readonly id: string
  readonly name: string
  readonly kind?: string | undefined
}

/**
 * The gate this device serves and its direction, with the upload queue: "待上传 N", the
 * server's refusals. Offline the venue list cannot load; the remembered venue stays.
 */
export function GateCard({
  gate,
  onGate,
  online,
  pending,
  syncing,
  lastError,
  onSync,
}: {
  gate: GateSetting | undefined
  onGate: (venue: GateVenue | undefined, direction: Direction) => void
  online: boolean
  pending: number | undefined
  syncing: boolean
  lastError: unknown
  onSync: () => void
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const venues = useVenues({ pageSize: 50, ...(q.trim() === '' ? {} : { q: q.trim() }) }, online)
  const direction = gate?.direction ?? 'in'
  const options = (venues.data?.items ?? []).map(
    (v): { value: string; label: string; disabled: boolean; title: string; kind: string | undefined } => ({
      value: v.id,
      label: v.name,
      disabled: !v.active,
      title: v.name,
      kind: v.kind,
    }),
  )
  if (gate !== undefined && !options.some((o) => o.value === gate.venueId))
    options.unshift({
      value: gate.venueId,
      label: gate.venueName,
      disabled: false,
      title: gate.venueName,
      kind: gate.venueKind,
    })
  const gateOf = (v: { value: string; title: string; kind: string | undefined }): GateVenue => ({
    id: v.value,
    name: v.title,
    kind: v.kind,
  })

  // A gate remembered before its kind was: looked up once online, so seats work there too.
  const legacy = gate !== undefined && gate.venueKind === undefined ? gate : undefined
  const venue = useQuery({
    queryKey: venueKeys.detail(legacy?.venueId ?? ''),
    queryFn: () => call(CheckinRoutes.getVenue, { params: { id: legacy?.venueId ?? '' } }),
    enabled: online && legacy !== undefined,
  })
  const legacyKind = legacy !== undefined && venue.data?.id === legacy.venueId ? venue.data.kind : undefined
  useEffect(() => {
    if (legacy !== undefined && legacyKind !== undefined)
      onGate({ id: legacy.venueId, name: legacy.venueName, kind: legacyKind }, legacy.direction)
  }, [legacy?.venueId, legacyKind])

  return (
    <Card size="small" title={t('gate.title')} data-testid="gate-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          showSearch={{
            filterOption: false,
            onSearch: (v) => {
              setQ(v)
            },
          }}
          allowClear
          size="large"
          style={{ width: '100%' }}
          placeholder={t('gate.venuePlaceholder')}
          value={gate?.venueId}
          options={options}
          loading={venues.isFetching}
          notFoundContent={online ? t('gate.noVenues') : t('gate.venuesOffline')}
          onChange={(id: string | undefined) => {
            const chosen = options.find((o) => o.value === id)
            onGate(chosen === undefined ? undefined : gateOf(chosen), direction)
          }}
          aria-label={t('gate.venuePlaceholder')}
          data-testid="gate-venue"
        />
        <Segmented
          block
          size="large"
          value={direction}
          options={[
            { value: 'in', label: t('gate.in') },
            { value: 'out', label: t('gate.out') },
          ]}
          onChange={(d: Direction) => {
            onGate(
              gate === undefined
                ? undefined
                : { id: gate.venueId, name: gate.venueName, kind: gate.venueKind },
              d,
            )
          }}
          disabled={gate === undefined}
          data-testid="gate-direction"
        />
        {gate === undefined && (
          <Alert type="warning" showIcon title={t('gate.noGate')} data-testid="gate-missing" />
        )}
        <div
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            padding: '8px 12px',
            borderRadius: 8,
            background: pending !== undefined && pending > 0 ? '#fff7e6' : '#f6ffed',
          }}
        >
          <Typography.Text
            strong
            style={{ fontSize: 24 }}
            data-testid="queue-pending"
            data-count={pending === undefined ? '' : String(pending)}
          >
            {t('gate.pending', { count: pending ?? 0 })}
          </Typography.Text>
          <Button onClick={onSync} loading={syncing} disabled={!online} data-testid="queue-sync">
            {t('gate.syncNow')}
          </Button>
        </div>
        {lastError !== undefined && (
          <Typography.Text type="warning" data-testid="queue-error">
            {t('gate.syncFailed', { reason: errorMessage(lastError, t) })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  )
}
