/**
 * What the browser tests share: a real server (the built CLI) on a free port with a fresh
 * data directory, and Debian's Chromium driven by playwright-core. Nothing is downloaded.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts')
export const DEMO_PASSWORD = 'Lianfang-demo-2026'
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      if (address === null || typeof address === 'string') {
        reject(new Error('no port'))
        return
      }
      probe.close(() => {
        resolve(address.port)
      })
    })
  })
}

export interface RunningServer {
  baseUrl: string
  /** The last part of the server's output, for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts `lianfang start` from the build and resolves once `/readyz` answers 200. The demo
 * population is 400 persons (E2E_DEMO_PEOPLE overrides it).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const main = join(ROOT, 'packages', 'cli', 'dist', 'main.js')
  const index = join(ROOT, 'packages', 'web', 'dist', 'index.html')
  for (const file of [main, index]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before \`npm run e2e\``)
  }
  const port = await freePort()
  const dataDir = await mkdtemp(join(tmpdir(), 'lianfang-e2e-'))
  const baseUrl = `http://127.0.0.1:${port}`
  let log = ''
  const child: ChildProcess = spawn(process.execPath, [main, 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LIANFANG_DATA_DIR: dataDir,
      LIANFANG_DEMO_PEOPLE: process.env['E2E_DEMO_PEOPLE'] ?? '400',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code)
    }),
  )

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    await rm(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + 240_000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`server exited with ${child.exitCode} before it was ready:\n${log}`)
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`server not ready after 240 s:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return { baseUrl, output: () => log, stop }
}

/** Debian's Chromium; `extraArgs` add flags (e.g. a fake camera fed from a file). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...extraArgs,
    ],
  })
}

/** A JSON API session for test set-up (the browser logs in through the UI on its own). */
export class ApiSession {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    readonly me: { username: string; role: string; regionCode: string },
  ) {}

  static async login(baseUrl: string, username: string): Promise<ApiSession> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    })
    const body: unknown = await response.json()
    if (response.status !== 200)
      throw new Error(`login ${username}: ${response.status} ${JSON.stringify(body)}`)
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    return new ApiSession(baseUrl, cookie, body as ApiSession['me'])
  }

  // The caller names the contract type of the answer; tests then assert on it.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } })
    return { status: response.status, body: (await response.json()) as T }
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  async post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as T }
  }
}

/** Signs in through the login page and waits until the console has left it. */
export async function loginThroughUi(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await page.getByTestId('user-menu').waitFor()
}

/**
 * Opens the header's user menu and picks an item, then waits for `opened` (what the item shows).
 * The dropdown can close under a click while the page settles after sign-in (a refetch re-renders
 * the header), so the whole gesture is retried until `opened` appears.
 */
export async function pickUserMenuItem(page: Page, item: string, opened: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('user-menu').click()
    try {
      await page.getByTestId(item).click({ timeout: 5000 })
      await page.getByTestId(opened).waitFor({ timeout: 5000 })
      return
    } catch (error) {
      if (attempt >= 4) throw error
      await page.keyboard.press('Escape')
    }
  }
}
