import { useEffect, useRef } from 'react'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CheckpointResult } from '../../checkpoint/verify-code'
import { COLOUR_HEX } from '../../components/colour'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'

/** A refused code shows on the red of a red code: either way, the person does not pass. */
const INVALID_HEX = COLOUR_HEX.red

/**
 * The decision, full screen and large enough to read at arm's length: green ALLOW, or DENY on
 * the code's colour (yellow, red) with why; "not a valid code" with the failed stage. Tap
 * anywhere or press Enter for the next person.
 */
export function VerdictOverlay({ result, onNext }: { result: CheckpointResult; onNext: () => void }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const next = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    next.current?.focus()
  }, [])

  const background = result.colour === null ? INVALID_HEX : COLOUR_HEX[result.colour]
  const verdict = result.allow ? 'allow' : 'deny'
  let reason: string | undefined
  if (!result.ok && result.stage !== null) reason = t(`checkpoint.stages.${result.stage}`)
  else if (result.colour === 'yellow') reason = t('checkpoint.denyYellow')
  else if (result.colour === 'red') reason = t('checkpoint.denyRed')

  return (
    <div
      role="alertdialog"
      aria-live="assertive"
      aria-label={result.allow ? t('checkpoint.allow') : t('checkpoint.deny')}
      data-testid="verdict"
      data-verdict={verdict}
      data-colour={result.colour ?? 'invalid'}
      data-stage={result.stage ?? ''}
      onClick={onNext}
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 2000,
        background,
        color: '#fff',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 12,
        padding: 24,
        textAlign: 'center',
        cursor: 'pointer',
      }}
    >
      <div aria-hidden style={{ fontSize: 'min(40vw, 180px)', lineHeight: 1, fontWeight: 700 }}>
        {result.allow ? '✓' : '✕'}
      </div>
      <div
        style={{ fontSize: 'min(16vw, 72px)', fontWeight: 800, lineHeight: 1.1 }}
        data-testid="verdict-word"
      >
        {result.allow ? t('checkpoint.allow') : t('checkpoint.deny')}
      </div>
      {result.maskedName !== null && (
        <div style={{ fontSize: 'min(12vw, 56px)', fontWeight: 700 }} data-testid="verdict-name">
          {result.maskedName}
        </div>
      )}
      {result.colour !== null ? (
        <div style={{ fontSize: 32, fontWeight: 700 }} data-testid="verdict-colour">
          {t(`colour.${result.colour}`)}
        </div>
      ) : (
        <div style={{ fontSize: 32, fontWeight: 700 }} data-testid="verdict-invalid">
          {t('checkpoint.invalid')}
        </div>
      )}
      {reason !== undefined && (
        <div style={{ fontSize: 24, maxWidth: 640 }} data-testid="verdict-reason">
          {reason}
        </div>
      )}
      {result.stage !== null && (
        <div style={{ fontSize: 16, opacity: 0.9 }} data-testid="verdict-stage">
          {t('checkpoint.stage', { stage: t(`checkpoint.stageNames.${result.stage}`) })}
        </div>
      )}
      {result.statusFresh === false && (
        <div
          data-testid="verdict-stale"
          style={{
            background: '#fffbe6',
            color: '#613400',
            borderRadius: 8,
            padding: '8px 12px',
            fontSize: 16,
            maxWidth: 560,
          }}
        >
          ⚠ {t('checkpoint.statusStale')}
        </div>
      )}
      <div style={{ fontSize: 14, opacity: 0.85 }}>
        {result.expiresAt !== null && (
          <div>{t('checkpoint.expiresAt', { time: formatDateTime(result.expiresAt, lang) })}</div>
        )}
        {result.issuer !== null && <div>{t('checkpoint.issuer', { issuer: result.issuer })}</div>}
        <div>
          {t('checkpoint.verifiedLocally', {
            time: formatDateTime(new Date(result.checkedAt).toISOString(), lang),
          })}
        </div>
      </div>
      <Button
        ref={next}
        size="large"
        onClick={(e) => {
          e.stopPropagation()
          onNext()
        }}
        data-testid="verdict-next"
        style={{ minWidth: 200, height: 56, fontSize: 20, marginTop: 8 }}
      >
        {t('checkpoint.next')}
      </Button>
    </div>
  )
}
