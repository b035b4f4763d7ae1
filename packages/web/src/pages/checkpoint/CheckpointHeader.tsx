import { useNavigate } from 'react-router-dom'
import { Button, Layout, Tag, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { queryKeys } from '../../api/queries'
import { forgetSession, type CheckpointSession } from '../../checkpoint/offline-session'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { AuthRoutes } from '@lianfang/contracts'
import { call } from '../../api/call'

/**
 * The checkpoint's sticky bar: back to the console (for users who have one), the network
 * state, the language and, for an online session, logout (which also forgets the session
 * remembered on this device).
 */
export function CheckpointHeader({
  session,
  sessionOffline,
  online,
  offline,
}: {
  session: CheckpointSession
  sessionOffline: boolean
  online: boolean
  offline: boolean
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const logout = useMutation({
    mutationFn: () => call(AuthRoutes.logout),
    onSettled: () => {
      forgetSession()
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, null)
      void navigate('/login', { replace: true })
    },
  })

  return (
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
      {session.hasConsole && (
        <Button
          type="text"
          aria-label={t('checkpoint.back')}
          onClick={() => void navigate('/')}
          style={{ fontSize: 18 }}
        >
          ←
        </Button>
      )}
      <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
        {t('checkpoint.title')}
      </Typography.Text>
      <Tag color={offline ? 'warning' : 'success'} data-testid="network-state" style={{ marginInlineEnd: 0 }}>
        {online ? t('checkpoint.online') : t('checkpoint.offlineShort')}
      </Tag>
      <div style={{ flex: 1 }} />
      <LanguageSwitch />
      {!sessionOffline && (
        <Button
          type="text"
          size="small"
          loading={logout.isPending}
          onClick={() => {
            logout.mutate()
          }}
          data-testid="logout"
        >
          {t('checkpoint.logout')}
        </Button>
      )}
    </Layout.Header>
  )
}
