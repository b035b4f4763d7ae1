/**
 * Single gate scans driven by `wrk` (a C load generator, Debian package `wrk`) instead of Node:
 * on this 2-core machine the load generator shares the cores with the server and PostgreSQL, and
 * wrk spends a tenth of what a Node HTTP client spends per request, so more of the machine is left
 * to what is measured. Each request carries a fresh client scan id and the next code of the pool
 * (bench/lib/wrk-gate.lua). Used by `bench/gate.ts` when `wrk` is on the PATH (and
 * `BENCH_LOADGEN` is not `node`).
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./wrk-gate.lua', import.meta.url))

/** wrk's version line, or undefined when it is not installed (or not wanted). */
export function wrkVersion(): string | undefined {
  if (process.env['BENCH_LOADGEN'] === 'node') return undefined
  const r = spawnSync('wrk', ['--version'], { encoding: 'utf8' })
  if (r.error) return undefined
  const line = `${r.stdout}${r.stderr}`.split('\n')[0]?.trim()
  return line?.startsWith('wrk') ? (line.split(' [')[0] ?? line) : undefined
}

export interface WrkResult {
  /** Responses with a 2xx status (each an acknowledged, committed scan). */
  readonly ok: number
  /** Responses with any other status, and socket errors. */
  readonly failed: number
  readonly seconds: number
  readonly p50Ms: number
  readonly p90Ms: number
  readonly p99Ms: number
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }
function ms(text: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '')
  if (!m) throw new Error(`wrk: cannot read the duration ${String(text)}`)
  return Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] ?? 1)
}

/** Parses `wrk --latency` output (the summary and the latency distribution). */
export function parseWrk(out: string): Omit<WrkResult, 'seconds'> & { requests: number } {
  const requests = /(\d+) requests in/.exec(out)
  if (!requests) throw new Error(`wrk: no summary in\n${out}`)
  const total = Number(requests[1])
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0)
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  const socketErrors = errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0
  const pct = (p: string) => ms(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out)?.[1])
  return {
    requests: total,
    ok: total - non2xx,
    failed: non2xx + socketErrors,
    p50Ms: pct('50'),
    p90Ms: pct('90'),
    p99Ms: pct('99'),
  }
}

/** Runs wrk against POST /api/gate/scan for `seconds` with `connections` keep-alive connections. */
export async function runWrkGate(opts: {
  url: string
  cookie: string
  venueId: string
  codes: readonly string[]
  connections: number
  seconds: number
  /**
   * Paced load: each connection waits a random time with this mean (exponential: each gate's
   * scans come at random, as people arrive) before its next request, instead of sending it at
   * once. Without it, the load is closed-loop at saturation.
   */
  meanDelayMs?: number
}): Promise<WrkResult> {
  const dir = await mkdtemp(join(tmpdir(), 'lianfang-wrk-'))
  try {
    const codesFile = join(dir, 'codes.txt')
    await writeFile(codesFile, `${opts.codes.join('\n')}\n`)
    const started = performance.now()
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        'wrk',
        [
          '-t1',
          `-c${opts.connections}`,
          `-d${opts.seconds}s`,
          '--latency',
          '-s',
          SCRIPT,
          `${opts.url}/api/gate/scan`,
        ],
        {
          env: {
            ...process.env,
            LF_CODES: codesFile,
            LF_VENUE: opts.venueId,
            LF_COOKIE: opts.cookie,
            ...(opts.meanDelayMs ? { LF_DELAY_MS: String(opts.meanDelayMs) } : {}),
          },
          maxBuffer: 1 << 20,
        },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`wrk failed: ${error.message}\n${stderr}`))
          else resolve(stdout)
        },
      )
    })
    const seconds = (performance.now() - started) / 1000
    const { ok, failed, p50Ms, p90Ms, p99Ms } = parseWrk(out)
    return { ok, failed, seconds: Math.min(seconds, opts.seconds), p50Ms, p90Ms, p99Ms }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
