/**
 * Post-discharge follow-up end to end: the epidemiologist releases an asymptomatic infection of the
 * demo community through the API (so its week 2 and 4 tasks exist); the community worker of that
 * community opens the follow-up page, records the week-2 result in the drawer and sees it done.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord, FollowupPage, PersonPage } from '@lianfang/contracts'
import {
  ApiSession,
  ARTIFACTS,
  launchBrowser,
  loginThroughUi,
  startServer,
  type RunningServer,
} from './harness.js'

const DAY = 86_400_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let epi: ApiSession
let worker: ApiSession

beforeAll(async () => {
  server = await startServer({ LIANFANG_DEMO_PEOPLE: '400' })
  browser = await launchBrowser()
  epi = await ApiSession.login(server.baseUrl, 'epidemiologist')
  worker = await ApiSession.login(server.baseUrl, 'community_worker')
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
  await page
    .screenshot({ path: join(ARTIFACTS, 'failed-followups.png'), fullPage: true })
    .catch(() => undefined)
})

afterAll(async () => {
  await context?.close().catch(() => undefined)
  await browser?.close()
  await server?.stop()
})

describe('post-discharge follow-up', () => {
  it('a released case gets week 2 and 4 tasks; the community worker records week 2 in the browser', async () => {
    // A person of the community worker's community, without an open case.
    const persons = await epi.get<PersonPage>(`/api/persons?regionCode=${worker.me.regionCode}&pageSize=50`)
    expect(persons.status).toBe(200)
    let released: CaseRecord | undefined
    for (const person of persons.body.items) {
      const created = await epi.post<CaseRecord>('/api/cases', {
        personId: person.id,
        status: 'asymptomatic',
        firstPositiveSampleAt: ago(20 * DAY),
      })
      if (created.status !== 201) continue
      for (const daysAgo of [3, 1])
        expect(
          (
            await epi.post('/api/nat-results', {
              personId: person.id,
              sampledAt: ago(daysAgo * DAY),
              result: 'negative',
            })
          ).status,
        ).toBe(201)
      const discharged = await epi.post<CaseRecord>(`/api/cases/${created.body.id}/discharge`, {
        version: created.body.version,
        symptomsImproved: true,
        imagingImproved: true,
      })
      expect(discharged.status, JSON.stringify(discharged.body)).toBe(200)
      released = discharged.body
      break
    }
    if (released === undefined) throw new Error('no person of the community could be reported')
    expect(released.outcome).toBe('released')

    const tasks = await worker.get<FollowupPage>(`/api/followups?caseId=${released.id}`)
    expect(tasks.status).toBe(200)
    expect(tasks.body.items.map((x) => [x.week, x.status])).toEqual([
      [2, 'due'],
      [4, 'due'],
    ])
    const week2 = tasks.body.items[0]
    if (week2 === undefined) throw new Error('no week-2 task')

    await loginThroughUi(page, server.baseUrl, 'community_worker')
    await page.getByTestId('nav-followups').click()
    await page.getByTestId('followups-table').waitFor()
    await page.getByTestId(`followup-open-${week2.id}`).click()
    await page.getByTestId('followup-detail').waitFor()
    await page.getByTestId('followup-nat-negative').click()
    await page.getByTestId('followup-note').fill('电话随访，无不适')
    await page.getByTestId('followup-submit').click()

    // The drawer closes on success; the row then shows the task done.
    await page.getByTestId('followup-detail').waitFor({ state: 'detached' })
    const status = page.getByTestId('followups-table').getByTestId(`followup-status-${week2.id}`)
    await expect.poll(() => status.getAttribute('data-status')).toBe('done')
    expect(await status.textContent()).toContain('已完成')
    await page.screenshot({ path: join(ARTIFACTS, 'followups.png'), fullPage: true })

    const after = await worker.get<FollowupPage>(`/api/followups?caseId=${released.id}`)
    expect(after.body.items[0]).toMatchObject({
      status: 'done',
      version: 2,
      result: { natResult: 'negative', symptoms: false, note: '电话随访，无不适' },
    })
    expect(after.body.items[1]?.status).toBe('due')
  })
})
