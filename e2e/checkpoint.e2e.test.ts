/**
 * Health codes end to end, in Chromium on a phone-sized screen: the citizen's QR code, and the
 * checkpoint page verifying codes in the browser against its cached, signed lists — with the
 * network cut, after a reload served by the service worker.
 * (Service workers need a secure context: the tests use http://localhost, not 127.0.0.1.)
 */
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MyHealthCode } from '@lianfang/contracts'
import { ARTIFACTS, DEMO_PASSWORD, launchBrowser, startServer, type RunningServer } from './harness.js'

const PHONE = { width: 390, height: 844 }

/**
 * Runs in the page on the QR <svg>: draws it 400 px wide on a white 640×480 frame and returns
 * the frame's luma (BT.601), for the fake camera. A string: e2e compiles without the DOM library.
 */
const RENDER_FRAME = `async (svg) => {
  const width = 640, height = 480
  const image = new Image()
  image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg))
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const g = canvas.getContext('2d')
  g.fillStyle = '#fff'
  g.fillRect(0, 0, width, height)
  g.drawImage(image, (width - 400) / 2, (height - 400) / 2, 400, 400)
  const rgba = g.getImageData(0, 0, width, height).data
  const luma = []
  for (let i = 0; i < rgba.length; i += 4)
    luma.push(Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]))
  return { width, height, luma }
}`

interface Frame {
  width: number
  height: number
  luma: number[]
}

function asFrame(value: unknown): Frame {
  const f = value as Partial<Frame> | null
  if (typeof f?.width !== 'number' || typeof f.height !== 'number' || !Array.isArray(f.luma))
    throw new Error('the page did not render a frame')
  if (f.luma.length !== f.width * f.height) throw new Error('frame size mismatch')
  return { width: f.width, height: f.height, luma: f.luma }
}

/** The browser globals used in page functions (e2e compiles without the DOM library). */
interface BrowserGlobals {
  navigator: {
    onLine: boolean
    serviceWorker: {
      ready: Promise<unknown>
      controller: unknown
      addEventListener(type: 'controllerchange', listener: () => void): void
    }
  }
}

let server: RunningServer
let base: string
let browser: Browser
let citizen: Page
let checkpoint: Page
let checkpointContext: BrowserContext
const contexts: BrowserContext[] = []

async function newPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
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

/** The citizen's current signed code, fetched in the page with the citizen's session. */
async function myCode(page: Page): Promise<MyHealthCode> {
  return page.evaluate(async () => {
    const response = await fetch('/api/codes/me', { credentials: 'same-origin' })
    if (!response.ok) throw new Error(`GET /api/codes/me: ${response.status}`)
    return (await response.json()) as MyHealthCode
  })
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })
}

async function present(code: string): Promise<void> {
  await checkpoint.getByTestId('code-input').fill(code)
  await checkpoint.getByTestId('code-verify').click()
  await checkpoint.getByTestId('verdict').waitFor()
}

async function nextPerson(): Promise<void> {
  await checkpoint.getByTestId('verdict-next').click()
  await checkpoint.getByTestId('verdict').waitFor({ state: 'detached' })
}

beforeAll(async () => {
  server = await startServer({ LIANFANG_DEMO_PEOPLE: process.env['E2E_DEMO_PEOPLE'] ?? '3000' })
  base = server.baseUrl.replace('127.0.0.1', 'localhost')
  browser = await launchBrowser()
  citizen = (await newPhone()).page
  const cp = await newPhone()
  checkpoint = cp.page
  checkpointContext = cp.context
})

// A failing test leaves pictures of both phones.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return
  for (const [page, name] of [
    [citizen, 'citizen'],
    [checkpoint, 'checkpoint'],
  ] as const)
    await page.screenshot({ path: join(ARTIFACTS, `failed-checkpoint-${name}.png`) }).catch(() => undefined)
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
  await server?.stop()
})

describe('health codes at the checkpoint', () => {
  it('verifies a green code offline, after a reload from the service worker; refuses a tampered one', async () => {
    await login(citizen, 'citizen')
    await citizen.waitForURL(`${base}/me`)
    const card = citizen.getByTestId('my-code-card')
    await card.waitFor()
    expect(await card.getAttribute('data-colour')).toBe('green')
    const shown = await citizen.getByTestId('qr-code').getAttribute('data-qr')
    expect(shown).toMatch(/^LF1:[0-9A-Z $%*+\-./:]+$/)
    await shot(citizen, 'citizen-my-code-green-mobile')
    const code = await myCode(citizen)
    expect(code.colour).toBe('green')

    await login(checkpoint, 'checkpoint')
    await checkpoint.waitForURL(`${base}/checkpoint`)
    await checkpoint.locator('[data-testid="checkpoint-page"][data-lists-ready="yes"]').waitFor()
    // The service worker has installed (precached the shell) and controls the page.
    await checkpoint.evaluate(async () => {
      const { serviceWorker } = (globalThis as unknown as BrowserGlobals).navigator
      await serviceWorker.ready
      if (serviceWorker.controller === null)
        await new Promise<void>((resolve) => {
          serviceWorker.addEventListener('controllerchange', () => {
            resolve()
          })
        })
    })
    await checkpoint.waitForTimeout(500) // let the scan button's enable transition finish
    await shot(checkpoint, 'checkpoint-online-mobile')

    await checkpointContext.setOffline(true)
    try {
      await checkpoint.reload()
      await checkpoint.locator('[data-testid="checkpoint-page"][data-lists-ready="yes"]').waitFor()
      await checkpoint.getByTestId('offline-banner').waitFor()
      expect(
        await checkpoint.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.onLine),
      ).toBe(false)
      // Really offline: the API is unreachable from the page.
      expect(
        await checkpoint.evaluate(() =>
          fetch('/api/auth/me').then(
            () => 'reached',
            () => 'failed',
          ),
        ),
      ).toBe('failed')
      await shot(checkpoint, 'checkpoint-offline-mobile')

      await present(code.qr)
      const verdict = checkpoint.getByTestId('verdict')
      expect(await verdict.getAttribute('data-verdict')).toBe('allow')
      expect(await verdict.getAttribute('data-colour')).toBe('green')
      expect(await checkpoint.getByTestId('verdict-name').textContent()).toBe(code.maskedName)
      await shot(checkpoint, 'checkpoint-allow-offline-mobile')
      await nextPerson()

      // One character changed inside the signed part.
      const at = Math.floor(code.qr.length / 2)
      const swapped = code.qr[at] === 'A' ? 'B' : 'A'
      await present(code.qr.slice(0, at) + swapped + code.qr.slice(at + 1))
      expect(await verdict.getAttribute('data-verdict')).toBe('deny')
      expect(await verdict.getAttribute('data-colour')).toBe('invalid')
      expect(await verdict.getAttribute('data-stage')).not.toBe('')
      await checkpoint.getByTestId('verdict-invalid').waitFor()
      await shot(checkpoint, 'checkpoint-tampered-offline-mobile')
      await nextPerson()

      expect(await checkpoint.getByTestId('count-allowed').textContent()).toContain('1')
      expect(await checkpoint.getByTestId('count-denied').textContent()).toContain('1')
    } finally {
      await checkpointContext.setOffline(false)
    }
  })

  it('a citizen who declares fever turns yellow: the checkpoint denies the new code and the old one', async () => {
    const green = await myCode(citizen)
    const declared = await citizen.evaluate(async () => {
      const response = await fetch('/api/declarations/health', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ temperatureC: 38.6, symptoms: ['fever', 'cough'] }),
      })
      return response.status
    })
    expect(declared).toBe(201)
    const yellow = await myCode(citizen)
    expect(yellow.colour).toBe('yellow')
    await citizen.reload()
    await citizen.locator('[data-testid="my-code-card"][data-colour="yellow"]').waitFor()
    await shot(citizen, 'citizen-my-code-yellow-mobile')

    // Online again: fresh lists (the status list now marks the green code superseded).
    await checkpoint
      .getByTestId('network-state')
      .filter({ hasText: /在线|Online/ })
      .waitFor()
    await checkpoint.getByTestId('lists-refresh').click()
    await checkpoint.locator('[data-testid="lists-refresh"]:not(.ant-btn-loading)').waitFor()

    await present(yellow.qr)
    const verdict = checkpoint.getByTestId('verdict')
    expect(await verdict.getAttribute('data-verdict')).toBe('deny')
    expect(await verdict.getAttribute('data-colour')).toBe('yellow')
    expect(await checkpoint.getByTestId('verdict-name').textContent()).toBe(yellow.maskedName)
    await checkpoint.getByTestId('verdict-reason').waitFor()
    await shot(checkpoint, 'checkpoint-yellow-deny-mobile')
    await nextPerson()

    await present(green.qr)
    expect(await verdict.getAttribute('data-verdict')).toBe('deny')
    expect(await verdict.getAttribute('data-stage')).toBe('revoked')
    await shot(checkpoint, 'checkpoint-revoked-mobile')
    await nextPerson()
  })

  it("scans the QR code on the citizen's screen with the camera (jsQR on camera frames)", async () => {
    // The citizen's QR code as Chromium's fake camera sees it: a Y4M file of the rendered SVG.
    const colour = await citizen.getByTestId('my-code-card').getAttribute('data-colour')
    const frame = asFrame(
      await citizen.evaluate(`(${RENDER_FRAME})(document.querySelector('[data-testid="qr-code"]'))`),
    )
    const y4m = join(tmpdir(), `lianfang-fake-camera-${process.pid}.y4m`)
    const header = Buffer.from(`YUV4MPEG2 W${frame.width} H${frame.height} F5:1 Ip A1:1 C420jpeg\nFRAME\n`)
    const chroma = Buffer.alloc((frame.width / 2) * (frame.height / 2) * 2, 128)
    await writeFile(y4m, Buffer.concat([header, Buffer.from(frame.luma), chroma]))

    const cameraBrowser = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ])
    try {
      const context = await cameraBrowser.newContext({ viewport: PHONE, isMobile: true, locale: 'zh-CN' })
      context.setDefaultTimeout(45_000)
      await context.grantPermissions(['camera'], { origin: base })
      const page = await context.newPage()
      await login(page, 'checkpoint')
      await page.locator('[data-testid="checkpoint-page"][data-lists-ready="yes"]').waitFor()
      await page.getByTestId('scan-toggle').click()
      await page.getByTestId('camera').waitFor()
      const verdict = page.getByTestId('verdict')
      await verdict.waitFor()
      expect(await verdict.getAttribute('data-colour')).toBe(colour)
      expect(await verdict.getAttribute('data-verdict')).toBe(colour === 'green' ? 'allow' : 'deny')
      await page.screenshot({ path: join(ARTIFACTS, 'checkpoint-camera-scan-mobile.png') })
    } finally {
      await cameraBrowser.close()
      await rm(y4m, { force: true })
    }
  })

  it('citizens have no checkpoint', async () => {
    await citizen.goto(`${base}/checkpoint`)
    await citizen.getByTestId('no-permission').waitFor()
  })
})
