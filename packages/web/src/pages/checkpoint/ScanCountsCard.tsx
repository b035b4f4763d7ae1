import { Card, Statistic } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ScanCounts } from '../../checkpoint/scan-counts'

/** Today's allowed and denied counts on this device. */
export function ScanCountsCard({ counts }: { counts: ScanCounts }) {
  const { t } = useTranslation()
  return (
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
  )
}
