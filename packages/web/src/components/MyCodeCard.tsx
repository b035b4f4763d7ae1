import { useEffect, useState } from 'react'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Colour } from '@lianfang/contracts'
import { useMySignedCode } from '../api/codes'
import { isApiError } from '../api/client'
import { currentLanguage } from '../i18n'
import { COLOUR_HEX } from './colour'
import { ErrorAlert } from './ErrorAlert'
import { formatDateTime } from './format'
import { QrCode } from './QrCode'

/** Dark shades of the code colours for the QR modules: tinted, yet dark enough to scan on white. */
const QR_MODULE_HEX: Readonly<Record<Colour, string>> = {
  green: '#135200',
  yellow: '#613400',
  red: '#820014',
}

/** "mm:ss" or "h:mm:ss" until `ms` from now. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now())
    }, intervalMs)
    return () => {
      window.clearInterval(timer)
    }
  }, [intervalMs])
  return now
}

/**
 * The citizen's signed health code: a large QR code framed in the colour, the masked name, the
 * colour word and a countdown to the code's expiry. It fetches a new code a minute before
 * expiry and whenever the tab regains focus (`/api/codes/me` is no-store).
 */
export function MyCodeCard() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const code = useMySignedCode()
  const now = useNow(1000)

  if (code.data === undefined) {
    if (code.isError && !(isApiError(code.error) && code.error.code === 'PERSON_NOT_FOUND'))
      return <ErrorAlert error={code.error} />
    return null
  }
  const { colour, qr, maskedName, expiresAt, issuedAt } = code.data
  const left = new Date(expiresAt).getTime() - now
  const hex = COLOUR_HEX[colour]
  const colourWord = t(`colour.${colour}`)
  return (
    <div
      data-testid="my-code-card"
      data-colour={colour}
      style={{
        background: hex,
        borderRadius: 16,
        padding: 12,
        color: '#fff',
        textAlign: 'center',
        boxShadow: '0 4px 16px rgba(0,0,0,0.12)',
      }}
    >
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'baseline',
          padding: '0 4px 8px',
        }}
      >
        <span style={{ fontSize: 18, fontWeight: 600 }} data-testid="my-code-name">
          {maskedName}
        </span>
        <span style={{ fontSize: 22, fontWeight: 700 }} data-testid="my-code-colour">
          {colourWord}
        </span>
      </div>
      <div style={{ background: '#fff', borderRadius: 12, padding: 8 }}>
        <QrCode
          text={qr}
          size={280}
          colour={QR_MODULE_HEX[colour]}
          label={t('myCode.qrLabel', { colour: colourWord })}
        />
        <Typography.Text style={{ fontSize: 14, color: '#595959' }}>{t('myCode.showAtGate')}</Typography.Text>
      </div>
      <div style={{ marginTop: 8, fontSize: 15 }} data-testid="my-code-countdown" role="timer">
        {left > 0 ? t('myCode.expiresIn', { time: formatCountdown(left) }) : t('myCode.expired')}
      </div>
      <div style={{ fontSize: 12, opacity: 0.85 }}>
        {t('myCode.issuedAt', { time: formatDateTime(issuedAt, lang) })}
        {code.isFetching ? ` · ${t('myCode.refreshing')}` : ''}
      </div>
    </div>
  )
}
