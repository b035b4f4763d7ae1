import { useState } from 'react'
import { Button, Card, Input, Segmented, Space, Typography } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { SelfCheckinResult } from '@lianfang/contracts'
import { api } from '../../api/client'
import { newScanId, type Direction } from '../../checkpoint/scan-queue'
import { normalizeCode } from '../../checkpoint/verify-code'
import { COLOUR_HEX } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { useCurrentUser } from '../../layout/Guards'
import { currentLanguage } from '../../i18n'
import { CameraScanner } from '../checkpoint/CameraScanner'

/** The answer, large: the venue and the citizen's own colour, for the gatekeeper to see. */
function ResultCard({
  result,
  direction,
  onAgain,
}: {
  result: SelfCheckinResult
  direction: Direction
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

/** The citizen scans a venue's poster (camera or pasted text) and is checked in there. */
export default function ScanVenuePage() {
  const { t } = useTranslation()
  const [scanning, setScanning] = useState(false)
  const [text, setText] = useState('')
  const [direction, setDirection] = useState<Direction>('in')
  const checkin = useMutation({
    mutationFn: (venueCode: string) =>
      api.selfCheckin({ venueCode: normalizeCode(venueCode), clientScanId: newScanId(), direction }),
    onSuccess: () => {
      setScanning(false)
    },
  })

  if (checkin.data !== undefined)
    return (
      <ResultCard
        result={checkin.data}
        direction={direction}
        onAgain={() => {
          checkin.reset()
          setText('')
        }}
      />
    )

  const submit = (code: string) => {
    if (code.trim() !== '' && !checkin.isPending) checkin.mutate(code)
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
