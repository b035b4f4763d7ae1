import { useState, type CSSProperties } from 'react'
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { queryKeys } from '../api/queries'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { errorMessage } from '../components/ErrorAlert'
import { ChangePasswordModal } from '../pages/auth/ChangePasswordModal'
import { useCurrentUser } from './Guards'
import { translateDynamic } from '../i18n'
import { CITIZEN_HOME, navGroupsFor, navItemsFor, navKeyOf } from './navigation'
import { AuthRoutes } from '@lianfang/contracts'
import { call } from '../api/call'

const { Header, Sider, Content } = Layout

const headerStyle: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 12,
  padding: '0 12px',
  background: '#fff',
  borderBottom: '1px solid #f0f0f0',
  position: 'sticky',
  top: 0,
  zIndex: 10,
}

/** The signed-in frame: a role-aware menu (sider on wide screens, drawer on phones) and a header. */
export function AppLayout() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const location = useLocation()
  const screens = Grid.useBreakpoint()
  const wide = screens.md ?? true
  const [drawerOpen, setDrawerOpen] = useState(false)
  const [passwordOpen, setPasswordOpen] = useState(false)
  const queryClient = useQueryClient()
  const { message } = App.useApp()

  const logout = useMutation({
    mutationFn: () => call(AuthRoutes.logout),
    onSettled: (_data, error) => {
      if (error !== null) void message.error(errorMessage(error, t))
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, null)
      void navigate('/login', { replace: true })
    },
  })

  const navItems = navItemsFor(me.permissions)
  const items: MenuProps['items'] = navGroupsFor(me.permissions).map(({ group, items: entries }) => ({
    type: 'group' as const,
    key: `group-${group}`,
    label: t(`navGroup.${group}`),
    'data-testid': `nav-group-${group}`,
    children: entries.map((item) => ({
      key: item.key,
      label: translateDynamic(t, item.label),
      'data-testid': `nav-${item.key}`,
    })),
  }))
  const selected = navKeyOf(location.pathname)
  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false)
    const item = navItems.find((i) => i.key === key)
    if (item !== undefined) void navigate(item.path)
  }
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected === undefined ? [] : [selected]}
      onClick={onMenuClick}
      style={{ borderInlineEnd: 'none' }}
      data-testid="main-menu"
    />
  )

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <span>
            {t(`role.${me.role}`)} · {me.regionName}
          </span>
        ),
      },
      { type: 'divider' },
      { key: 'password', label: t('password.menu'), 'data-testid': 'change-password' } as const,
      { key: 'logout', label: t('auth.logout'), danger: true, 'data-testid': 'logout' } as const,
    ],
    onClick: ({ key }) => {
      if (key === 'logout') logout.mutate()
      if (key === 'password') setPasswordOpen(true)
    },
  }

  const brand = (
    <Typography.Text strong style={{ fontSize: 16, lineHeight: 1.3, whiteSpace: wide ? 'normal' : 'nowrap' }}>
      {wide ? t('app.name') : t('app.shortName')}
    </Typography.Text>
  )

  // Citizens have their own, phone-sized pages.
  if (me.role === 'citizen') return <Navigate to={CITIZEN_HOME} replace />

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && (
        <Sider
          width={208}
          theme="light"
          // The grouped menu is taller than a laptop screen: it stays in view and scrolls by itself.
          style={{
            borderInlineEnd: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflowY: 'auto',
          }}
        >
          <div style={{ height: 64, display: 'flex', alignItems: 'center', padding: '0 24px' }}>{brand}</div>
          {menu}
        </Sider>
      )}
      <Layout>
        <Header style={headerStyle}>
          {!wide && (
            <>
              <Button
                type="text"
                aria-label={t('nav.openMenu')}
                onClick={() => {
                  setDrawerOpen(true)
                }}
                data-testid="menu-toggle"
                style={{ fontSize: 20 }}
              >
                ☰
              </Button>
              {brand}
            </>
          )}
          <div style={{ flex: 1 }} />
          <Space size={wide ? 'middle' : 'small'}>
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" data-testid="user-menu" style={{ maxWidth: wide ? 240 : 112 }}>
                <Typography.Text ellipsis>{me.displayName}</Typography.Text>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ padding: wide ? 24 : 12 }}>
          <Outlet />
        </Content>
        <ChangePasswordModal
          open={passwordOpen}
          onClose={() => {
            setPasswordOpen(false)
          }}
        />
      </Layout>
      {!wide && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => {
            setDrawerOpen(false)
          }}
          size={240}
          title={brand}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
    </Layout>
  )
}
