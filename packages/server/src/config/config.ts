import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { DEFAULT_TIME_ZONE, isTimeZone } from '@lianfang/core'

/** Runtime configuration, from the environment (README "Configuration"). */
export interface Config {
  readonly port: number
  readonly host: string
  /** True when `HOST` was set: the demo (`start`) binds to 127.0.0.1 unless told otherwise. */
  readonly hostExplicit: boolean
  /**
   * Addresses (or CIDR ranges) of reverse proxies whose `X-Forwarded-For` is believed; empty:
   * none, the client address is the socket's. Never `true`: a changing header would then
   * remove every per-address limit.
   */
  readonly trustProxy: readonly string[]
  /** `/metrics` is served to these addresses, or to a request with `Authorization: Bearer <token>`. */
  readonly metricsAllow: readonly string[]
  readonly metricsToken: string | undefined
  /**
   * Origins besides the server's own from which a browser may send state-changing requests
   * (e.g. the console served from another host name); empty by default.
   */
  readonly allowedOrigins: readonly string[]
  /** Whole-request timeout (headers and body), in ms; a trickled body is cut off after it. */
  readonly requestTimeoutMs: number
  /** postgres:// URL; when unset the embedded PGlite database in `dataDir/pgdata` is used. */
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  readonly masterSecret: Uint8Array
  readonly sessionTtlHours: number
  readonly logLevel: string
  readonly bodyLimitBytes: number
  readonly demoSeed: boolean
  readonly demoPeople: number
  readonly demoDays: number
  readonly webDir: string | undefined
  readonly loginMaxFailures: number
  readonly loginLockMinutes: number
  readonly secureCookies: boolean
  /** HTTP SMS gateway adapter (POST {phone, body}); unset: the development sender. */
  readonly smsGatewayUrl: string | undefined
  readonly smsGatewayToken: string | undefined
  /** This node's id (the `iss` of the codes it signs) and the region it serves. */
  readonly nodeId: string
  readonly nodeRegion: string
  /**
   * The IANA time zone of the region's civil time (`TIME_ZONE`, default Asia/Shanghai): local
   * days of statistics, dates printed on documents and in health-code texts.
   */
  readonly timeZone: string
  /** Days check-ins are kept; older day-partitions are dropped. */
  readonly checkinRetentionDays: number
  /**
   * Poster PDFs: worker threads drawing them (`POSTER_WORKERS`, 1), jobs that may wait for one
   * (`POSTER_QUEUE`, 4; more are refused with 503), and the byte budget of the cache of finished
   * PDFs (`POSTER_CACHE_MB`, 32; 0 turns it off).
   */
  readonly posters: { readonly workers: number; readonly queue: number; readonly cacheBytes: number }
}

type Env = Readonly<Record<string, string | undefined>>

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

function list(env: Env, name: string, fallback: readonly string[]): readonly string[] {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

function timeZone(env: Env, name: string): string {
  const raw = env[name]
  if (raw === undefined || raw === '') return DEFAULT_TIME_ZONE
  if (!isTimeZone(raw))
    throw new Error(`${name} must be an IANA time zone such as Asia/Shanghai, got "${raw}"`)
  return raw
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (/^(1|true|yes|on)$/i.test(raw)) return true
  if (/^(0|false|no|off)$/i.test(raw)) return false
  throw new Error(`${name} must be true or false, got "${raw}"`)
}

/**
 * The master secret (AES/HMAC/session keys are derived from it). `LIANFANG_SECRET` holds it
 * as 64 hex characters; without it a random one is created once in `dataDir/secret.key`
 * (mode 600) so a development node keeps its data readable across restarts.
 */
function masterSecret(env: Env, dataDir: string): Uint8Array {
  const raw = env['LIANFANG_SECRET']
  if (raw) {
    if (!/^[0-9a-fA-F]{64,}$/.test(raw)) throw new Error('LIANFANG_SECRET must be at least 64 hex characters')
    return Buffer.from(raw, 'hex')
  }
  const file = join(dataDir, 'secret.key')
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32)
  writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600 })
  return secret
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env['LIANFANG_DATA_DIR'] ?? 'data')
  return {
    port: int(env, 'PORT', 8080),
    host: env['HOST'] || '0.0.0.0',
    hostExplicit: Boolean(env['HOST']),
    trustProxy: list(env, 'TRUST_PROXY', []),
    metricsAllow: list(env, 'METRICS_ALLOW', ['127.0.0.1', '::1', '::ffff:127.0.0.1']),
    metricsToken: env['METRICS_TOKEN'] || undefined,
    allowedOrigins: list(env, 'ALLOWED_ORIGINS', []),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000),
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir,
    masterSecret: masterSecret(env, dataDir),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    demoSeed: bool(env, 'LIANFANG_DEMO', true),
    demoPeople: int(env, 'LIANFANG_DEMO_PEOPLE', 5000, 1),
    demoDays: int(env, 'LIANFANG_DEMO_DAYS', 3, 1),
    webDir: env['LIANFANG_WEB_DIR'],
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1),
    secureCookies: bool(env, 'SECURE_COOKIES', false),
    smsGatewayUrl: env['SMS_GATEWAY_URL'] || undefined,
    smsGatewayToken: env['SMS_GATEWAY_TOKEN'] || undefined,
    nodeId: env['LIANFANG_NODE_ID'] ?? 'lf-420100',
    nodeRegion: env['LIANFANG_NODE_REGION'] ?? '420100',
    timeZone: timeZone(env, 'TIME_ZONE'),
    checkinRetentionDays: int(env, 'CHECKIN_RETENTION_DAYS', 28, 1),
    posters: {
      workers: int(env, 'POSTER_WORKERS', 1, 1),
      queue: int(env, 'POSTER_QUEUE', 4),
      cacheBytes: int(env, 'POSTER_CACHE_MB', 32) * 1024 * 1024,
    },
  }
}
