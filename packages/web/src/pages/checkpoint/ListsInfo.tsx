import { Button, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CachedLists } from '../../checkpoint/list-cache'
import { currentLanguage } from '../../i18n'
import { formatClock } from './format-clock'

/** The trust list's version and the newest status list's time, with a manual refresh. */
export function ListsInfo({
  lists,
  online,
  refreshing,
  onRefresh,
}: {
  lists: CachedLists | undefined
  online: boolean
  refreshing: boolean
  onRefresh: () => void
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const newestStatus = lists?.status.reduce((a, s) => Math.max(a, s.list.issuedAt), 0) ?? 0
  return (
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
        onClick={onRefresh}
        loading={refreshing}
        disabled={!online}
        data-testid="lists-refresh"
      >
        {t('checkpoint.refresh')}
      </Button>
    </Space>
  )
}
