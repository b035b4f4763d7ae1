import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ScanOutcome } from '@lianfang/contracts'
import { COLOUR_HEX } from '../../components/colour'
import { outcomeReason } from './outcome-reason'

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
      detail = outcomeReason(t, outcome)
    } else {
      background = outcome.colour === null ? '#8c8c8c' : COLOUR_HEX[outcome.colour]
      title = outcome.decision === 'allow' ? t('checkpoint.allow') : t('checkpoint.deny')
      detail = outcome.reason === null ? undefined : outcomeReason(t, outcome)
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
