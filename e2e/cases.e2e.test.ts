/**
 * Cases and investigations end to end: the epidemiologist reports a confirmed case for a person
 * of the district through the console, opens the investigation (the demo has check-ins), selects
 * the first candidates and confirms them as close contacts, and sees them confirmed.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord, PersonPage } from '@lianfang/contracts'
import {
  ApiSession,
  ARTIFACTS,
  launchBrowser,
  loginThroughUi,
  startServer,
  type RunningServer,
} from './harness.js'

let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let epi: ApiSession

/** `YYYY-MM-DD HH:mm` in the console's zone, as the date pickers take it. */
function pickerTime(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16)
}

beforeAll(async () => {
  server = await startServer({ LIANFANG_DEMO_PEOPLE: '400' })
  browser = await launchBrowser()
  epi = await ApiSession.login(server.baseUrl, 'epidemiologist')
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  context.setDefaultTimeout(45_000)
  page = await context.newPage()
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return
  await page.screenshot({ path: join(ARTIFACTS, 'failed-cases.png'), fullPage: true }).catch(() => undefined)
})

afterAll(async () => {
  await context?.close().catch(() => undefined)
  await browser?.close()
  await server?.stop()
})

describe('cases and investigation', () => {
  it('reports a confirmed case, confirms the first candidates as contacts and lists them', async () => {
    // A person of the epidemiologist's district who lives in a household (so has candidates).
    const persons = await epi.get<PersonPage>(`/api/persons?regionCode=${epi.me.regionCode}&pageSize=50`)
    expect(persons.status).toBe(200)
    const person = persons.body.items.find((p) => p.householdId !== null) ?? persons.body.items[0]
    if (person === undefined) throw new Error('no person in the district')

    await loginThroughUi(page, server.baseUrl, 'epidemiologist')
    await page.getByTestId('nav-cases').click()
    await page.getByTestId('cases-table').waitFor()
    await page.getByTestId('case-report').click()
    await page.getByTestId('case-person').click()
    await page.keyboard.type(person.name)
    await page.locator('.ant-select-item-option', { hasText: person.idNumberMasked }).first().click()
    const onset = page.locator('.ant-modal .ant-picker input').first()
    await onset.click()
    await onset.fill(pickerTime(new Date(Date.now() - 2 * 86_400_000)))
    await onset.press('Enter')
    await page.locator('.ant-modal-title').click()
    await page.getByTestId('case-report-submit').click()

    await page.waitForURL(/\/cases\/\d+$/)
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? ''
    await page.getByTestId('case-detail').waitFor()
    expect(await page.getByTestId('case-status-tag').textContent()).toContain('确诊病例')
    const created = await epi.get<CaseRecord>(`/api/cases/${caseId}`)
    expect(created.body).toMatchObject({ personId: person.id, status: 'confirmed', severity: 'mild' })
    await page.getByTestId('discharge-panel').waitFor()

    await page.getByTestId('case-tab-investigation').click()
    await page.getByTestId('investigation-window').waitFor()
    const rows = page.getByTestId('investigation-candidates').locator('.ant-table-row')
    await rows.first().waitFor()
    const take = Math.min(3, await rows.count())
    const chosen: string[] = []
    for (let i = 0; i < take; i++) {
      const row = rows.nth(i)
      chosen.push((await row.getAttribute('data-row-key')) ?? '')
      await row.locator('.ant-checkbox-input').check()
    }
    await page.getByTestId('investigation-confirm').click()
    await page.getByTestId('contact-outcomes').waitFor()
    for (const personId of chosen)
      expect(await page.getByTestId(`outcome-${personId}`).getAttribute('data-status')).toBe('confirmed')
    await page.screenshot({ path: join(ARTIFACTS, 'case-investigation.png'), fullPage: true })

    await page.getByTestId('case-tab-contacts').click()
    await expect
      .poll(() => page.getByTestId('case-contacts').locator('.ant-table-row').count())
      .toBe(chosen.length)
    await page.screenshot({ path: join(ARTIFACTS, 'case-contacts.png'), fullPage: true })
  })
})
