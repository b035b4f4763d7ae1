import { Navigate } from 'react-router-dom'
import { Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useCurrentUser } from './Guards'
import { CITIZEN_HOME, navItemsFor } from './navigation'

/** `/` opens the first page the user may see. */
export function HomeRedirect() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  if (me.role === 'citizen') return <Navigate to={CITIZEN_HOME} replace />
  const first = navItemsFor(me.permissions)[0]
  if (first !== undefined) return <Navigate to={first.path} replace />
  return <Result status="info" title={t('home.nothingTitle')} subTitle={t('home.nothingBody')} />
}
