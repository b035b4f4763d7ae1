import { beforeEach, describe, expect, it } from 'vitest'
import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp } from 'antd'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { AuthRoutes, type ChangePasswordBody } from '@lianfang/contracts'
import { createQueryClient } from '../../query-client'
import { RequireAuth } from '../../layout/Guards'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { meOf } from '../../testing/render'
import zh from '../../i18n/zh-CN.json'

const fill = (testId: string, value: string) => {
  const el = screen.getByTestId(testId)
  const input = el instanceof HTMLInputElement ? el : el.querySelector('input')
  if (!input) throw new Error(`no input ${testId}`)
  fireEvent.change(input, { target: { value } })
}

function renderConsole() {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AntApp>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route
              path="/"
              element={
                <RequireAuth>
                  <div data-testid="workbench">工作台</div>
                </RequireAuth>
              }
            />
            <Route path="/login" element={<div data-testid="login">登录</div>} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  )
}

/** Issue #16: a password an admin chose is changed at sign-in, before anything else. */
describe('ForcedPasswordChange (#16)', () => {
  let api: FakeApi
  let mustChange: boolean
  let signedIn: boolean
  beforeEach(() => {
    api = installFakeApi()
    mustChange = true
    signedIn = true
    api.route(AuthRoutes.me, () => ({ ...meOf('epidemiologist'), mustChangePassword: mustChange }))
    api.route(AuthRoutes.logout, () => {
      signedIn = false
      return { ok: true }
    })
  })

  it('shows only the password change, which cannot be closed; the change opens the console', async () => {
    const sent: ChangePasswordBody[] = []
    api.route(AuthRoutes.changePassword, ({ body }) => {
      sent.push(body)
      mustChange = false
      return { ok: true }
    })
    renderConsole()
    expect(await screen.findByText(zh.password.forcedTitle)).toBeTruthy()
    expect(screen.getByTestId('password-forced').textContent).toBe(zh.password.forcedExplain)
    expect(screen.queryByTestId('workbench')).toBeNull()
    // No close button, and Escape leaves it open.
    expect(document.querySelector('.ant-modal-close')).toBeNull()
    fireEvent.keyDown(document.body, { key: 'Escape' })
    expect(screen.getByText(zh.password.forcedTitle)).toBeTruthy()

    fill('password-current', 'abcd-efgh-jkmn-pq')
    fill('password-new', 'mine-only-2026')
    fill('password-repeat', 'mine-only-2026')
    fireEvent.click(screen.getByTestId('password-submit'))
    expect(await screen.findByTestId('workbench')).toBeTruthy()
    expect(sent).toEqual([{ currentPassword: 'abcd-efgh-jkmn-pq', newPassword: 'mine-only-2026' }])
    await waitFor(() => {
      expect(screen.queryByText(zh.password.forcedTitle)).toBeNull()
    })
  })

  it('its other button signs out instead of cancelling', async () => {
    renderConsole()
    const signOut = await screen.findByTestId('password-sign-out')
    expect(signOut.textContent?.replace(/\s/g, '')).toBe(zh.auth.logout.replace(/\s/g, ''))
    fireEvent.click(signOut)
    expect(await screen.findByTestId('login')).toBeTruthy()
    expect(signedIn).toBe(false)
    expect(api.unhandled).toEqual([])
  })
})
