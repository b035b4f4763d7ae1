/**
 * The console end to end: the built server with its demo data, driven through Chromium.
 * (1) an admin searches a person and sees the identity number masked, then unmasks it;
 * (2) a community worker opening a person of another community gets the no-access page,
 * because the server answers 403 — the console hides nothing the server would show.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import type { PersonDetail, PersonPage, PersonSummary } from '@lianfang/contracts'
import {
  ApiSession,
  ARTIFACTS,
  launchBrowser,
  loginThroughUi,
  startServer,
  type RunningServer,
} from './harness.js'

const MASKED_RESIDENT_ID = /^\d{6}\*{8}[\dX]{4}$/

let server: RunningServer
let browser: Browser
let admin: ApiSession
const contexts: BrowserContext[] = []

async function newPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(45_000)
  contexts.push(context)
  const page = await context.newPage()
  // A failing test leaves a picture of what the browser showed.
  onTestFailed(async ({ task }) => {
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)
    await page
      .screenshot({ path: join(ARTIFACTS, `failed-${name}.png`), fullPage: true })
      .catch(() => undefined)
  })
  return page
}

/** Pages through the persons an admin sees until `match` finds one. */
async function findPerson(match: (p: PersonSummary) => boolean): Promise<PersonSummary> {
  for (let page = 1; page <= 20; page++) {
    const { status, body } = await admin.get<PersonPage>(`/api/persons?page=${page}&pageSize=100`)
    expect(status).toBe(200)
    const found = body.items.find(match)
    if (found !== undefined) return found
    if (page * body.pageSize >= body.total) break
  }
  throw new Error('no person matches')
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

describe('console', () => {
  it('an admin searches a person and sees the ID number masked, and can unmask it with a reason', async () => {
    const target = await findPerson((p) => p.idType === 'resident')
    const page = await newPage()

    // A deep link while signed out goes to the login page and comes back afterwards.
    await page.goto(`${server.baseUrl}/persons`)
    await page.waitForURL('**/login')
    await loginThroughUi(page, server.baseUrl, 'admin')
    await page.waitForURL('**/persons')

    const searchBox = page.getByTestId('persons-search').locator('input')
    await searchBox.fill(target.name)
    const [searched] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/api/persons?') && new URL(r.url()).searchParams.get('q') === target.name,
      ),
      searchBox.press('Enter'),
    ])
    expect(searched.status()).toBe(200)
    const link = page
      .getByTestId('persons-table')
      .getByRole('link', { name: target.name, exact: true })
      .first()
    await link.waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'persons-list.png'), fullPage: true })

    await link.click()
    await page.getByTestId('person-detail').waitFor()
    await expect.poll(() => page.getByTestId('person-name').textContent()).toBe(target.name)
    const shown = (await page.getByTestId('person-id-number').textContent())?.trim() ?? ''
    expect(shown).toMatch(MASKED_RESIDENT_ID)
    const detail = await admin.get<PersonDetail>(page.url().replace(server.baseUrl, '/api'))
    expect(detail.status).toBe(200)
    expect(shown).toBe(detail.body.idNumberMasked)
    await page.getByTestId('person-household').waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'person-detail.png'), fullPage: true })

    // Unmasking asks for a reason, then shows the full, valid-looking number.
    await page.getByTestId('unmask-button').click()
    await page.getByTestId('unmask-reason').fill('e2e: verifying identity for a contact trace')
    await page.getByTestId('unmask-confirm').click()
    await page.getByTestId('person-unmasked').waitFor()
    const full = (await page.getByTestId('person-id-number').textContent())?.trim() ?? ''
    expect(full).toMatch(/^\d{17}[\dX]$/)
    expect(full.slice(0, 6)).toBe(shown.slice(0, 6))
    expect(full.slice(-4)).toBe(shown.slice(-4))
  })

  it('a community worker opening a person of another community sees "no access", as the server answers 403', async () => {
    const worker = await ApiSession.login(server.baseUrl, 'community_worker')
    const own = worker.me.regionCode
    const outsider = await findPerson((p) => !p.regionCode.startsWith(own))
    const direct = await worker.get<{ error: { code: string } }>(`/api/persons/${outsider.id}`)
    expect(direct.status).toBe(403)

    const page = await newPage({ width: 390, height: 844 })
    await loginThroughUi(page, server.baseUrl, 'community_worker')
    const [answered] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/persons/${outsider.id}`),
      page.goto(`${server.baseUrl}/persons/${outsider.id}`),
    ])
    expect(answered.status()).toBe(403)
    await page.getByTestId('person-no-access').waitFor()
    expect(await page.getByTestId('person-detail').count()).toBe(0)
    await page.screenshot({ path: join(ARTIFACTS, 'person-no-access-mobile.png'), fullPage: true })
  })

  it('switches to English and remembers it', async () => {
    const page = await newPage()
    await loginThroughUi(page, server.baseUrl, 'admin')
    await expect.poll(() => page.getByTestId('nav-persons').textContent()).toBe('人员管理')
    await page.getByTestId('lang-en').click()
    await expect.poll(() => page.getByTestId('nav-persons').textContent()).toBe('Persons')
    await page.reload()
    await expect.poll(() => page.getByTestId('nav-audit').textContent()).toBe('Audit log')
    await page.goto(`${server.baseUrl}/audit`)
    await page.getByTestId('audit-verify').click()
    await page.getByTestId('audit-verify-result').waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'audit-en.png'), fullPage: true })
  })
})
