import { useCallback, useState, type ReactNode } from 'react'
import { useNavigate } from 'react-router-dom'
import { Alert, Button, Card, Input, Layout, Space, Statistic, Tag, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ScanOutcome } from '@lianfang/contracts'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { queryKeys, useMe } from '../../api/queries'
import { listsFetchedAt, listsUsable } from '../../checkpoint/list-cache'
import { forgetSession, type CheckpointSession } from '../../checkpoint/offline-session'
import {
  forgetGateSetting,
  readGateSetting,
  writeGateSetting,
  type GateSetting,
} from '../../checkpoint/gate-setting'
import { addScan, readScanCounts, writeScanCounts, type ScanCounts } from '../../checkpoint/scan-counts'
import { checkpointBackend, useCheckpointLists, useOnline } from '../../checkpoint/use-checkpoint-lists'
import { gateScanItem, newScanId, proxyScanItem, type ProxyPerson } from '../../checkpoint/scan-queue'
import { useScanQueue } from '../../checkpoint/use-scan-queue'
import { useSeatDraft, type TakenSeat } from '../../checkpoint/use-seat-draft'
import { normalizeCode, verifyPresentedCode, type CheckpointResult } from '../../checkpoint/verify-code'
import { DISPLAY_TIME_ZONE } from '../../components/format'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { currentLanguage, type Language } from '../../i18n'
import { CameraScanner } from './CameraScanner'
import { CheckpointGate } from './CheckpointGate'
import { GateCard, ProxyResult, ProxyScanForm, RejectedList } from './GatePanel'
import { SeatCard } from './SeatEntry'
import { VerdictOverlay } from './VerdictOverlay'

function formatClock(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: DISPLAY_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(ms))
}

export default function CheckpointPage() {
  return (
    <CheckpointGate>
      {(session, offline) => <Checkpoint session={session} sessionOffline={offline} />}
    </CheckpointGate>
  )
}

/**
 * The gate's scanner: camera or pasted text, verified on this device against the cached,
 * signed lists (works offline), a full-screen decision, and today's counts.
 */
function Checkpoint({ session, sessionOffline }: { session: CheckpointSession; sessionOffline: boolean }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const online = useOnline()
  const { lists, problems, refreshing, refresh } = useCheckpointLists()
  const [scanning, setScanning] = useState(false)
  const [text, setText] = useState('')
  const [result, setResult] = useState<CheckpointResult>()
  const [counts, setCounts] = useState<ScanCounts>(() => readScanCounts(Date.now()))
  const [verifying, setVerifying] = useState(false)
  const me = useMe()
  const queue = useScanQueue()
  const [gate, setGate] = useState<GateSetting | undefined>(() => readGateSetting(session.username))
  const [proxyOutcome, setProxyOutcome] = useState<{ outcome: ScanOutcome | undefined }>()
  // Recording needs checkin:record (not every verifier has it); offline, a remembered gate says so.
  const canRecord =
    me.data === undefined || me.data === null
      ? gate !== undefined
      : me.data.permissions.includes('checkin:record')
  const recordingGate = canRecord ? gate : undefined
  // Passengers' seats on entering a flight, train or bus (tracing reads entries only).
  const seatKind = recordingGate?.direction === 'in' ? recordingGate.venueKind : undefined
  const seats = useSeatDraft(seatKind)

  const logout = useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      forgetSession()
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, null)
      void navigate('/login', { replace: true })
    },
  })

  const check = useCallback(
    async (code: string) => {
      if (lists === undefined || code.trim() === '') return
      let seat: TakenSeat | undefined
      if (recordingGate !== undefined) {
        seat = seats.take()
        if (seat === undefined) return // a wrong seat: shown by its fields; nothing checked or queued
      }
      setVerifying(true)
      try {
        const now = Date.now()
        const r = await verifyPresentedCode(code, lists, checkpointBackend(), now)
        setResult(r)
        // Decided here, recorded by the server: queued now, sent when the network allows.
        const presented = normalizeCode(code)
        if (recordingGate !== undefined && presented.length <= 4096)
          void queue.enqueue(
            gateScanItem({
              clientScanId: newScanId(),
              venueId: recordingGate.venueId,
              direction: recordingGate.direction,
              code: presented,
              seat: seat?.seat,
              nowMs: now,
            }),
          )
        if (seat !== undefined) seats.recorded(seat)
        setCounts((c) => {
          const updated = addScan(c, r.allow, now)
          writeScanCounts(updated)
          return updated
        })
      } finally {
        setVerifying(false)
      }
    },
    [lists, recordingGate, queue.enqueue, seats.take, seats.recorded],
  )

  /** Records a person by their ID document; false when nothing was recorded (a wrong seat). */
  const recordProxy = async (person: ProxyPerson, companion: ProxyPerson | undefined) => {
    if (recordingGate === undefined) return false
    const seat = seats.take()
    if (seat === undefined) return false
    const item = proxyScanItem({
      clientScanId: newScanId(),
      venueId: recordingGate.venueId,
      direction: recordingGate.direction,
      person,
      companion,
      seat: seat.seat,
      nowMs: Date.now(),
    })
    const pending = queue.enqueue(item)
    seats.recorded(seat)
    setProxyOutcome({ outcome: await pending })
    return true
  }

  const fetchedAt = lists === undefined ? undefined : listsFetchedAt(lists)
  const usable = lists !== undefined && listsUsable(lists)
  const offline = !online || sessionOffline
  const newestStatus = lists?.status.reduce((a, s) => Math.max(a, s.list.issuedAt), 0) ?? 0
  // Past its ttl the status list may miss colour changes: codes still verify, with a warning.
  const statusStale = lists?.status.some((s) => Date.now() / 1000 > s.list.issuedAt + s.list.ttl) ?? false

  let banner: ReactNode = null
  if (lists === undefined) banner = <Alert type="info" showIcon title={t('checkpoint.listsLoading')} />
  else if (offline && fetchedAt !== undefined && usable)
    banner = (
      <Alert
        type="warning"
        showIcon
        data-testid="offline-banner"
        title={t('checkpoint.offline', { time: formatClock(fetchedAt, lang) })}
      />
    )
  else if (!usable)
    banner = (
      <Alert
        type="error"
        showIcon
        data-testid="lists-missing"
        title={offline ? t('checkpoint.offlineNoLists') : t('checkpoint.listsMissing')}
      />
    )

  return (
    <Layout
      style={{ minHeight: '100vh', background: '#f5f5f5' }}
      data-testid="checkpoint-page"
      data-lists-ready={usable ? 'yes' : 'no'}
    >
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          padding: '0 12px',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {session.hasConsole && (
          <Button
            type="text"
            aria-label={t('checkpoint.back')}
            onClick={() => void navigate('/')}
            style={{ fontSize: 18 }}
          >
            ←
          </Button>
        )}
        <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
          {t('checkpoint.title')}
        </Typography.Text>
        <Tag
          color={offline ? 'warning' : 'success'}
          data-testid="network-state"
          style={{ marginInlineEnd: 0 }}
        >
          {online ? t('checkpoint.online') : t('checkpoint.offlineShort')}
        </Tag>
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
        {!sessionOffline && (
          <Button
            type="text"
            size="small"
            loading={logout.isPending}
            onClick={() => {
              logout.mutate()
            }}
            data-testid="logout"
          >
            {t('checkpoint.logout')}
          </Button>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 12, width: '100%', maxWidth: 560, margin: '0 auto' }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {banner}
          {statusStale && (
            <Alert type="warning" showIcon data-testid="status-stale" title={t('checkpoint.statusStale')} />
          )}
          {sessionOffline && (
            <Typography.Text type="secondary">
              {t('checkpoint.offlineSession', { name: session.displayName })}
            </Typography.Text>
          )}
          {online &&
            problems
              .filter((p) => p.list !== 'status' || lists?.trust !== undefined)
              .map((p) => (
                <Alert
                  key={p.list}
                  type="warning"
                  showIcon
                  title={t('checkpoint.listProblem', {
                    list: t(`checkpoint.lists.${p.list}`),
                    reason: p.reason,
                  })}
                />
              ))}
          {canRecord && (
            <GateCard
              gate={gate}
              onGate={(venue, direction) => {
                const next =
                  venue === undefined
                    ? undefined
                    : {
                        username: session.username,
                        venueId: venue.id,
                        venueName: venue.name,
                        direction,
                        ...(venue.kind === undefined ? {} : { venueKind: venue.kind }),
                      }
                if (next?.venueId !== gate?.venueId) seats.reset()
                setGate(next)
                if (next === undefined) forgetGateSetting()
                else writeGateSetting(next)
              }}
              online={online && !sessionOffline}
              pending={queue.pending}
              syncing={queue.syncing}
              lastError={queue.lastError}
              onSync={() => void queue.sync()}
            />
          )}
          <RejectedList items={queue.rejected} onClear={() => void queue.clearRejected()} />
          {seatKind !== undefined && <SeatCard seats={seats} venueKind={seatKind} />}
          <Button
            type="primary"
            size="large"
            block
            style={{ height: 64, fontSize: 22 }}
            onClick={() => {
              setScanning((s) => !s)
            }}
            disabled={!usable}
            data-testid="scan-toggle"
          >
            {scanning ? t('checkpoint.stopScan') : t('checkpoint.scan')}
          </Button>
          {scanning && usable && (
            <CameraScanner paused={result !== undefined || verifying} onCode={(c) => void check(c)} />
          )}
          <Card size="small" title={t('checkpoint.pasteLabel')}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                value={text}
                onChange={(e) => {
                  setText(e.target.value)
                }}
                onPressEnter={() => void check(text)}
                placeholder="LF1:…"
                size="large"
                autoComplete="off"
                spellCheck={false}
                aria-label={t('checkpoint.pasteLabel')}
                data-testid="code-input"
              />
              <Button
                type="primary"
                size="large"
                onClick={() => void check(text)}
                loading={verifying}
                disabled={!usable || text.trim() === ''}
                data-testid="code-verify"
              >
                {t('checkpoint.verify')}
              </Button>
            </Space.Compact>
          </Card>
          {canRecord &&
            (proxyOutcome === undefined ? (
              <ProxyScanForm disabled={recordingGate === undefined} onSubmit={recordProxy} />
            ) : (
              <ProxyResult
                outcome={proxyOutcome.outcome}
                onClose={() => {
                  setProxyOutcome(undefined)
                }}
              />
            ))}
          <Card size="small" title={t('checkpoint.today')} data-testid="scan-counts">
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
              <Statistic
                title={t('checkpoint.allowed')}
                value={counts.allowed}
                styles={{ content: { color: '#389e0d', fontSize: 32 } }}
                data-testid="count-allowed"
              />
              <Statistic
                title={t('checkpoint.denied')}
                value={counts.denied}
                styles={{ content: { color: '#cf1322', fontSize: 32 } }}
                data-testid="count-denied"
              />
            </div>
          </Card>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="lists-info">
              {lists?.trust !== undefined && newestStatus > 0
                ? t('checkpoint.listsReady', {
                    version: lists.trust.list.version,
                    time: formatClock(newestStatus * 1000, lang),
                  })
                : ''}
            </Typography.Text>
            <Button
              size="small"
              onClick={() => void refresh()}
              loading={refreshing}
              disabled={!online}
              data-testid="lists-refresh"
            >
              {t('checkpoint.refresh')}
            </Button>
          </Space>
        </Space>
      </Layout.Content>
      {result !== undefined && (
        <VerdictOverlay
          result={result}
          onNext={() => {
            setResult(undefined)
            setText('')
          }}
        />
      )}
    </Layout>
  )
}
