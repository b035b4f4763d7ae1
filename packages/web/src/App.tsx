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
import { CitizenLayout } from './layout/CitizenLayout'
import { HomeRedirect } from './layout/HomeRedirect'
import { WorkbenchPage } from './layout/WorkbenchPage'
import { PageLoading } from './components/PageLoading'
import { NotFoundResult } from './components/NotFoundResult'
import { WEB_MODULES } from './modules'
import type { ModuleRoute } from './modules-kit/web-module'

const LoginPage = lazy(() => import('./pages/auth/LoginPage'))
const RegisterPage = lazy(() => import('./pages/auth/RegisterPage'))
const MyCodePage = lazy(() => import('./pages/citizen/MyCodePage'))
const HealthDeclarationPage = lazy(() => import('./pages/citizen/HealthDeclarationPage'))
const TripDeclarationPage = lazy(() => import('./pages/citizen/TripDeclarationPage'))
const MyHistoryPage = lazy(() => import('./pages/citizen/MyHistoryPage'))
const MyAppealsPage = lazy(() => import('./pages/citizen/MyAppealsPage'))
const ScanVenuePage = lazy(() => import('./pages/citizen/ScanVenuePage'))
const BookingPage = lazy(() => import('./pages/citizen/BookingPage'))
const MyResultsPage = lazy(() => import('./pages/citizen/MyResultsPage'))

const MODULE_ROUTES = WEB_MODULES.flatMap((m) => m.routes)

/** A module's page behind the console's guard (the server decides; this mirrors it). */
function guarded(route: ModuleRoute): ReactNode {
  const Page = route.page
  if (route.permission === null) return <Page />
  const page = (
    <RequirePermission permission={route.permission}>
      <Page />
    </RequirePermission>
  )
  return route.frame === 'bare' ? <RequireAuth>{page}</RequireAuth> : page
}

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
              <Route path="/register" element={<RegisterPage />} />
              {/* Full screen (the scanner, a poster to print): no console frame around them. */}
              {MODULE_ROUTES.filter((r) => r.frame === 'bare').map((r) => (
                <Route key={r.path} path={`/${r.path}`} element={guarded(r)} />
              ))}
              <Route
                path="/me"
                element={
                  <RequireAuth>
                    <CitizenLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<MyCodePage />} />
                <Route path="declare-health" element={<HealthDeclarationPage />} />
                <Route path="declare-trip" element={<TripDeclarationPage />} />
                <Route path="history" element={<MyHistoryPage />} />
                <Route path="appeals" element={<MyAppealsPage />} />
                <Route path="scan" element={<ScanVenuePage />} />
                <Route path="booking" element={<BookingPage />} />
                <Route path="results" element={<MyResultsPage />} />
                <Route path="*" element={<NotFoundResult />} />
              </Route>
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomeRedirect />} />
                <Route path="home" element={<WorkbenchPage />} />
                {MODULE_ROUTES.filter((r) => r.frame !== 'bare').map((r) => (
                  <Route key={r.path} path={r.path} element={guarded(r)} />
                ))}
                <Route path="*" element={<NotFoundResult />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </Localized>
    </QueryClientProvider>
  )
}
