import { useState } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import { App, Button, Layout, Result, Space, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { queryKeys } from '../api/queries'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { errorMessage } from '../components/ErrorAlert'
import { ChangePasswordModal } from '../pages/auth/ChangePasswordModal'
import { useCurrentUser } from './Guards'
import { CITIZEN_HOME } from './navigation'
import { AuthRoutes } from '@lianfang/contracts'
import { call } from '../api/call'

/**
 * The citizen's frame: phone-first, one column, no console menu. Pages other than the home
 * page get a back arrow to it.
 */
export function CitizenLayout() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [passwordOpen, setPasswordOpen] = useState(false)
  const logout = useMutation({
    mutationFn: () => call(AuthRoutes.logout),
    onSettled: (_data, error) => {
      if (error !== null) void message.error(errorMessage(error, t))
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, null)
      void navigate('/login', { replace: true })
    },
  })

  if (me.role !== 'citizen') {
    return (
      <Result
        status="info"
        title={t('citizen.onlyCitizensTitle')}
        subTitle={t('citizen.onlyCitizensBody')}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
        data-testid="citizen-only"
      />
    )
  }

  const atHome = location.pathname === CITIZEN_HOME
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          padding: '0 12px',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {!atHome && (
          <Button
            type="text"
            aria-label={t('common.back')}
            onClick={() => void navigate(CITIZEN_HOME)}
            data-testid="citizen-back"
            style={{ fontSize: 18 }}
          >
            ←
          </Button>
        )}
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('citizen.appName')}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Space size="small">
          <LanguageSwitch />
          <Button
            type="text"
            size="small"
            onClick={() => {
              setPasswordOpen(true)
            }}
            data-testid="change-password"
          >
            {t('password.menu')}
          </Button>
          <Button
            type="text"
            size="small"
            loading={logout.isPending}
            onClick={() => {
              logout.mutate()
            }}
            data-testid="logout"
          >
            {t('auth.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, width: '100%', maxWidth: 560, margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
      <ChangePasswordModal
        open={passwordOpen}
        onClose={() => {
          setPasswordOpen(false)
        }}
      />
    </Layout>
  )
}
