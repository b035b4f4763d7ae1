import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { UserRoutes, type CreateUserBody, type UserSummary } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import zh from '../../i18n/zh-CN.json'
import { REGION_TREE } from '../persons/__fixtures__/persons'
import UsersPage from './UsersPage'

const user = (id: string, over: Partial<UserSummary> = {}): UserSummary => ({
  id,
  username: `worker${id}`,
  displayName: `社工${id}`,
  role: 'community_worker',
  regionCode: '110101001',
  regionName: '东华门街道',
  disabled: false,
  lockedUntil: null,
  ...over,
})

const fill = (testId: string, value: string) => {
  const el = screen.getByTestId(testId)
  const input = el instanceof HTMLInputElement ? el : el.querySelector('input')
  if (!input) throw new Error(`no input ${testId}`)
  fireEvent.change(input, { target: { value } })
}

/** Opens an antd Select or TreeSelect by its test id and clicks the option showing `label`. */
const choose = async (testId: string, label: string) => {
  const select = await screen.findByTestId(testId)
  const box = select.closest('.ant-select') ?? select
  fireEvent.mouseDown(box.querySelector('.ant-select-selector') ?? box)
  const options = await screen.findAllByText(label)
  const option =
    options.find((o) => o.closest('.ant-select-item-option, .ant-select-tree-node-content-wrapper')) ??
    options[options.length - 1]
  if (!option) throw new Error(`no option ${label}`)
  fireEvent.click(option)
}

describe('UsersPage (#16)', () => {
  let api: FakeApi
  let users: UserSummary[]
  beforeEach(() => {
    api = installFakeApi()
    users = [user('7')]
    api.on('GET', '/api/regions/tree', () => REGION_TREE)
    api.route(UserRoutes.list, () => users)
  })

  it('shows regions by name', async () => {
    renderPage(api, <UsersPage />, { url: '/users', path: '/users' })
    expect(await screen.findByText('东华门街道')).toBeTruthy()
  })

  it('新建账号: starts empty, checks the username, and creates the account in a region chosen by name', async () => {
    const sent: CreateUserBody[] = []
    api.route(UserRoutes.create, ({ body }) => {
      sent.push(body)
      const created = user('8', { username: body.username, displayName: body.displayName })
      users = [...users, created]
      return created
    })
    renderPage(api, <UsersPage />, { url: '/users', path: '/users' })
    fireEvent.click(await screen.findByTestId('user-create'))
    expect(screen.getByTestId<HTMLInputElement>('user-form-username').value).toBe('')
    fireEvent.click(screen.getByTestId('user-create-confirm'))
    expect(await screen.findByText(zh.userForm.usernameRequired)).toBeTruthy()
    expect(screen.getByText(zh.userForm.roleRequired)).toBeTruthy()

    fill('user-form-username', 'Zhang San')
    fill('user-form-display-name', '张三')
    fill('user-form-password', 'short')
    fireEvent.click(screen.getByTestId('user-create-confirm'))
    expect(await screen.findByText(zh.userForm.usernameInvalid)).toBeTruthy()
    expect(screen.getByText(zh.userForm.passwordTooShort.replace('{{min}}', '10'))).toBeTruthy()

    fill('user-form-username', 'zhangsan')
    fill('user-form-password', 'a-long-initial-pw')
    await choose('user-form-role', zh.role.community_worker)
    await choose('user-form-region', '景山街道')
    fireEvent.click(screen.getByTestId('user-create-confirm'))
    await waitFor(() => {
      expect(sent).toEqual([
        {
          username: 'zhangsan',
          displayName: '张三',
          password: 'a-long-initial-pw',
          role: 'community_worker',
          regionCode: '110101002',
        },
      ])
    })
    expect(await screen.findByText('zhangsan')).toBeTruthy()
  })

  it('新建账号: a refusal of the server shows in Chinese', async () => {
    api.route(UserRoutes.create, () => errorReply(409, 'CONFLICT', 'username zhangsan is taken'))
    renderPage(api, <UsersPage />, { url: '/users', path: '/users' })
    fireEvent.click(await screen.findByTestId('user-create'))
    fill('user-form-username', 'zhangsan')
    fill('user-form-display-name', '张三')
    fill('user-form-password', 'a-long-initial-pw')
    await choose('user-form-role', zh.role.lab)
    await choose('user-form-region', '景山街道')
    fireEvent.click(screen.getByTestId('user-create-confirm'))
    expect((await screen.findByTestId('error-alert')).textContent).toContain(zh.errorCode.CONFLICT)
  })

  it('重置密码 asks first, then shows the temporary password once', async () => {
    const reset: string[] = []
    api.route(UserRoutes.resetPassword, ({ params }) => {
      reset.push(params.id)
      return { user: user(params.id), temporaryPassword: 'abcd-EFGH-2345-xy', sessionsEnded: 2 }
    })
    renderPage(api, <UsersPage />, { url: '/users', path: '/users' })
    fireEvent.click(await screen.findByTestId('user-reset-7'))
    expect(
      await screen.findAllByText(zh.passwordReset.confirmTitle.replace('{{name}}', '社工7')),
    ).not.toEqual([])
    expect(reset).toEqual([])
    fireEvent.click(screen.getByTestId('user-reset-ok'))
    expect((await screen.findByTestId('user-reset-password')).textContent).toContain('abcd-EFGH-2345-xy')
    expect(reset).toEqual(['7'])
    expect(screen.getByText(zh.passwordReset.onceOnly)).toBeTruthy()
    expect(screen.getByText(zh.passwordReset.sessionsEnded.replace('{{count}}', '2'))).toBeTruthy()
  })

  it('重置密码: a refusal shows (another region’s account)', async () => {
    api.route(UserRoutes.resetPassword, () =>
      errorReply(403, 'OUT_OF_SCOPE', 'user 7 is outside your region'),
    )
    renderPage(api, <UsersPage />, { url: '/users', path: '/users' })
    fireEvent.click(await screen.findByTestId('user-reset-7'))
    fireEvent.click(await screen.findByTestId('user-reset-ok'))
    expect(await screen.findByText(zh.errorCode.OUT_OF_SCOPE)).toBeTruthy()
    expect(screen.queryByTestId('user-reset-password')).toBeNull()
  })

  it('停用 asks first, and a refusal shows', async () => {
    const disabled: string[] = []
    api.route(UserRoutes.disable, ({ params }) => {
      disabled.push(params.id)
      return errorReply(404, 'NOT_FOUND', `user ${params.id} does not exist`)
    })
    renderPage(api, <UsersPage />, { url: '/users', path: '/users' })
    fireEvent.click(await screen.findByTestId('user-disable-7'))
    expect(disabled).toEqual([])
    fireEvent.click(await screen.findByTestId('user-disable-ok'))
    expect(await screen.findByText(zh.errorCode.NOT_FOUND)).toBeTruthy()
    expect(disabled).toEqual(['7'])
  })

  it('offers no reset of one’s own account', async () => {
    users = [user('1'), user('7')]
    renderPage(api, <UsersPage />, { url: '/users', path: '/users' })
    await screen.findByTestId('user-reset-7')
    expect(screen.queryByTestId('user-reset-1')).toBeNull()
  })
})
