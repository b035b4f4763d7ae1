import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { AuthRoutes, type LoginBody } from '@lianfang/contracts'
import { queryKeys, useMe } from '../../api/queries'
import { errorMessage } from '../../components/ErrorAlert'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { PageLoading } from '../../components/PageLoading'
import { call } from '../../api/call'

/** Where to go after signing in: the page that sent us here, if it is one of ours. */
function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    if (state.from.startsWith('/') && !state.from.startsWith('//') && !state.from.startsWith('/login')) {
      return state.from
    }
  }
  return '/'
}

/** The user name handed over by the registration page, to save typing it again. */
function registeredUsername(state: unknown): string | undefined {
  if (
    typeof state === 'object' &&
    state !== null &&
    'username' in state &&
    typeof state.username === 'string'
  ) {
    return state.username
  }
  return undefined
}

export default function LoginPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const me = useMe()
  const next = returnPath(location.state)

  const login = useMutation({
    mutationFn: (body: LoginBody) => call(AuthRoutes.login, { body }),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user)
      void navigate(next, { replace: true })
    },
  })

  if (me.isPending) return <PageLoading />
  if (me.data) return <Navigate to={next} replace />

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4, textAlign: 'center' }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('app.tagline')}
        </Typography.Paragraph>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(login.error, t)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginBody>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => {
            login.mutate(values)
          }}
          autoComplete="on"
          initialValues={{ username: registeredUsername(location.state) ?? '' }}
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('auth.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Typography.Text type="secondary">{t('auth.citizenNoAccount')}</Typography.Text>{' '}
          <Link to="/register" data-testid="login-register">
            {t('auth.register')}
          </Link>
        </div>
      </Card>
    </div>
  )
}
