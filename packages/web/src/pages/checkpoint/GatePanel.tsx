import { useEffect, useState } from 'react'
import { Alert, Button, Card, Form, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ScanOutcome } from '@lianfang/contracts'
import { ID_TYPES, type IdType } from '@lianfang/core'
import { api } from '../../api/client'
import { queryKeys, useVenues } from '../../api/queries'
import type { GateSetting } from '../../checkpoint/gate-setting'
import type { Direction, ProxyPerson, RejectedScan } from '../../checkpoint/scan-queue'
import { COLOUR_HEX } from '../../components/colour'
import { errorMessage } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { formatSeat } from './SeatEntry'

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
    queryKey: queryKeys.venue(legacy?.venueId ?? ''),
    queryFn: () => api.venue(legacy?.venueId ?? ''),
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

function outcomeReason(o: ScanOutcome | null, fallback: string): string {
  const lang = currentLanguage()
  return o?.reasonText?.[lang] ?? o?.error?.message ?? fallback
}

/** Scans the server refused to record, with why: the operator sees them, nothing is lost silently. */
export function RejectedList({ items, onClear }: { items: readonly RejectedScan[]; onClear: () => void }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  if (items.length === 0) return null
  return (
    <Card
      size="small"
      title={t('gate.rejectedTitle', { count: items.length })}
      extra={
        <Button size="small" onClick={onClear} data-testid="rejected-clear">
          {t('gate.rejectedClear')}
        </Button>
      }
      data-testid="rejected-list"
      style={{ borderColor: '#ffa39e' }}
    >
      <List
        size="small"
        dataSource={[...items].reverse()}
        renderItem={(r) => (
          <List.Item key={r.clientScanId}>
            <Space orientation="vertical" size={0}>
              <Typography.Text>
                <Tag>{t(`gate.method.${r.item.method}`)}</Tag>
                {formatDateTime(r.item.scannedAt, lang)}
                {r.item.seat !== undefined && ` · ${formatSeat(t, r.item.seat)}`}
              </Typography.Text>
              <Typography.Text type="danger">{outcomeReason(r.outcome, r.message)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}

interface ProxyForm {
  idType: IdType
  idNumber: string
  companionIdType: IdType
  companionIdNumber?: string
}

/** For people without a phone: the ID document, and optionally the companion's. */
export function ProxyScanForm({
  disabled,
  onSubmit,
}: {
  disabled: boolean
  /** Resolves true when recorded (the fields are then cleared for the next person). */
  onSubmit: (person: ProxyPerson, companion: ProxyPerson | undefined) => Promise<boolean>
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<ProxyForm>()
  const [busy, setBusy] = useState(false)
  const idTypes = ID_TYPES.map((v) => ({ value: v, label: t(`idType.${v}`) }))
  return (
    <Card size="small" title={t('gate.proxyTitle')} data-testid="proxy-card">
      <Form<ProxyForm>
        form={form}
        layout="vertical"
        initialValues={{ idType: 'resident', companionIdType: 'resident' }}
        disabled={disabled}
        onFinish={(v) => {
          setBusy(true)
          const companion =
            v.companionIdNumber !== undefined && v.companionIdNumber.trim() !== ''
              ? { idType: v.companionIdType, idNumber: v.companionIdNumber }
              : undefined
          void onSubmit({ idType: v.idType, idNumber: v.idNumber }, companion)
            .then((recorded) => {
              if (recorded) form.resetFields(['idNumber', 'companionIdNumber'])
            })
            .finally(() => {
              setBusy(false)
            })
        }}
      >
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="idType" noStyle>
            <Select options={idTypes} style={{ width: '40%' }} aria-label={t('gate.idType')} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            noStyle
            rules={[{ required: true, whitespace: true, message: t('gate.idNumberRequired') }]}
          >
            <Input
              placeholder={t('gate.idNumber')}
              aria-label={t('gate.idNumber')}
              maxLength={40}
              autoComplete="off"
              data-testid="proxy-id-number"
            />
          </Form.Item>
        </Space.Compact>
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Form.Item name="companionIdType" noStyle>
            <Select options={idTypes} style={{ width: '40%' }} aria-label={t('gate.companionIdType')} />
          </Form.Item>
          <Form.Item name="companionIdNumber" noStyle>
            <Input
              placeholder={t('gate.companionIdNumber')}
              aria-label={t('gate.companionIdNumber')}
              maxLength={40}
              autoComplete="off"
              data-testid="proxy-companion-number"
            />
          </Form.Item>
        </Space.Compact>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={busy}
          style={{ marginTop: 12 }}
          data-testid="proxy-submit"
        >
          {t('gate.proxySubmit')}
        </Button>
      </Form>
    </Card>
  )
}

/** The answer to a proxy scan: the server's decision, or "recorded, decision pending" offline. */
export function ProxyResult({ outcome, onClose }: { outcome: ScanOutcome | undefined; onClose: () => void }) {
  const { t } = useTranslation()
  let background = '#8c8c8c'
  let title = t('gate.proxyPending')
  let detail: string | undefined
  if (outcome !== undefined) {
    if (outcome.status === 'rejected') {
      background = COLOUR_HEX.red
      title = t('gate.proxyRejected')
      detail = outcomeReason(outcome, outcome.status)
    } else {
      background = outcome.colour === null ? '#8c8c8c' : COLOUR_HEX[outcome.colour]
      title = outcome.decision === 'allow' ? t('checkpoint.allow') : t('checkpoint.deny')
      detail = outcome.reason === null ? undefined : outcomeReason(outcome, outcome.reason)
    }
  }
  return (
    <div
      role="status"
      data-testid="proxy-result"
      data-status={outcome?.status ?? 'pending'}
      data-decision={outcome?.decision ?? ''}
      style={{ background, color: '#fff', borderRadius: 12, padding: 16, textAlign: 'center' }}
    >
      <div style={{ fontSize: 32, fontWeight: 800 }}>{title}</div>
      {outcome?.maskedName != null && <div style={{ fontSize: 24 }}>{outcome.maskedName}</div>}
      {outcome?.colour != null && <div style={{ fontSize: 20 }}>{t(`colour.${outcome.colour}`)}</div>}
      {detail !== undefined && <div style={{ fontSize: 16 }}>{detail}</div>}
      <Button onClick={onClose} style={{ marginTop: 8 }} data-testid="proxy-result-close">
        {t('checkpoint.next')}
      </Button>
    </div>
  )
}
