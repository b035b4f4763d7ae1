import { useState } from 'react'
import { Button, Card, Input, Segmented, Space, Typography } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CheckinRoutes, type Seat, type SelfCheckinResult } from '@lianfang/contracts'
import { call } from '../../api/call'
import { newScanId, type Direction } from '../../checkpoint/scan-queue'
import {
  EMPTY_SEAT_DRAFT,
  seatFromDraft,
  seatLayout,
  type SeatDraft,
  type SeatIssue,
} from '../../checkpoint/seat'
import { peekVenueCode, type PeekedVenue } from '../../checkpoint/venue-code-peek'
import { normalizeCode } from '../../checkpoint/verify-code'
import { COLOUR_HEX } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { useCurrentUser } from '../../layout/Guards'
import { currentLanguage } from '../../i18n'
import { CameraScanner } from '../checkpoint/CameraScanner'
import { formatSeat, SeatFields } from '../checkpoint/SeatEntry'

/** The answer, large: the venue and the citizen's own colour, for the gatekeeper to see. */
function ResultCard({
  result,
  direction,
  seat,
  onAgain,
}: {
  result: SelfCheckinResult
  direction: Direction
  seat: { seat: Seat; letter: string } | undefined
  onAgain: () => void
}) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const lang = currentLanguage()
  const background = result.colour === null ? '#8c8c8c' : COLOUR_HEX[result.colour]
  let headline = direction === 'out' ? t('selfCheckin.checkedOut') : t('selfCheckin.checkedIn')
  if (result.status === 'duplicate') headline = t('selfCheckin.duplicate')
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div
        data-testid="self-checkin-result"
        data-colour={result.colour ?? 'none'}
        data-status={result.status}
        style={{
          background,
          color: '#fff',
          borderRadius: 16,
          padding: '24px 16px',
          textAlign: 'center',
          boxShadow: '0 4px 16px rgba(0,0,0,0.12)',
        }}
      >
        <div style={{ fontSize: 18, opacity: 0.95 }}>{headline}</div>
        <div
          style={{ fontSize: 34, fontWeight: 800, lineHeight: 1.25, margin: '8px 0' }}
          data-testid="self-checkin-venue"
        >
          {result.venue.name}
        </div>
        <div style={{ fontSize: 14, opacity: 0.9 }}>{result.venue.regionName}</div>
        {seat !== undefined && (
          <div style={{ fontSize: 20, fontWeight: 600, marginTop: 4 }} data-testid="self-checkin-seat">
            {formatSeat(t, seat.seat, seat.letter)}
          </div>
        )}
        <div style={{ fontSize: 56, fontWeight: 800, margin: '12px 0' }} data-testid="self-checkin-colour">
          {result.colour === null ? t('selfCheckin.noColour') : t(`colour.${result.colour}`)}
        </div>
        <div style={{ fontSize: 20, fontWeight: 600 }}>{result.maskedName ?? me.displayName}</div>
        {result.reasonText !== null && (
          <div style={{ fontSize: 16, marginTop: 8 }}>{result.reasonText[lang]}</div>
        )}
        <div style={{ fontSize: 14, opacity: 0.9, marginTop: 8 }}>
          {t('selfCheckin.at', { time: formatDateTime(result.checkedInAt, lang) })}
        </div>
      </div>
      <Typography.Paragraph style={{ textAlign: 'center', fontSize: 16 }}>
        {t('selfCheckin.showGatekeeper')}
      </Typography.Paragraph>
      <Button block size="large" onClick={onAgain} data-testid="self-checkin-again">
        {t('selfCheckin.again')}
      </Button>
    </Space>
  )
}

/** A scanned transport venue code waiting for the passenger's seat before it is sent. */
interface SeatStep {
  readonly code: string
  readonly venue: PeekedVenue
  readonly draft: SeatDraft
  readonly issue: SeatIssue | undefined
}

/**
 * The citizen scans a venue's poster (camera or pasted text) and is checked in there. On entering
 * a flight, train or bus — as the code itself says — the page first asks for the seat.
 */
export default function ScanVenuePage() {
  const { t } = useTranslation()
  const [scanning, setScanning] = useState(false)
  const [text, setText] = useState('')
  const [direction, setDirection] = useState<Direction>('in')
  const [seatStep, setSeatStep] = useState<SeatStep>()
  const [sentSeat, setSentSeat] = useState<{ seat: Seat; letter: string }>()
  const checkin = useMutation({
    mutationFn: ({ venueCode, seat }: { venueCode: string; seat?: Seat | undefined }) =>
      call(CheckinRoutes.self, {
        body: {
          venueCode: normalizeCode(venueCode),
          clientScanId: newScanId(),
          direction,
          ...(seat === undefined ? {} : { seat }),
        },
      }),
    onSuccess: () => {
      setScanning(false)
      setSeatStep(undefined)
    },
  })

  if (checkin.data !== undefined)
    return (
      <ResultCard
        result={checkin.data}
        direction={direction}
        seat={sentSeat}
        onAgain={() => {
          checkin.reset()
          setText('')
          setSentSeat(undefined)
        }}
      />
    )

  const submit = (code: string) => {
    if (code.trim() === '' || checkin.isPending || seatStep !== undefined) return
    const venue = direction === 'in' ? peekVenueCode(code) : undefined
    if (venue !== undefined && seatLayout(venue.kind) !== undefined) {
      setScanning(false)
      checkin.reset()
      setSeatStep({ code, venue, draft: EMPTY_SEAT_DRAFT, issue: undefined })
      return
    }
    setSentSeat(undefined)
    checkin.mutate({ venueCode: code })
  }

  const submitSeat = (step: SeatStep) => {
    const entry = seatFromDraft(step.venue.kind, step.draft)
    if (!entry.ok) {
      setSeatStep({ ...step, issue: entry.issue })
      return
    }
    setSentSeat(entry.seat === undefined ? undefined : { seat: entry.seat, letter: step.draft.letter })
    checkin.mutate({ venueCode: step.code, seat: entry.seat })
  }

  if (seatStep !== undefined) {
    const layout = seatLayout(seatStep.venue.kind)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="self-seat-step">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('selfCheckin.seatTitle', { name: seatStep.venue.name })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('selfCheckin.seatHint')}</Typography.Text>
        {checkin.isError && <ErrorAlert error={checkin.error} />}
        {layout !== undefined && (
          <Card size="small" title={t('seat.title')}>
            <SeatFields
              layout={layout}
              draft={seatStep.draft}
              onChange={(draft) => {
                setSeatStep({ ...seatStep, draft, issue: undefined })
              }}
              issue={seatStep.issue}
              vehicleKind={seatStep.venue.kind}
            />
          </Card>
        )}
        <Button
          type="primary"
          size="large"
          block
          style={{ height: 56, fontSize: 20 }}
          loading={checkin.isPending}
          onClick={() => {
            submitSeat(seatStep)
          }}
          data-testid="self-seat-submit"
        >
          {t('selfCheckin.seatSubmit')}
        </Button>
        <Button
          block
          size="large"
          disabled={checkin.isPending}
          onClick={() => {
            checkin.reset()
            setSeatStep(undefined)
            setText('')
          }}
          data-testid="self-seat-cancel"
        >
          {t('selfCheckin.seatCancel')}
        </Button>
      </Space>
    )
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="scan-venue-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('selfCheckin.title')}
      </Typography.Title>
      <Segmented
        block
        size="large"
        value={direction}
        options={[
          { value: 'in', label: t('gate.in') },
          { value: 'out', label: t('gate.out') },
        ]}
        onChange={(d: Direction) => {
          setDirection(d)
        }}
      />
      {checkin.isError && <ErrorAlert error={checkin.error} />}
      <Button
        type="primary"
        size="large"
        block
        style={{ height: 56, fontSize: 20 }}
        onClick={() => {
          setScanning((s) => !s)
        }}
        data-testid="self-scan-toggle"
      >
        {scanning ? t('selfCheckin.stopScan') : t('selfCheckin.scan')}
      </Button>
      {scanning && (
        <CameraScanner paused={checkin.isPending} onCode={submit} hint={t('selfCheckin.cameraHint')} />
      )}
      <Card size="small" title={t('selfCheckin.pasteLabel')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={text}
            onChange={(e) => {
              setText(e.target.value)
            }}
            onPressEnter={() => {
              submit(text)
            }}
            placeholder="LFV1:…"
            size="large"
            autoComplete="off"
            spellCheck={false}
            aria-label={t('selfCheckin.pasteLabel')}
            data-testid="venue-code-input"
          />
          <Button
            type="primary"
            size="large"
            onClick={() => {
              submit(text)
            }}
            loading={checkin.isPending}
            disabled={text.trim() === ''}
            data-testid="venue-code-submit"
          >
            {t('selfCheckin.submit')}
          </Button>
        </Space.Compact>
      </Card>
    </Space>
  )
}
