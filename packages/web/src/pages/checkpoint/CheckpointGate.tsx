import { useEffect, type ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/queries'
import {
  forgetSession,
  rememberSession,
  rememberedSession,
  sessionFromMe,
  type CheckpointSession,
} from '../../checkpoint/offline-session'
import { useOnline } from '../../checkpoint/use-checkpoint-lists'
import { errorMessage } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { navItemsFor } from '../../layout/navigation'

/**
 * Who may use the page. Online: the signed-in user with `code:verify` (remembered on this
 * device). Offline, or with the server down: the remembered user, so the gate keeps working.
 */
export function CheckpointGate({
  children,
}: {
  children: (session: CheckpointSession, offline: boolean) => ReactNode
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const me = useMe()
  const online = useOnline()
  const remembered = rememberedSession()
  const data = me.data

  const session =
    data === undefined || data === null || !data.permissions.includes('code:verify')
      ? undefined
      : sessionFromMe(
          data,
          navItemsFor(data.permissions).some((i) => i.key !== 'checkpoint'),
          Date.now(),
        )
  // Saved when who it is changes, not on every render.
  const who =
    session === undefined ? undefined : `${session.username}\n${session.displayName}\n${session.hasConsole}`
  useEffect(() => {
    if (session !== undefined) rememberSession(session)
    else if (data !== undefined) forgetSession() // signed out, or someone without code:verify
  }, [who, data])

  if (session) return children(session, false)
  if (data === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />
  if (data !== undefined)
    return <Result status="403" title="403" subTitle={t('error.noPermission')} data-testid="no-permission" />
  const unreachable = me.isError || !online || me.fetchStatus === 'paused'
  if (unreachable && remembered) return children(remembered, true)
  if (me.isError)
    return (
      <Result
        status="error"
        title={t('error.serverUnavailable')}
        subTitle={errorMessage(me.error, t)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    )
  return <PageLoading />
}
