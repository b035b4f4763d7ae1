/**
 * Cases and investigations end to end: the epidemiologist reports a confirmed case for a person
 * of the district through the console, opens the investigation (the demo has check-ins), selects
 * the first candidates and confirms them as close contacts, and sees them confirmed. The general
 * contacts tab (一般接触者: the same residential gate, market, office building…) shows the counts per
 * venue and pages the people; one is taken into the candidates and confirmed. Then the
 * transmission-chain page draws a case's chain (Cytoscape), a link is added through its form (a
 * cycle is refused with the path), and the cluster-alert page lists alerts.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type {
  CaseLink,
  CaseRecord,
  GeneralContactsPage,
  GeneralContactsSummary,
  PersonPage,
} from '@lianfang/contracts'
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
    // The classification, severity and origin start empty: nothing is reported by one click.
    for (const [field, option] of [
      ['case-status', '确诊病例'],
      ['case-severity', '轻型'],
      ['case-origin', '本土'],
    ] as const) {
      await page.getByTestId(field).click()
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
        .first()
        .click()
    }
    const onset = page.locator('.ant-modal .ant-picker input').first()
    await onset.click()
    await onset.fill(pickerTime(new Date(Date.now() - 2 * 86_400_000)))
    await onset.press('Enter')
    await page.locator('.ant-modal-title').click()
    await page.getByTestId('case-report-submit').click()
    // Reporting turns the code red: the console asks first.
    await page.getByTestId('case-report-confirm').click()

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
    await page.getByTestId('contacts-confirm-ok').click()
    await page.getByTestId('contact-outcomes').waitFor()
    for (const personId of chosen)
      expect(await page.getByTestId(`outcome-${personId}`).getAttribute('data-status')).toBe('confirmed')
    await page.screenshot({ path: join(ARTIFACTS, 'case-investigation.png'), fullPage: true })

    // The secondary-contact tab traces the close contacts just confirmed.
    await page.getByTestId('investigation-tab-secondary').click()
    await page.getByTestId('secondary-traced').waitFor()
    expect(await page.getByTestId('secondary-traced').locator('.ant-tag').count()).toBe(chosen.length)
    await page.getByTestId('secondary-candidates').waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'case-secondary.png'), fullPage: true })

    await page.getByTestId('case-tab-contacts').click()
    await expect
      .poll(() => page.getByTestId('case-contacts').locator('.ant-table-row').count())
      .toBe(chosen.length)
    await page.screenshot({ path: join(ARTIFACTS, 'case-contacts.png'), fullPage: true })
  })

  it('lists the general contacts per venue, pages them, and takes one into the candidates to confirm', async () => {
    // A case with general contacts: the demo city's residents pass their community gate, shop at
    // markets, work in office buildings (all general-tier kinds under FK8).
    const persons = await epi.get<PersonPage>(`/api/persons?regionCode=${epi.me.regionCode}&pageSize=100`)
    let found: { c: CaseRecord; summary: GeneralContactsSummary } | undefined
    for (const p of [...persons.body.items].reverse()) {
      const res = await epi.post<CaseRecord>('/api/cases', {
        personId: p.id,
        status: 'confirmed',
        onsetAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      })
      if (res.status !== 201) continue
      const summary = await epi.get<GeneralContactsSummary>(
        `/api/cases/${res.body.id}/investigation/general-contacts/summary`,
      )
      if (summary.body.total > 0) {
        found = { c: res.body, summary: summary.body }
        break
      }
    }
    if (found === undefined) throw new Error('no demo case with general contacts')
    const { c, summary } = found
    const [first] = summary.byVenue
    if (first === undefined) throw new Error('no venue with general contacts')

    if (!(await page.getByTestId('user-menu').isVisible()))
      await loginThroughUi(page, server.baseUrl, 'epidemiologist')
    await page.goto(`${server.baseUrl}/cases/${c.id}`)
    await page.getByTestId('case-tab-investigation').click()
    await page.getByTestId('investigation-window').waitFor()
    // The tab counts the general contacts once its own read answers (the candidates do not wait).
    await expect
      .poll(() => page.getByTestId('investigation-tab-general').textContent())
      .toContain(String(summary.total))
    await page.getByTestId('investigation-tab-general').click()
    await page.getByTestId('general-by-venue').waitFor()
    expect(await page.getByTestId('general-by-venue').textContent()).toContain(first.venueName)
    await page.getByTestId(`general-venue-${first.venueId}`).click()
    const rows = page.getByTestId('general-contacts-table').locator('.ant-table-row')
    await rows.first().waitFor()
    const listed = await epi.get<GeneralContactsPage>(
      `/api/cases/${c.id}/investigation/general-contacts?venueId=${first.venueId}&limit=20`,
    )
    await expect.poll(() => rows.count()).toBe(Math.min(20, first.count))
    expect(listed.body.total).toBe(first.count)
    const personId = (await rows.first().getAttribute('data-row-key')) ?? ''
    expect(personId).toBe(listed.body.items[0]?.personId)
    await rows.first().locator('.ant-checkbox-input').check()
    await page.screenshot({ path: join(ARTIFACTS, 'case-general-contacts.png'), fullPage: true })
    await page.getByTestId('general-take').click()

    // Back on the close-contact tab: the person is among the candidates, selected, and confirmed.
    const candidate = page
      .getByTestId('investigation-candidates')
      .locator(`.ant-table-row[data-row-key="${personId}"]`)
    await expect.poll(() => candidate.locator('.ant-checkbox-input').isChecked()).toBe(true)
    await page.getByTestId('investigation-confirm').click()
    await page.getByTestId('contacts-confirm-ok').click()
    await page.getByTestId('contact-outcomes').waitFor()
    const status = await page.getByTestId(`outcome-${personId}`).getAttribute('data-status')
    // A person of another region is routed as 协查 (and listed without id); ours is confirmed.
    const otherRegion = listed.body.items[0]?.otherRegion ?? false
    expect(status).toBe(otherRegion ? 'routed' : 'confirmed')
    const contacts = await epi.get<{ personId: string | null; reasons: { rule?: string }[] }[]>(
      `/api/cases/${c.id}/contacts`,
    )
    expect(contacts.body).toHaveLength(1)
    expect(contacts.body[0]?.reasons[0]?.rule).toBe('venue_copresence_general')
  })

  it('draws the transmission chain of a case, adds a link through the form, refuses a cycle, lists clusters', async () => {
    const persons = await epi.get<PersonPage>(`/api/persons?regionCode=${epi.me.regionCode}&pageSize=50`)
    const made: CaseRecord[] = []
    for (const p of persons.body.items) {
      if (made.length === 3) break
      const res = await epi.post<CaseRecord>('/api/cases', {
        personId: p.id,
        status: 'confirmed',
        onsetAt: new Date(Date.now() - (4 - made.length) * 86_400_000).toISOString(),
      })
      if (res.status === 201) made.push(res.body)
    }
    const [x, y, z] = made
    if (x === undefined || y === undefined || z === undefined) throw new Error('could not report 3 cases')
    const link = await epi.post<CaseLink>('/api/case-links', {
      fromCaseId: x.id,
      toCaseId: y.id,
      confidence: 'confirmed',
    })
    expect(link.status).toBe(201)

    if (!(await page.getByTestId('user-menu').isVisible()))
      await loginThroughUi(page, server.baseUrl, 'epidemiologist')
    await page.getByTestId('nav-chains').click()
    await page.getByTestId('chains-case').fill(x.id)
    await page.getByTestId('chains-apply').click()
    await page.waitForURL(new RegExp(`/chains\\?caseId=${x.id}$`))
    const graph = page.getByTestId('chain-graph')
    await expect.poll(async () => Number(await graph.getAttribute('data-nodes'))).toBeGreaterThanOrEqual(2)
    // Cytoscape draws into its own canvases inside the container.
    expect(await graph.locator('canvas').count()).toBeGreaterThan(0)
    const box = await graph.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThan(300)

    // y infected z, through the form: the graph grows.
    await page.getByTestId('chains-link-from').fill(y.id)
    await page.getByTestId('chains-link-to').fill(z.id)
    await page.getByTestId('chains-link-submit').click()
    await expect.poll(async () => Number(await graph.getAttribute('data-edges'))).toBeGreaterThanOrEqual(2)
    await page.locator('.ant-collapse-header').click()
    await page.getByTestId(`chain-node-case:${z.id}`).waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'case-chain.png'), fullPage: true })

    // z → x would close x → y → z → x.
    await page.getByTestId('chains-link-from').fill(z.id)
    await page.getByTestId('chains-link-to').fill(x.id)
    await page.getByTestId('chains-link-submit').click()
    await page.getByTestId('chains-add-link').locator('.ant-alert', { hasText: 'cycle' }).waitFor()

    // A case of the chain opens from the node list.
    await page.getByTestId(`chain-node-case:${z.id}`).click()
    await page.waitForURL(new RegExp(`/cases/${z.id}$`))
    await page.getByTestId('case-detail').waitFor()

    await page.getByTestId('nav-clusters').click()
    await page.getByTestId('clusters-table').waitFor()
    await page.screenshot({ path: join(ARTIFACTS, 'clusters.png'), fullPage: true })
  })
})
