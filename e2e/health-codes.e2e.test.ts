/**
 * Health codes end to end, on the built server with its demo data, through Chromium:
 * (a) a new resident registers on a phone (the SMS code is read from the development outbox),
 *     signs in and sees a green code; declares a fever of 38.5 °C and sees it turn yellow with
 *     the reason; files an appeal;
 * (b) an administrator reviews the appeal and accepts it, voiding the declaration, and the
 *     resident's code is green again.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import type { Appeal, PersonPage, RuleSetRecord } from '@lianfang/contracts'
import {
  ApiSession,
  ARTIFACTS,
  launchBrowser,
  loginThroughUi,
  startServer,
  type RunningServer,
} from './harness.js'

const PHONE_VIEWPORT = { width: 390, height: 844 }

let server: RunningServer
let browser: Browser
let admin: ApiSession
const contexts: BrowserContext[] = []

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
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

/** A valid 18-digit resident ID number (GB 11643 check digit) that the demo data does not hold. */
function residentId(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const body = `420102${1980 + Math.floor(Math.random() * 20)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${seq}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < body.length; i++) sum += Number(body.charAt(i)) * (weights[i] ?? 0)
  return body + '10X98765432'.charAt(sum % 11)
}

const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const name = `测试居民${phone.slice(-4)}`
const password = 'Resident-pass-2026'

/** Yesterday's date in Shanghai (UTC+8), as the date pickers show it. */
function yesterday(): string {
  return new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10)
}

/**
 * A colour shown after a fact is saved: the server recomputes and signs the code, then the page
 * refetches it. expect.poll's default second is tight on a loaded CI machine (it failed there once).
 */
const RECOMPUTED = { timeout: 15_000, interval: 100 }

async function myColour(page: Page): Promise<string | null> {
  return page.getByTestId('my-colour').getAttribute('data-colour')
}

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

describe('health codes', () => {
  let citizen: Page

  it('a new resident registers on a phone, sees green, declares a fever and sees yellow, and appeals', async () => {
    // A community to live in: the one of some demo person.
    const persons = await admin.get<PersonPage>('/api/persons?page=1&pageSize=1')
    const community = persons.body.items[0]?.regionCode ?? ''
    expect(community).toMatch(/^\d{12}$/)

    citizen = await newPage(PHONE_VIEWPORT)
    await citizen.goto(`${server.baseUrl}/login`)
    await citizen.getByTestId('login-register').click()
    await citizen.waitForURL('**/register')

    await citizen.getByTestId('register-phone').fill(phone)
    await citizen.getByTestId('register-send-code').click()
    await citizen.getByTestId('register-code-sent').waitFor()
    // The button counts down before another code may be asked for.
    await expect.poll(() => citizen.getByTestId('register-send-code').isDisabled()).toBe(true)

    const outbox = await admin.get<{ items: { phone: string; body: string }[] }>(
      '/api/admin/sms-outbox?page=1&pageSize=50',
    )
    expect(outbox.status).toBe(200)
    const sms = outbox.body.items.find((m) => m.phone === phone)
    const code = /\b(\d{6})\b/.exec(sms?.body ?? '')?.[1]
    expect(code, JSON.stringify(outbox.body.items.slice(0, 3))).toMatch(/^\d{6}$/)

    await citizen.getByTestId('register-code').fill(code ?? '')
    await citizen.getByTestId('register-name').fill(name)
    await citizen.getByTestId('register-id-number').fill(residentId())
    // Beside the public region tree, a citizen can type the community code.
    const codeInput = citizen.getByTestId('register-region-code')
    await codeInput.waitFor()
    await codeInput.fill(community)
    await citizen.getByTestId('register-password').fill(password)
    await citizen.getByTestId('register-confirm').fill(password)
    await citizen.screenshot({ path: join(ARTIFACTS, 'register-mobile.png'), fullPage: true })
    await citizen.getByTestId('register-submit').click()
    await citizen.getByTestId('register-done').waitFor()
    await citizen.screenshot({ path: join(ARTIFACTS, 'register-done-mobile.png'), fullPage: true })

    // Sign in with the phone number (filled in by the registration page).
    await citizen.getByTestId('register-to-login').click()
    await citizen.waitForURL('**/login')
    await expect.poll(() => citizen.getByTestId('login-username').inputValue()).toBe(phone)
    await citizen.getByTestId('login-password').fill(password)
    await citizen.getByTestId('login-submit').click()
    await citizen.waitForURL('**/me')
    await citizen.getByTestId('my-colour').waitFor()
    expect(await myColour(citizen)).toBe('green')
    expect(await citizen.getByTestId('main-menu').count()).toBe(0)
    await citizen.screenshot({ path: join(ARTIFACTS, 'my-code-green-mobile.png'), fullPage: true })

    // A fever of 38.5 °C turns the code yellow, with the reason shown.
    await citizen.getByTestId('me-link-declareHealth').click()
    await citizen.getByTestId('declare-temperature').fill('38.5')
    await citizen.getByTestId('declare-symptom-fever').click()
    await citizen.screenshot({ path: join(ARTIFACTS, 'declare-health-mobile.png'), fullPage: true })
    await citizen.getByTestId('declare-submit').click()
    await citizen.waitForURL('**/me')
    await expect.poll(() => myColour(citizen), RECOMPUTED).toBe('yellow')
    const reason = citizen.locator('[data-reason="SYMPTOMS"]')
    await reason.waitFor()
    expect(await reason.textContent()).toContain('申报发热或呼吸道症状')
    await citizen.screenshot({ path: join(ARTIFACTS, 'my-code-yellow-mobile.png'), fullPage: true })

    // In English too.
    await citizen.getByTestId('lang-en').click()
    await expect.poll(() => reason.textContent()).toContain('declared fever or respiratory symptoms')
    await citizen.screenshot({ path: join(ARTIFACTS, 'my-code-yellow-en-mobile.png'), fullPage: true })
    await citizen.getByTestId('lang-zh-CN').click()

    // The appeal.
    await citizen.getByTestId('me-link-appeals').click()
    await citizen.getByTestId('appeal-statement').fill('我没有发烧，体温是误填的，请核实。')
    await citizen.getByTestId('appeal-submit').click()
    await citizen.locator('[data-testid^="my-appeal-"][data-status="open"]').waitFor()
    await citizen.screenshot({ path: join(ARTIFACTS, 'my-appeals-mobile.png'), fullPage: true })
  })

  it('an administrator accepts the appeal, voiding the declaration, and the code is green again', async () => {
    const open = await admin.get<{ items: Appeal[] }>('/api/appeals?status=open&page=1&pageSize=200')
    expect(open.status).toBe(200)
    const appeal = open.body.items.find((a) => a.personName === name)
    expect(appeal, 'the appeal is in the queue').toBeDefined()
    const id = appeal?.id ?? ''

    const page = await newPage()
    await loginThroughUi(page, server.baseUrl, 'admin')
    await page.getByTestId('nav-appeals').click()
    await page.waitForURL('**/appeals')
    await page.getByTestId(`appeal-open-${id}`).click()
    await page.getByTestId('appeal-detail').waitFor()
    const declaration = page.locator('[data-fact-type="void_declaration"]').first()
    await declaration.waitFor()
    await declaration.click()
    await page.getByTestId('appeal-note').fill('核实为误填，作废该次健康申报。')
    await page.screenshot({ path: join(ARTIFACTS, 'appeal-review.png'), fullPage: true })
    const [decided] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/appeals/${id}/decide`)),
      page.getByTestId('appeal-decide-submit').click(),
    ])
    expect(decided.status()).toBe(200)
    const body = (await decided.json()) as Appeal
    expect(body.status).toBe('accepted')
    expect(body.corrections.map((c) => c.type)).toEqual(['void_declaration'])
    await page.getByTestId('appeals-status').getByText('已采纳').click()
    await page.getByTestId(`appeal-open-${id}`).waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'appeals-accepted.png'), fullPage: true })

    // The resident's code is green again (the page refetches; a reload is the impatient way).
    await citizen.goto(`${server.baseUrl}/me`)
    await expect.poll(() => myColour(citizen), RECOMPUTED).toBe('green')
    await citizen.screenshot({ path: join(ARTIFACTS, 'my-code-green-again-mobile.png'), fullPage: true })
    await citizen.getByTestId('me-link-appeals').click()
    await citizen.locator(`[data-testid="my-appeal-${id}"][data-status="accepted"]`).waitFor()
    await citizen.screenshot({ path: join(ARTIFACTS, 'my-appeals-accepted-mobile.png'), fullPage: true })
  })

  it('staff record a positive NAT result, draft and dry-run a rule set, set a risk level, read the SMS outbox', async () => {
    const page = await newPage()
    await loginThroughUi(page, server.baseUrl, 'admin')
    const persons = await admin.get<PersonPage>('/api/persons?page=1&pageSize=1')
    const person = persons.body.items[0]
    expect(person).toBeDefined()
    await page.goto(`${server.baseUrl}/persons/${person?.id ?? ''}`)
    await page.getByTestId('person-health-code').waitFor()
    await page.getByTestId('person-colour').waitFor()
    // A positive NAT result entered here turns the colour red at once.
    await page.getByTestId('fact-nat').click()
    const modal = page.locator('.ant-modal')
    await modal.getByText('阳性', { exact: true }).click()
    await page.getByTestId('fact-nat-ok').click()
    // Turning a code red asks first (#16).
    await page.getByTestId('fact-nat-confirm').click()
    await expect
      .poll(() => page.getByTestId('person-colour').getAttribute('data-colour'), RECOMPUTED)
      .toBe('red')
    await page.locator('[data-reason="POSITIVE_TEST"]').waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'person-health-code.png'), fullPage: true })
    await page.getByTestId('person-colour-history').click()
    await page.getByTestId('code-history').waitFor()
    await page.waitForTimeout(500) // the drawer slides in
    await page.screenshot({ path: join(ARTIFACTS, 'person-colour-history.png') })
    await page.keyboard.press('Escape')

    await page.goto(`${server.baseUrl}/rule-sets`)
    await page.getByTestId('rule-set-in-force').waitFor()
    await page.getByTestId('rule-set-new').click()
    await page.getByTestId('rule-set-name').fill('e2e 草稿')
    await page.getByTestId('rule-set-new-ok').click()
    await page.getByTestId('rule-set-editor').waitFor()
    // The stay assumed without a check-out, per venue kind (closeContact.dwellMinutes), edited and
    // saved: the saved draft carries it.
    // The section's header (a colour field of the health-code section has the same label).
    await page
      .getByTestId('rule-set-params')
      .locator('.ant-collapse-header')
      .filter({ hasText: /^密切接触者$/ })
      .click()
    const dwell = page.getByTestId('param-closeContact-dwellMinutes-restaurant')
    await dwell.fill('240')
    await page.getByTestId('rule-set-save').click()
    await expect
      .poll(async () => {
        const sets = await admin.get<RuleSetRecord[]>('/api/rule-sets')
        return sets.body.find((r) => r.name === 'e2e 草稿')?.params.closeContact.dwellMinutes.restaurant
      })
      .toBe(240)
    await page.getByTestId('rule-set-dry-run').click()
    await page.getByTestId('rule-set-dry-run-result').waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'rule-sets.png'), fullPage: true })

    await page.goto(`${server.baseUrl}/risk-areas`)
    await page.getByTestId('risk-areas-table').waitFor()
    await page.getByTestId('risk-area-region').click()
    await page.locator('.ant-select-tree-title', { hasText: '江岸区' }).first().click()
    await page.getByTestId('risk-area-level').getByText('高风险').click()
    // From yesterday on, so that yesterday's trip (last test) falls inside it.
    const starts = page.getByTestId('risk-area-form').locator('.ant-picker input')
    await starts.click()
    await starts.fill(`${yesterday()} 00:00`)
    await starts.press('Enter')
    await page.getByTestId('risk-area-form').locator('.ant-card-head').click()
    await page.getByTestId('risk-area-submit').click()
    await page.getByTestId('risk-areas-table').locator('[data-level="high"]').first().waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'risk-areas.png'), fullPage: true })

    await page.goto(`${server.baseUrl}/sms-outbox`)
    await page.getByTestId('sms-table').getByText(phone).waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'sms-outbox.png'), fullPage: true })
  })

  it('the resident declares a trip through the new high-risk area and the code turns red', async () => {
    // Yesterday 08:00–18:00, as typed into the pickers.
    const day = yesterday()
    await citizen.goto(`${server.baseUrl}/me/declare-trip`)
    await citizen.getByTestId('trip-region-code').fill('420102')
    await citizen.getByTestId('trip-arrived').fill(`${day}T08:00`)
    await citizen.getByTestId('trip-left').fill(`${day}T18:00`)
    await citizen.screenshot({ path: join(ARTIFACTS, 'declare-trip-mobile.png'), fullPage: true })
    await citizen.getByTestId('trip-submit').click()
    await citizen.waitForURL('**/me')
    await expect.poll(() => myColour(citizen), RECOMPUTED).toBe('red')
    await citizen.locator('[data-reason="RISK_AREA_TRIP"]').waitFor()
    await citizen.screenshot({ path: join(ARTIFACTS, 'my-code-red-trip-mobile.png'), fullPage: true })
  })
})
