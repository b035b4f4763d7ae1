/**
 * The account and key controls of #14, used in Chinese as a node's staff would:
 * (a) an admin disables a user after confirming, that user can no longer sign in, and the admin
 *     enables them again;
 * (b) a user changes their password in the modal (a wrong current password is told in Chinese
 *     on its field) and signs in with the new one, the old one refused;
 * (c) the node's operator rotates the code-signing key after typing its kid and a reason, and the
 *     table shows the new active key;
 * (d) wrong passwords from one address: the login page says how long to wait, not a raw code.
 * One server and one Chromium for the file; each step leaves a screenshot in e2e/artifacts/.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import type { KeyInfo, UserSummary } from '@lianfang/contracts'
import {
  ApiSession,
  ARTIFACTS,
  DEMO_PASSWORD,
  launchBrowser,
  loginThroughUi,
  pickUserMenuItem,
  startServer,
  type RunningServer,
} from './harness.js'

let server: RunningServer
let browser: Browser
let admin: ApiSession
const contexts: BrowserContext[] = []

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(45_000)
  contexts.push(context)
  const page = await context.newPage()
  onTestFailed(async ({ task }) => {
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)
    await page
      .screenshot({ path: join(ARTIFACTS, `failed-${name}.png`), fullPage: true })
      .catch(() => undefined)
  })
  return page
}

/** What `shot` reads in the page (the e2e tsconfig has no DOM types). */
interface AnimationsGlobal {
  document: {
    getAnimations: () => { playState: string; effect: { getTiming: () => { iterations?: number } } | null }[]
  }
}

/** A screenshot once antd's modal and message animations have finished (spinners run forever). */
async function shot(page: Page, name: string): Promise<void> {
  // A function, not a string: the console's CSP (script-src 'self') refuses eval'd strings.
  await page.waitForFunction(() =>
    (globalThis as unknown as AnimationsGlobal).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
  await page.screenshot({ path: join(ARTIFACTS, `security-${name}.png`) })
}

/** Submits the login form once and returns the status of the answer. */
async function submitLogin(page: Page, username: string, password: string): Promise<number> {
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login'),
    page.getByTestId('login-submit').click(),
  ])
  return answer.status()
}

/** Text with no Latin letters, so no English or raw code slipped into a Chinese message. */
const CHINESE_ONLY = /^[^A-Za-z]+$/

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  admin = await ApiSession.login(server.baseUrl, 'admin')
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
  await server?.stop()
})

describe('security controls in the console (zh-CN)', () => {
  it('an admin disables a user after confirming; the user cannot sign in until enabled again', async () => {
    const users = await admin.get<UserSummary[]>('/api/users')
    expect(users.status).toBe(200)
    const target = users.body.find((u) => u.username === 'epidemiologist')
    if (target === undefined) throw new Error('no epidemiologist account')

    const page = await newPage()
    await loginThroughUi(page, server.baseUrl, 'admin')
    await page.getByTestId('nav-users').click()
    await page.getByTestId(`user-disable-${target.id}`).waitFor()
    await shot(page, 'users')

    // Disabling asks first, naming the account.
    await page.getByTestId(`user-disable-${target.id}`).click()
    const ok = page.getByTestId('user-disable-ok')
    await ok.waitFor()
    await expect.poll(() => page.locator('.ant-modal-confirm-title').textContent()).toContain('停用账号')
    await shot(page, 'users-disable-confirm')
    await ok.click()
    await page.getByTestId(`user-enable-${target.id}`).waitFor()
    await expect
      .poll(
        async () =>
          (await admin.get<UserSummary[]>('/api/users')).body.find((u) => u.id === target.id)?.disabled,
      )
      .toBe(true)
    await shot(page, 'users-disabled')

    // The disabled user is refused, in Chinese, as a wrong password would be (nothing to enumerate).
    const other = await newPage()
    await other.goto(`${server.baseUrl}/login`)
    expect(await submitLogin(other, 'epidemiologist', DEMO_PASSWORD)).toBe(401)
    const refused = (await other.getByTestId('login-error').textContent()) ?? ''
    expect(refused).toMatch(CHINESE_ONLY)
    await shot(other, 'login-disabled-user')

    await page.getByTestId(`user-enable-${target.id}`).click()
    await page.getByTestId(`user-disable-${target.id}`).waitFor()
    await loginThroughUi(other, server.baseUrl, 'epidemiologist')
  })

  it('a user changes their password in the modal and signs in with the new one', async () => {
    const fresh = 'Xin-mima-2026-e2e'
    const page = await newPage()
    await loginThroughUi(page, server.baseUrl, 'community_worker2')
    await pickUserMenuItem(page, 'change-password', 'password-current')

    // A wrong current password is said on its field, in Chinese.
    await page.getByTestId('password-current').fill('not-the-password')
    await page.getByTestId('password-new').fill(fresh)
    await page.getByTestId('password-repeat').fill(fresh)
    const [wrong] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password'),
      page.getByTestId('password-submit').click(),
    ])
    expect(wrong.status()).toBe(400)
    const fieldError = page.locator('.ant-form-item-explain-error').filter({ hasText: '当前密码' })
    await fieldError.waitFor()
    expect(await fieldError.textContent()).toMatch(CHINESE_ONLY)
    await shot(page, 'password-wrong-current')

    await page.getByTestId('password-current').fill(DEMO_PASSWORD)
    const [changed] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password'),
      page.getByTestId('password-submit').click(),
    ])
    expect(changed.status()).toBe(200)
    await page.locator('.ant-message').getByText('密码已修改').waitFor()
    await shot(page, 'password-changed')

    // Signed out, the old password no longer works and the new one does.
    await pickUserMenuItem(page, 'logout', 'login-username')
    await page.waitForURL('**/login')
    expect(await submitLogin(page, 'community_worker2', DEMO_PASSWORD)).toBe(401)
    expect(await submitLogin(page, 'community_worker2', fresh)).toBe(200)
    await page.getByTestId('user-menu').waitFor()

    // Citizens have the same modal on their phone-sized pages.
    const phone = await newPage({ width: 390, height: 844 })
    await phone.goto(`${server.baseUrl}/login`)
    expect(await submitLogin(phone, 'citizen', DEMO_PASSWORD)).toBe(200)
    await phone.getByTestId('change-password').click()
    await phone.getByTestId('password-current').waitFor()
    await shot(phone, 'password-citizen-mobile')
  })

  it("the node's operator rotates the code-signing key after typing its kid and a reason", async () => {
    const before = await admin.get<KeyInfo[]>('/api/keys')
    expect(before.status).toBe(200)
    const active = before.body.find((k) => k.purpose === 'code' && k.status === 'active')
    if (active === undefined) throw new Error('no active code key')

    const page = await newPage()
    await loginThroughUi(page, server.baseUrl, 'admin')
    await page.getByTestId('nav-keys').click()
    await page.getByTestId('keys-page').waitFor()
    await page.getByTestId(`key-status-${active.kid}`).waitFor()
    expect(await page.getByTestId('keys-not-operator').count()).toBe(0)
    await shot(page, 'keys')

    await page.getByTestId('key-rotate').click()
    await page.getByTestId('key-confirm-input').waitFor()
    await shot(page, 'keys-rotate-modal')

    // Nothing is sent until the kid is typed right and a reason is given.
    await page.getByTestId('key-confirm-input').fill(`${active.kid}x`)
    await page.getByTestId('key-change-ok').click()
    await page.getByText('输入的密钥 ID 不一致').waitFor()
    await page.getByText('请填写原因（将记入审计日志）').waitFor()
    await shot(page, 'keys-rotate-invalid')
    expect((await admin.get<KeyInfo[]>('/api/keys')).body).toEqual(before.body)

    await page.getByTestId('key-confirm-input').fill(active.kid)
    await page.getByTestId('key-reason-input').fill('e2e：例行轮换签发密钥')
    const [rotated] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/keys/rotate'),
      page.getByTestId('key-change-ok').click(),
    ])
    expect(rotated.status()).toBe(200)

    const after = await admin.get<KeyInfo[]>('/api/keys')
    const next = after.body.find((k) => k.purpose === 'code' && k.status === 'active')
    if (next === undefined) throw new Error('no active code key after rotating')
    expect(next.kid).not.toBe(active.kid)
    await expect.poll(() => page.getByTestId(`key-status-${next.kid}`).textContent()).toBe('使用中')
    await expect.poll(() => page.getByTestId(`key-status-${active.kid}`).textContent()).toBe('已退役')
    await page.locator('.ant-message').getByText(`新的签发密钥 ${next.kid} 已启用`).waitFor()
    await page.locator('.ant-modal').waitFor({ state: 'hidden' })
    await shot(page, 'keys-rotated')
  })

  it('after wrong passwords the login page says to wait, in Chinese, not a raw code', async () => {
    const page = await newPage()
    await page.goto(`${server.baseUrl}/login`)
    // Five wrong passwords are answered as wrong; then this address waits 2 s, 4 s, … for this
    // name. On a slow machine the sixth may come after the first wait, so try up to three more.
    const statuses: number[] = []
    while (statuses.length < 9 && statuses.at(-1) !== 429) {
      statuses.push(await submitLogin(page, 'checkpoint', `wrong-${String(statuses.length)}`))
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    expect(statuses.at(-1)).toBe(429)
    const said = (await page.getByTestId('login-error').textContent()) ?? ''
    expect(said).not.toContain('RATE_LIMITED')
    expect(said).toMatch(/秒/)
    await shot(page, 'login-rate-limited')
  })
})
