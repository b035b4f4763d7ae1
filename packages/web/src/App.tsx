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
import { PageLoading } from './components/PageLoading'
import { NotFoundResult } from './components/NotFoundResult'

const LoginPage = lazy(() => import('./pages/auth/LoginPage'))
const PersonsPage = lazy(() => import('./pages/persons/PersonsPage'))
const PersonDetailPage = lazy(() => import('./pages/persons/PersonDetailPage'))
const RegionsPage = lazy(() => import('./pages/regions/RegionsPage'))
const AuditPage = lazy(() => import('./pages/audit/AuditPage'))
const UsersPage = lazy(() => import('./pages/users/UsersPage'))
const RegisterPage = lazy(() => import('./pages/auth/RegisterPage'))
const MyCodePage = lazy(() => import('./pages/citizen/MyCodePage'))
const HealthDeclarationPage = lazy(() => import('./pages/citizen/HealthDeclarationPage'))
const TripDeclarationPage = lazy(() => import('./pages/citizen/TripDeclarationPage'))
const MyHistoryPage = lazy(() => import('./pages/citizen/MyHistoryPage'))
const MyAppealsPage = lazy(() => import('./pages/citizen/MyAppealsPage'))
const RuleSetsPage = lazy(() => import('./pages/rule-sets/RuleSetsPage'))
const RiskAreasPage = lazy(() => import('./pages/risk-areas/RiskAreasPage'))
const AppealsPage = lazy(() => import('./pages/appeals/AppealsPage'))
const SmsOutboxPage = lazy(() => import('./pages/sms/SmsOutboxPage'))
const KeysPage = lazy(() => import('./pages/keys/KeysPage'))
const CheckpointPage = lazy(() => import('./pages/checkpoint/CheckpointPage'))
const VenuesPage = lazy(() => import('./pages/venues/VenuesPage'))
const VenueDetailPage = lazy(() => import('./pages/venues/VenueDetailPage'))
const VenuePosterPage = lazy(() => import('./pages/venues/VenuePosterPage'))
const ScanVenuePage = lazy(() => import('./pages/citizen/ScanVenuePage'))
const CasesPage = lazy(() => import('./pages/cases/CasesPage'))
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage'))
const AssistRequestsPage = lazy(() => import('./pages/cases/AssistRequestsPage'))
const ClustersPage = lazy(() => import('./pages/cases/ClustersPage'))
const ChainGraphPage = lazy(() => import('./pages/cases/ChainGraphPage'))
const FollowupsPage = lazy(() => import('./pages/followups/FollowupsPage'))

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
              {/* Full-screen and usable offline: it has its own guard instead of RequireAuth. */}
              <Route path="/checkpoint" element={<CheckpointPage />} />
              {/* A sheet to print: no console frame around it. */}
              <Route
                path="/venues/:id/poster"
                element={
                  <RequireAuth>
                    <RequirePermission permission="venue:read">
                      <VenuePosterPage />
                    </RequirePermission>
                  </RequireAuth>
                }
              />
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
                  path="venues"
                  element={
                    <RequirePermission permission="venue:read">
                      <VenuesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="venues/:id"
                  element={
                    <RequirePermission permission="venue:read">
                      <VenueDetailPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="cases"
                  element={
                    <RequirePermission permission="case:read">
                      <CasesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="cases/:id"
                  element={
                    <RequirePermission permission="case:read">
                      <CaseDetailPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="clusters"
                  element={
                    <RequirePermission permission="case:read">
                      <ClustersPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="chains"
                  element={
                    <RequirePermission permission="case:read">
                      <ChainGraphPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="assist-requests"
                  element={
                    <RequirePermission permission="case:read">
                      <AssistRequestsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="followups"
                  element={
                    <RequirePermission permission="followup:read">
                      <FollowupsPage />
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
                <Route
                  path="risk-areas"
                  element={
                    <RequirePermission permission="region:read">
                      <RiskAreasPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="appeals"
                  element={
                    <RequirePermission permission="appeal:review">
                      <AppealsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="rule-sets"
                  element={
                    <RequirePermission permission="ruleset:manage">
                      <RuleSetsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="sms-outbox"
                  element={
                    <RequirePermission permission="sms:read">
                      <SmsOutboxPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="keys"
                  element={
                    <RequirePermission permission="node:keys">
                      <KeysPage />
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
