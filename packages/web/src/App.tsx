import { lazy, Suspense, useMemo, type ReactNode } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCNLocale from 'antd/locale/zh_CN'
import enUSLocale from 'antd/locale/en_US'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useTranslation } from 'react-i18next'
import { createQueryClient } from './query-client'
import { isLanguage } from './i18n'
import { RequireAuth, RequirePermission } from './layout/Guards'
import { AppLayout } from './layout/AppLayout'
import { HomeRedirect } from './layout/HomeRedirect'
import { PageLoading } from './components/PageLoading'
import { NotFoundResult } from './components/NotFoundResult'

const LoginPage = lazy(() => import('./pages/auth/LoginPage'))
const PersonsPage = lazy(() => import('./pages/persons/PersonsPage'))
const PersonDetailPage = lazy(() => import('./pages/persons/PersonDetailPage'))
const RegionsPage = lazy(() => import('./pages/regions/RegionsPage'))
const AuditPage = lazy(() => import('./pages/audit/AuditPage'))
const UsersPage = lazy(() => import('./pages/users/UsersPage'))

function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'zh-CN'
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}
      theme={{ token: { colorPrimary: '#1677ff' } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  )
}

export function App() {
  const queryClient = useMemo(createQueryClient, [])
  return (
    <QueryClientProvider client={queryClient}>
      <Localized>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomeRedirect />} />
                <Route
                  path="persons"
                  element={
                    <RequirePermission permission="person:read">
                      <PersonsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="persons/:id"
                  element={
                    <RequirePermission permission="person:read">
                      <PersonDetailPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="regions"
                  element={
                    <RequirePermission permission="region:read">
                      <RegionsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="audit"
                  element={
                    <RequirePermission permission="audit:read">
                      <AuditPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="users"
                  element={
                    <RequirePermission permission="user:read">
                      <UsersPage />
                    </RequirePermission>
                  }
                />
                <Route path="*" element={<NotFoundResult />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </Localized>
    </QueryClientProvider>
  )
}
