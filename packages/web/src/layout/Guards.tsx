import { createContext, use, type ReactNode } from 'react'
import { Link, Navigate, useLocation } from 'react-router-dom'
import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Me } from '@lianfang/contracts'
import { ROLE_PERMISSIONS, type Permission } from '@lianfang/core'
import { useMe } from '../api/queries'
import { PageLoading } from '../components/PageLoading'
import { errorMessage } from '../components/ErrorAlert'
import { ForcedPasswordChange } from '../pages/auth/ForcedPasswordChange'

const MeContext = createContext<Me | null>(null)

/** The signed-in user; only for components rendered inside {@link RequireAuth}. */
export function useCurrentUser(): Me {
  const me = use(MeContext)
  if (me === null) throw new Error('useCurrentUser() outside <RequireAuth>')
  return me
}

export function useCan(permission: Permission): boolean {
  return useCurrentUser().permissions.includes(permission)
}

/**
 * Renders its children for a signed-in user; sends everyone else to /login and back afterwards. A
 * user who must change an admin-chosen password sees only the password change.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const location = useLocation()
  const me = useMe()
  if (me.isPending) return <PageLoading />
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t('error.serverUnavailable')}
        subTitle={errorMessage(me.error, t)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    )
  }
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`
    return <Navigate to="/login" replace state={{ from: next }} />
  }
  // A password an admin chose is changed before anything else (the server refuses the rest).
  if (me.data.mustChangePassword) return <ForcedPasswordChange />
  return <MeContext value={me.data}>{children}</MeContext>
}

/** The page, or a 403 result when the user's role lacks the permission (the server refuses anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission)
  if (!allowed) return <NoPermission permission={permission} />
  return children
}

/**
 * A 403 that says why (#16 "a 403 is explained, never silent"): the page needs a permission the
 * user's role lacks, which roles hold it, and whom to ask.
 */
export function NoPermission({ permission }: { permission: Permission }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const holders = ROLE_PERMISSIONS[permission].map((r) => t(`role.${r}`)).join('、')
  return (
    <Result
      status="403"
      title={t('error.noPermissionTitle')}
      subTitle={t('error.noPermissionWhy', { role: t(`role.${me.role}`), roles: holders })}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backToWork')}</Button>
        </Link>
      }
      data-testid="no-permission"
    />
  )
}
