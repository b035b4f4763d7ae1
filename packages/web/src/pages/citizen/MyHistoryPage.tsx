import { Card } from 'antd'
import { useTranslation } from 'react-i18next'
import { useMyCodeHistory } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { ColourHistoryTimeline } from '../../components/health-code'
import { PageLoading } from '../../components/PageLoading'

/** My colour changes, newest first. */
export default function MyHistoryPage() {
  const { t } = useTranslation()
  const history = useMyCodeHistory()
  return (
    <Card title={t('code.history')} data-testid="my-history">
      {history.isPending && <PageLoading />}
      {history.isError && <ErrorAlert error={history.error} />}
      {history.data !== undefined && <ColourHistoryTimeline entries={history.data} />}
    </Card>
  )
}
