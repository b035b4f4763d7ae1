import { useCallback, useState } from 'react'
import { Alert, Button, Layout, Space, Typography } from 'antd'
import type { ScanOutcome } from '@lianfang/contracts'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/queries'
import { listsUsable } from '../../checkpoint/list-cache'
import type { CheckpointSession } from '../../checkpoint/offline-session'
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
import { errorMessage } from '../../components/ErrorAlert'
import { CameraScanner } from './CameraScanner'
import { CheckpointHeader } from './CheckpointHeader'
import { GateCard } from './GateCard'
import { ListsBanner } from './ListsBanner'
import { ListsInfo } from './ListsInfo'
import { PasteCodeCard } from './PasteCodeCard'
import { ProxyResult } from './ProxyResult'
import { ProxyScanForm } from './ProxyScanForm'
import { RejectedList } from './RejectedList'
import { ScanCountsCard } from './ScanCountsCard'
import { SeatCard } from './SeatEntry'
import { VerdictOverlay } from './VerdictOverlay'

/**
 * The gate's scanner: camera or pasted text, verified on this device against the cached,
 * signed lists (works offline), a full-screen decision, and today's counts.
 */
export function CheckpointScreen({
  session,
  sessionOffline,
}: {
  session: CheckpointSession
  sessionOffline: boolean
}) {
  const { t } = useTranslation()
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

  const usable = lists !== undefined && listsUsable(lists)
  const offline = !online || sessionOffline
  // Past its ttl the status list may miss colour changes: codes still verify, with a warning.
  const statusStale = lists?.status.some((s) => Date.now() / 1000 > s.list.issuedAt + s.list.ttl) ?? false

  return (
    <Layout
      style={{ minHeight: '100vh', background: '#f5f5f5' }}
      data-testid="checkpoint-page"
      data-lists-ready={usable ? 'yes' : 'no'}
    >
      <CheckpointHeader session={session} sessionOffline={sessionOffline} online={online} offline={offline} />
      <Layout.Content style={{ padding: 12, width: '100%', maxWidth: 560, margin: '0 auto' }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ListsBanner lists={lists} offline={offline} />
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
                    reason: p.error === undefined ? t('checkpoint.listInvalid') : errorMessage(p.error, t),
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
          <PasteCodeCard
            text={text}
            onText={setText}
            onVerify={() => void check(text)}
            verifying={verifying}
            usable={usable}
          />
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
          <ScanCountsCard counts={counts} />
          <ListsInfo lists={lists} online={online} refreshing={refreshing} onRefresh={() => void refresh()} />
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
