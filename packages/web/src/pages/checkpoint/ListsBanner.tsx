import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import { listsFetchedAt, listsUsable, type CachedLists } from '../../checkpoint/list-cache'
import { currentLanguage } from '../../i18n'
import { formatClock } from './format-clock'

/**
 * What the verifier's lists allow: still loading, offline with the lists of HH:MM, or missing
 * (nothing can be verified). Nothing when online with usable lists.
 */
export function ListsBanner({ lists, offline }: { lists: CachedLists | undefined; offline: boolean }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  if (lists === undefined) return <Alert type="info" showIcon title={t('checkpoint.listsLoading')} />
  const fetchedAt = listsFetchedAt(lists)
  const usable = listsUsable(lists)
  if (offline && fetchedAt !== undefined && usable)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="offline-banner"
        title={t('checkpoint.offline', { time: formatClock(fetchedAt, lang) })}
      />
    )
  if (!usable)
    return (
      <Alert
        type="error"
        showIcon
        data-testid="lists-missing"
        title={offline ? t('checkpoint.offlineNoLists') : t('checkpoint.listsMissing')}
      />
    )
  return null
}
