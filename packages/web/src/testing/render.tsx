import type { ReactNode } from 'react'
import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp } from 'antd'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'
import { render, screen, type RenderResult } from '@testing-library/react'
import type { Me } from '@lianfang/contracts'
import { ROLE_PERMISSIONS, type Permission, type Role } from '@lianfang/core'
import { createQueryClient } from '../query-client'
import { RequireAuth } from '../layout/Guards'
import type { FakeApi } from './fake-api'

/** A signed-in staff user of the given role, with that role's permissions. */
export function meOf(role: Role): Me {
  const permissions = (Object.keys(ROLE_PERMISSIONS) as Permission[]).filter((p) =>
    ROLE_PERMISSIONS[p].includes(role),
  )
  return {
    id: '1',
    username: role,
    displayName: `Test ${role}`,
    role,
    regionCode: '110000',
    regionName: '北京市',
    personId: null,
    permissions,
    mustChangePassword: false,
  }
}

/** Shows the router's current query string, so a test can read the URL state. */
function LocationProbe() {
  const location = useLocation()
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>
}

/**
 * Renders a page as the console would — query client, antd app, router at `url`, signed in as
 * `role` (the fake API answers `/api/auth/me`) — with the location shown in `data-testid=location`.
 */
export function renderPage(
  api: FakeApi,
  page: ReactNode,
  { url, path, role = 'admin' }: { url: string; path: string; role?: Role },
): RenderResult {
  api.on('GET', '/api/auth/me', () => meOf(role))
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AntApp>
        <MemoryRouter initialEntries={[url]}>
          <RequireAuth>
            <Routes>
              <Route path={path} element={page} />
            </Routes>
            <LocationProbe />
          </RequireAuth>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  )
}

/** The location the probe shows, parsed. */
export function currentUrl(): URL {
  return new URL(screen.getByTestId('location').textContent, 'http://console.test')
}
