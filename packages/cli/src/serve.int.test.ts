import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => {
        resolve(port)
      })
    })
  })
}

async function waitReady(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('server did not become ready')
}

describe('lianfang serve (built CLI)', () => {
  it.skipIf(!existsSync(MAIN))(
    'finishes in-flight requests on SIGTERM, closes the database and exits 0; data survives a restart',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-serve-'))
      const port = await freePort()
      const env = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LIANFANG_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      }
      const run = () => {
        const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (d: Buffer) => (output += d.toString()))
        child.stderr.on('data', (d: Buffer) => (output += d.toString()))
        const exited = new Promise<number | null>((resolve) => {
          child.on('exit', (code) => {
            resolve(code)
          })
        })
        return { child, exited, output: () => output }
      }
      const url = `http://127.0.0.1:${port}`
      const first = run()
      await waitReady(url, 60_000)
      // Logins hash with argon2 (tens of ms each): fire a burst, then SIGTERM while they run.
      const inflight = Array.from({ length: 12 }, (_, i) =>
        fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `nobody_${i}`, password: 'wrong-password' }),
        }).then((r) => r.status),
      )
      // Signal only once the server has received them all (its log says so): then they are in flight.
      const received = () =>
        first
          .output()
          .split('\n')
          .filter((l) => l.includes('"url":"/api/auth/login"') && l.includes('incoming request')).length
      const until = Date.now() + 30_000
      while (received() < 12 && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
      first.child.kill('SIGTERM')
      const statuses = await Promise.all(inflight)
      expect(statuses.every((s) => s === 401 || s === 503)).toBe(true)
      expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0)
      expect(await first.exited).toBe(0)
      expect(first.output()).toContain('database closed')

      // The embedded database keeps what was written (audit records of the failed logins).
      const second = run()
      await waitReady(url, 60_000)
      expect(second.output()).toContain('database schema is up to date')
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    },
    300_000,
  )

  it.skipIf(!existsSync(MAIN))(
    'the demo (start) listens on loopback unless HOST is set, and its banner names only accounts still on the demo password',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-demo-'))
      const port = await freePort()
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        LIANFANG_DATA_DIR: dataDir,
        LIANFANG_DEMO_PEOPLE: '30',
        LIANFANG_DEMO_DAYS: '1',
        LOG_LEVEL: 'warn',
      }
      delete env['HOST']
      delete env['DATABASE_URL']
      const start = () => {
        const child = spawn(process.execPath, [MAIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (d: Buffer) => (output += d.toString()))
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
        return { child, exited, output: () => output }
      }
      const url = `http://127.0.0.1:${port}`
      const first = start()
      await waitReady(url, 180_000)
      while (!first.output().includes('Listening on')) await new Promise((r) => setTimeout(r, 50))
      expect(first.output()).toMatch(/Listening on 127\.0\.0\.1 only/)
      expect(first.output()).toMatch(/^ {2}admin /m)
      first.child.kill('SIGTERM')
      expect(await first.exited).toBe(0)

      // A user created later (not with the demo password) is not claimed to have it.
      const create = spawn(
        process.execPath,
        [MAIN, 'create-user', '--username', 'later_user', '--role', 'admin', '--region', '420100'],
        { env: { ...env, LIANFANG_PASSWORD: 'another-password-42' }, stdio: 'ignore' },
      )
      expect(await new Promise((resolve) => create.on('exit', resolve))).toBe(0)
      const second = start()
      await waitReady(url, 120_000)
      while (!second.output().includes('Listening on')) await new Promise((r) => setTimeout(r, 50))
      expect(second.output()).toMatch(/^ {2}admin /m)
      expect(second.output()).not.toContain('later_user')
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    },
    400_000,
  )
})
