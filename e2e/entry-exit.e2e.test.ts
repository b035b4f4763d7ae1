/**
 * Entry and exit end to end: a venue and its printable poster; the checkpoint (phone) records
 * scans online and offline through its queue, each exactly once — also when the queue is
 * replayed; a citizen checks in by the venue code; on a flight, both record the passenger's seat.
 * (Service workers and IndexedDB persistence need a secure context: http://localhost.)
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MyHealthCode, ScanBatchResult, ScanItem, Venue, VenueStats } from '@lianfang/contracts'
import { readPdfText } from '@lianfang/pdf'
import {
  ApiSession,
  ARTIFACTS,
  DEMO_PASSWORD,
  launchBrowser,
  startServer,
  type RunningServer,
} from './harness.js'

const PHONE = { width: 390, height: 844 }

/** Reads the check-in queue from IndexedDB in the page (a string: e2e has no DOM library). */
const READ_QUEUE = `new Promise((resolve, reject) => {
  const open = indexedDB.open('lianfang-checkin-queue', 1)
  open.onerror = () => reject(open.error)
  open.onsuccess = () => {
    const get = open.result.transaction('pending', 'readonly').objectStore('pending').getAll()
    get.onerror = () => reject(get.error)
    get.onsuccess = () => resolve(get.result.map((s) => s.item))
  }
})`

let server: RunningServer
/** The server's data directory: the seats are read from its database once it has stopped. */
let dataDir: string
let base: string
let browser: Browser
let worker: ApiSession
let venue: Venue
let flight: Venue
const contexts: BrowserContext[] = []
const pages: [string, Page][] = []

async function newContext(phone: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: phone ? PHONE : { width: 1280, height: 900 },
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  context.setDefaultTimeout(45_000)
  contexts.push(context)
  return { context, page: await context.newPage() }
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage })
}

async function stats(): Promise<VenueStats> {
  const r = await worker.get<VenueStats>(`/api/venues/${venue.id}/stats`)
  expect(r.status).toBe(200)
  return r.body
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lianfang-e2e-entry-'))
  server = await startServer({ LIANFANG_DATA_DIR: dataDir })
  base = server.baseUrl.replace('127.0.0.1', 'localhost')
  browser = await launchBrowser()
  worker = await ApiSession.login(server.baseUrl, 'community_worker')
  const created = await worker.post<Venue>('/api/venues', {
    regionCode: worker.me.regionCode,
    kind: 'residential_gate',
    name: `E2E 东门 ${Date.now() % 100000}`,
    capacity: 200,
    address: '幸福路 1 号',
  })
  expect(created.status).toBe(201)
  venue = created.body
})

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return
  for (const [name, page] of pages)
    await page.screenshot({ path: join(ARTIFACTS, `failed-entry-${name}.png`) }).catch(() => undefined)
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
  await server?.stop()
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
})

describe('entry and exit', () => {
  it('shows the venue with its code and prints a poster', async () => {
    const { page } = await newContext(false)
    pages.push(['worker', page])
    await login(page, 'community_worker')
    await page.goto(`${base}/venues`)
    await page.getByTestId(`venue-link-${venue.id}`).click()
    await page.getByTestId('venue-detail').waitFor()
    expect(await page.getByTestId('qr-code').getAttribute('data-qr')).toMatch(/^LFV1:/)
    await page.getByTestId('venue-poster-link').click()
    await page.getByTestId('venue-poster').waitFor()
    expect(await page.getByTestId('poster-venue-name').textContent()).toBe(venue.name)
    await page.getByText('请使用联防扫码登记').waitFor()
    await page.getByText('Scan to check in with Lianfang').waitFor()
    await shot(page, 'venue-poster', true)
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByTestId('poster-print').isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })
  })

  it('downloads the PDF poster of one venue, and of the venues selected in the list', async () => {
    const { page } = await newContext(false)
    pages.push(['posters', page])
    const second = await worker.post<Venue>('/api/venues', {
      regionCode: worker.me.regionCode,
      kind: 'supermarket',
      name: `E2E 超市 ${Date.now() % 100000}`,
      capacity: 80,
      address: '幸福路 2 号',
    })
    expect(second.status).toBe(201)
    const squash = (text: string) => text.replace(/\s+/g, '')
    const download = async (testId: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
      const path = await file.path()
      const pdf = await readFile(path)
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      return readPdfText(pdf).pages.map(squash)
    }
    await login(page, 'community_worker')
    await page.goto(`${base}/venues/${venue.id}`)
    await page.getByTestId('venue-detail').waitFor()
    const one = await download('venue-poster-pdf')
    expect(one).toHaveLength(1)
    expect(one[0]).toContain(squash(venue.name))
    expect(one[0]).toContain('场所码')

    await page.goto(`${base}/venues`)
    // Nothing selected yet: the button is disabled (antd renders it as a link without href).
    await expect.poll(() => page.getByTestId('venues-posters-pdf').getAttribute('href')).toBeNull()
    for (const id of [venue.id, second.body.id])
      await page.locator(`tr[data-row-key="${id}"] .ant-checkbox-input`).check()
    const both = await download('venues-posters-pdf')
    expect(both).toHaveLength(2)
    expect(both.join('|')).toContain(squash(venue.name))
    expect(both.join('|')).toContain(squash(second.body.name))
  })

  it('records scans exactly once: online, offline through the queue, and when replayed', async () => {
    const citizen = (await newContext(true)).page
    pages.push(['citizen', citizen])
    await login(citizen, 'citizen')
    const code = await citizen.evaluate(async () => {
      const response = await fetch('/api/codes/me', { credentials: 'same-origin' })
      return (await response.json()) as MyHealthCode
    })
    expect(code.colour).toBe('green')

    const { context, page } = await newContext(true)
    pages.push(['checkpoint', page])
    await login(page, 'checkpoint')
    await page.waitForURL(`${base}/checkpoint`)
    await page.locator('[data-testid="checkpoint-page"][data-lists-ready="yes"]').waitFor()
    await page.getByTestId('gate-venue').click()
    await page.locator('.ant-select-item-option', { hasText: venue.name }).click()
    const pending = (n: number) => page.locator(`[data-testid="queue-pending"][data-count="${n}"]`).waitFor()
    await pending(0)

    const present = async () => {
      await page.getByTestId('code-input').fill(code.qr)
      await page.getByTestId('code-verify').click()
      const verdict = page.getByTestId('verdict')
      await verdict.waitFor()
      expect(await verdict.getAttribute('data-verdict')).toBe('allow')
      await page.getByTestId('verdict-next').click()
      await verdict.waitFor({ state: 'detached' })
    }

    // Online: recorded at once.
    await present()
    await pending(0)
    expect((await stats()).entries).toBe(1)
    await shot(page, 'checkpoint-venue-online-mobile')

    // Offline: three scans wait in the queue.
    await context.setOffline(true)
    let queued: ScanItem[] = []
    try {
      for (let i = 0; i < 3; i++) await present()
      await pending(3)
      expect(await page.getByTestId('queue-pending').textContent()).toContain('待上传 3')
      await shot(page, 'checkpoint-queue-offline-mobile')
      queued = await page.evaluate<ScanItem[]>(READ_QUEUE)
      expect(queued).toHaveLength(3)
      expect(new Set(queued.map((s) => s.clientScanId)).size).toBe(3)
      expect((await stats()).entries).toBe(1)
    } finally {
      await context.setOffline(false)
    }

    // Back online: the queue drains, each scan arrives once.
    await pending(0)
    await shot(page, 'checkpoint-queue-drained-mobile')
    expect((await stats()).entries).toBe(4)

    // Replays change nothing: a reload and sync, and the same items sent again.
    await page.reload()
    await page.locator('[data-testid="checkpoint-page"][data-lists-ready="yes"]').waitFor()
    await pending(0)
    await page.getByTestId('queue-sync').click()
    await page.locator('[data-testid="queue-sync"]:not(.ant-btn-loading)').waitFor()
    const replay = await page.evaluate<ScanBatchResult>(
      `fetch('/api/checkins/batch', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scans: ${JSON.stringify(queued)} }),
      }).then((r) => r.json())`,
    )
    expect(replay).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 })
    const after = await stats()
    expect(after.entries).toBe(4)
    expect(after.hourly.reduce((a, h) => a + h.entries, 0)).toBe(4)
    expect(after.residents + after.visitors).toBeGreaterThanOrEqual(1)
  })

  it('records a proxy scan for a person without a phone (decision from the server)', async () => {
    const page = pages.find(([name]) => name === 'checkpoint')?.[1]
    if (page === undefined) throw new Error('no checkpoint page')
    const persons = await worker.get<{ items: { id: string; idType: string }[] }>('/api/persons?pageSize=50')
    expect(persons.status).toBe(200)
    const id = persons.body.items.find((p) => p.idType === 'resident')?.id
    if (id === undefined) throw new Error('no person')
    const admin = await ApiSession.login(server.baseUrl, 'admin')
    const unmasked = await admin.post<{ idType: string; idNumber: string }>(`/api/persons/${id}/unmask`, {
      reason: 'e2e proxy check-in',
    })
    expect(unmasked.status).toBe(200)
    await page.getByTestId('proxy-id-number').fill(unmasked.body.idNumber)
    await page.getByTestId('proxy-submit').click()
    const result = page.getByTestId('proxy-result')
    await result.waitFor()
    expect(await result.getAttribute('data-status')).toBe('accepted')
    await shot(page, 'checkpoint-proxy-mobile')
    await page.getByTestId('proxy-result-close').click()
  })

  it('a citizen checks in with the venue code and shows their colour', async () => {
    const citizen = pages.find(([name]) => name === 'citizen')?.[1]
    if (citizen === undefined) throw new Error('no citizen page')
    const venueCode = await worker.get<{ code: string }>(`/api/venues/${venue.id}/code`)
    await citizen.goto(`${base}/me`)
    await citizen.getByTestId('me-link-scanVenue').click()
    await citizen.getByTestId('scan-venue-page').waitFor()
    await citizen.getByTestId('venue-code-input').fill(venueCode.body.code)
    await citizen.getByTestId('venue-code-submit').click()
    const result = citizen.getByTestId('self-checkin-result')
    await result.waitFor()
    expect(await result.getAttribute('data-colour')).toBe('green')
    expect(await citizen.getByTestId('self-checkin-venue').textContent()).toBe(venue.name)
    await shot(citizen, 'citizen-self-checkin-mobile')
    expect((await stats()).entries).toBeGreaterThanOrEqual(5)
  })

  it('shows the community view with the hourly chart', async () => {
    const page = pages.find(([name]) => name === 'worker')?.[1]
    if (page === undefined) throw new Error('no worker page')
    await page.goto(`${base}/venues/${venue.id}`)
    await page.locator('[data-testid="venue-stat-entries"]').waitFor()
    await page.getByTestId('venue-hourly-chart').waitFor()
    expect(await page.getByTestId('venue-stat-entries').textContent()).toMatch(/[5-9]/)
    await page.waitForTimeout(800) // chart animation
    await shot(page, 'venue-community-view', true)
  })

  it('records the seat of flight passengers: at the gate (online and offline) and self check-in', async () => {
    const page = pages.find(([name]) => name === 'checkpoint')?.[1]
    const citizen = pages.find(([name]) => name === 'citizen')?.[1]
    if (page === undefined || citizen === undefined) throw new Error('no checkpoint or citizen page')
    const created = await worker.post<Venue>('/api/venues', {
      regionCode: worker.me.regionCode,
      kind: 'flight',
      name: `E2E CZ${Date.now() % 10000} 广州—北京`,
    })
    expect(created.status).toBe(201)
    flight = created.body

    // The operator chooses the flight as the gate: the seat entry appears by the scanner.
    await page.getByTestId('gate-venue').click()
    await page.keyboard.type(flight.name.slice(0, 10))
    await page.locator('.ant-select-item-option', { hasText: flight.name }).click()
    await page.getByTestId('seat-card').waitFor()
    const pending = (n: number) => page.locator(`[data-testid="queue-pending"][data-count="${n}"]`).waitFor()
    const code = await citizen.evaluate(async () => {
      const response = await fetch('/api/codes/me', { credentials: 'same-origin' })
      return (await response.json()) as MyHealthCode
    })
    const present = async () => {
      await page.getByTestId('code-input').fill(code.qr)
      await page.getByTestId('code-verify').click()
      const verdict = page.getByTestId('verdict')
      await verdict.waitFor()
      expect(await verdict.getAttribute('data-verdict')).toBe('allow')
      await page.getByTestId('verdict-next').click()
      await verdict.waitFor({ state: 'detached' })
    }

    // A seat letter without its row is refused in the browser: nothing checked, nothing queued.
    await page.getByTestId('seat-letter').fill('A')
    await page.getByTestId('code-input').fill(code.qr)
    await page.getByTestId('code-verify').click()
    const refused = page.getByTestId('seat-error')
    await refused.waitFor()
    expect(await refused.getAttribute('data-issue')).toBe('needs-row')
    expect(await refused.textContent()).toContain('请填写排号')
    expect(await page.getByTestId('verdict').count()).toBe(0)
    await pending(0)

    // Row 12, seat A: recorded, and the fields clear for the next passenger.
    await page.getByTestId('seat-row').fill('12')
    await present()
    await pending(0)
    expect(await page.getByTestId('seat-row').inputValue()).toBe('')
    expect(await page.getByTestId('seat-letter').inputValue()).toBe('')
    expect(await page.getByTestId('seat-last').textContent()).toContain('12排A座')
    await shot(page, 'checkpoint-flight-seat-mobile')

    // Offline, the queue keeps the seat with the scan.
    const context = page.context()
    await context.setOffline(true)
    try {
      await page.getByTestId('seat-row').fill('13')
      await present()
      await pending(1)
      const queued = await page.evaluate<ScanItem[]>(READ_QUEUE)
      expect(queued.map((s) => s.seat)).toEqual([{ row: 13 }])
    } finally {
      await context.setOffline(false)
    }
    await pending(0)

    // The citizen scans the flight's code: the code says it is a flight, so the seat comes first.
    const flightCode = await worker.get<{ code: string }>(`/api/venues/${flight.id}/code`)
    await citizen.goto(`${base}/me`)
    await citizen.getByTestId('me-link-scanVenue').click()
    await citizen.getByTestId('scan-venue-page').waitFor()
    await citizen.getByTestId('venue-code-input').fill(flightCode.body.code)
    await citizen.getByTestId('venue-code-submit').click()
    await citizen.getByTestId('self-seat-step').waitFor()
    await citizen.getByTestId('seat-row').fill('14')
    await citizen.getByTestId('seat-letter').fill('c')
    await shot(citizen, 'citizen-flight-seat-mobile')
    await citizen.getByTestId('self-seat-submit').click()
    const result = citizen.getByTestId('self-checkin-result')
    await result.waitFor()
    expect(await result.getAttribute('data-status')).toBe('accepted')
    expect(await citizen.getByTestId('self-checkin-seat').textContent()).toBe('14排C座')
  })

  it('stores the seats with the check-ins (read from the database after the server stops)', async () => {
    await server.stop()
    const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') })
    try {
      const rows = await db.query<{ seat: unknown; source: string }>(
        'select seat, source from checkins where venue_id = $1',
        [flight.id],
      )
      const seats = rows.rows.map((r) => JSON.stringify([r.source, r.seat])).sort()
      expect(seats).toEqual(
        [
          ['gate_scan', { row: 12 }],
          ['gate_scan', { row: 13 }],
          ['self_scan', { row: 14 }],
        ].map((r) => JSON.stringify(r)),
      )
    } finally {
      await db.close()
    }
  })
})
