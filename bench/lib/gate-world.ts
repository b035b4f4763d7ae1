/**
 * A node with a small synthetic city, a gate, a checkpoint account and a pool of signed health
 * codes, then the real server started as a child process on it — for the ingest and gate
 * benchmarks (HTTP from other processes' point of view, as a checkpoint sees it).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { maskName, signLf1Sync } from '@lianfang/core'
import {
  createServices,
  loadConfig,
  loadSyntheticCity,
  migrate,
  nationalRegions,
  openDatabase,
  type Database,
} from '@lianfang/server'

export const SECRET = 'b'.repeat(64)
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface World {
  readonly kind: 'pglite' | 'postgres'
  readonly env: Record<string, string>
  readonly venueId: string
  readonly codes: readonly string[]
  readonly username: string
  readonly password: string
  open(): Promise<Database>
  dispose(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => {
        resolve(port)
      })
    })
  })
}

/** Builds the world: database, population, gate, checkpoint user, `codes` signed LF1 codes. */
export async function buildWorld(
  kind: 'pglite' | 'postgres',
  people: number,
  codes: number,
  log: (m: string) => void,
): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), `lianfang-bench-${kind}-`))
  const dbName = `lianfang_bench_gate_${process.pid}`
  let env: Record<string, string> = {
    LIANFANG_SECRET: SECRET,
    LIANFANG_DATA_DIR: dir,
    LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
    LIANFANG_WEB_DIR: '/nonexistent',
  }
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: ADMIN_URL })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`)
    await admin.query(`CREATE DATABASE ${dbName}`)
    await admin.end()
    env = { ...env, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${dbName}` }
  }
  const open = () =>
    openDatabase(kind === 'postgres' ? { url: env['DATABASE_URL'] } : { dataDir: join(dir, 'pgdata') })
  const database = await open()
  await migrate(database)
  const config = loadConfig(env)
  const services = createServices(config, database)
  await services.keys.ensureKeys()
  await services.regionsRepo.insertMissing(nationalRegions())
  log(`${kind}: loading ${people} persons`)
  await loadSyntheticCity(database, services.cipher, { seed: 7, people, days: 1, cityCode: '420100' })
  const community = await database.db
    .selectFrom('persons')
    .select('region_code')
    .where('region_code', 'like', '4201%')
    .limit(1)
    .executeTakeFirstOrThrow()
  const venue = await database.db
    .insertInto('venues')
    .values({ region_code: community.region_code, kind: 'residential_gate', name: 'bench gate' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const password = 'bench-password-123'
  const username = `bench_gate_${process.pid}`
  await services.auth.createUser(null, {
    username,
    displayName: 'bench',
    password,
    role: 'checkpoint',
    regionCode: '420100',
  })
  const persons = await database.db
    .selectFrom('persons')
    .select(['id', 'name'])
    .orderBy('id')
    .limit(Math.min(people, 5000))
    .execute()
  log(`${kind}: computing colours of ${persons.length} persons and signing ${codes} codes`)
  const stored = new Map<
    string,
    { subject: string; colour: 'green' | 'yellow' | 'red'; index: number; name: string }
  >()
  for (const p of persons) {
    const c = await services.colours.current(p.id)
    stored.set(p.id, {
      subject: c.subject_id,
      colour: c.colour as 'green',
      index: c.status_index,
      name: p.name,
    })
  }
  const signer = await services.keys.codeSigner()
  const now = Math.floor(Date.now() / 1000)
  const list = [...stored.values()]
  const out: string[] = []
  for (let i = 0; i < codes; i++) {
    const s = list[i % list.length]
    if (!s) break
    out.push(
      signLf1Sync(
        {
          issuer: config.nodeId,
          region: config.nodeRegion,
          subject: s.subject,
          maskedName: maskName(s.name),
          colour: s.colour,
          issuedAt: now - (i % 240), // distinct codes for the same person (within the key validity)
          expiresAt: now + 4 * 3600,
          statusListId: 'main',
          statusIndex: s.index,
        },
        signer, // stored zlib blocks, as the node's own issuer writes them (codes.service.ts)
      ),
    )
  }
  await database.close()
  return {
    kind,
    env,
    venueId: venue.id,
    codes: out,
    username,
    password,
    open,
    async dispose() {
      await rm(dir, { recursive: true, force: true })
      if (kind === 'postgres') {
        const admin = new pg.Client({ connectionString: ADMIN_URL })
        await admin.connect()
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
        await admin.end()
      }
    },
  }
}

export interface RunningNode {
  readonly url: string
  readonly cookie: string
  readonly child: ChildProcess
  /** CPU time the server process has used so far (user + system, ms; all its threads). */
  cpuMs(): number
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** User + system CPU of a process from /proc (clock ticks of 10 ms); NaN where /proc is missing. */
export function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return Number.NaN
  }
}

/** Starts `lianfang serve` (from the workspace sources) on the world's database and signs in. */
export async function startNode(world: World, extraEnv: Record<string, string> = {}): Promise<RunningNode> {
  const port = await freePort()
  // Another checkout's server on the same world (an A/B against an older commit: a `git worktree`
  // with its own `npm ci`); this checkout's by default.
  const serverRoot = process.env['BENCH_SERVER_ROOT'] ?? ROOT
  const child = spawn(
    process.execPath,
    [
      // As `npm start` runs it (docs/operations.md "Node settings").
      '--max-semi-space-size=64',
      // Extra Node flags for the server alone, e.g. BENCH_NODE_FLAGS=--trace-gc with BENCH_DEBUG=1.
      ...(process.env['BENCH_NODE_FLAGS']?.split(' ').filter(Boolean) ?? []),
      ...(process.env['BENCH_CPU_PROF']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`]
        : []),
      '--conditions=lianfang-source',
      '--import',
      'tsx',
      join(serverRoot, 'packages/cli/src/main.ts'),
      'serve',
    ],
    {
      cwd: serverRoot,
      env: { ...process.env, ...world.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', process.env['BENCH_DEBUG'] ? 'inherit' : 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
    if (stderr.length > 100_000) stderr = stderr.slice(-50_000)
    if (process.env['BENCH_DEBUG']) process.stderr.write(d)
  })
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code)
    }),
  )
  const url = `http://127.0.0.1:${port}`
  const until = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr.slice(-2000)}`)
    try {
      if ((await fetch(`${url}/readyz`)).ok) break
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error('server did not start')
    await new Promise((r) => setTimeout(r, 250))
  }
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: world.username, password: world.password }),
  })
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  if (!res.ok || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  return {
    url,
    cookie,
    child,
    cpuMs: () => processCpuMs(child.pid),
    async stop(signal = 'SIGTERM') {
      child.kill(signal)
      return exited
    },
  }
}

/**
 * CPU used so far by the PostgreSQL backends serving the world's database (/proc; NaN for PGlite,
 * which runs inside the server process and is counted with it).
 */
export async function databaseCpuMs(world: World): Promise<number> {
  const url = world.env['DATABASE_URL']
  if (world.kind !== 'postgres' || !url) return Number.NaN
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  try {
    const r = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [new URL(url).pathname.slice(1)],
    )
    return r.rows.reduce((sum, row) => sum + processCpuMs(row.pid), 0)
  } finally {
    await admin.end()
  }
}

/** Percentile of a sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
