import { Button, Card, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { RejectedScan } from '../../checkpoint/scan-queue'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { outcomeReason } from './outcome-reason'
import { formatSeat } from './SeatEntry'

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
              <Typography.Text type="danger">{outcomeReason(t, r.outcome, r.code)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}
