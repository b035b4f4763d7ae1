import { parseArgs } from 'node:util'
import { isRole } from '@lianfang/core'
import {
  accountsOnDemoPassword,
  createServices,
  DEMO_PASSWORD,
  isEmpty,
  loadConfig,
  openConfiguredDatabase,
  seedDemo,
  startServer,
  type DemoAccount,
} from '@lianfang/server'

const log = (msg: string) => process.stderr.write(`${msg}\n`)

function printAccounts(accounts: readonly DemoAccount[]): void {
  const rows = accounts.map(
    (a) => `  ${a.username.padEnd(18)} ${a.role.padEnd(17)} ${a.regionCode.padEnd(13)} ${a.regionName}`,
  )
  process.stdout.write(
    `\nDemo accounts (password for all: ${DEMO_PASSWORD})\n  ${'username'.padEnd(18)} ${'role'.padEnd(17)} ${'region'.padEnd(13)}\n${rows.join('\n')}\n\n`,
  )
}

async function serve(seed: boolean): Promise<void> {
  const loaded = loadConfig()
  // The demo (`start`) has published passwords: it listens on loopback unless HOST says otherwise.
  const demoLoopback = seed && !loaded.hostExplicit
  const config = demoLoopback ? { ...loaded, host: '127.0.0.1' } : loaded
  const database = await openConfiguredDatabase(config, log)
  const services = createServices(config, database)
  let accounts: DemoAccount[] | undefined
  if (seed && config.demoSeed && (await isEmpty(services))) {
    accounts = await seedDemo(services, { people: config.demoPeople, days: config.demoDays, log })
  } else if (seed) {
    // Only the accounts whose stored hash still matches the demo password.
    accounts = await accountsOnDemoPassword(services)
  }
  const server = await startServer(config, services)
  const url = `http://localhost:${config.port}`
  if (accounts && accounts.length > 0) printAccounts(accounts)
  process.stdout.write(`Lianfang is running at ${url} (API docs: ${url}/api/docs)\n`)
  if (demoLoopback) {
    process.stdout.write(
      `Listening on 127.0.0.1 only: the demo accounts' password is published. Set HOST=0.0.0.0 to accept other machines (change the passwords first).\n`,
    )
  } else {
    process.stdout.write(`Listening on ${config.host}:${String(config.port)}\n`)
  }
  server.app.log.debug({ url: server.url }, 'listening')
}

export const startCommand = () => serve(true)
export const serveCommand = () => serve(false)

export async function migrateCommand(): Promise<void> {
  const config = loadConfig()
  const database = await openConfiguredDatabase(config, log)
  await database.close()
}

export async function auditVerifyCommand(): Promise<void> {
  const config = loadConfig()
  const database = await openConfiguredDatabase(config, log)
  const result = await createServices(config, database).audit.verify()
  await database.close()
  process.stdout.write(`${JSON.stringify(result)}\n`)
  if (!result.ok) process.exitCode = 3
}

export async function createUserCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      name: { type: 'string' },
      person: { type: 'string' },
    },
  })
  const { username, role, region } = values
  if (!username || !role || !region) throw new Error('--username, --role and --region are required')
  if (!isRole(role)) throw new Error(`unknown role ${role}`)
  const password = process.env['LIANFANG_PASSWORD'] ?? (await readStdin()).trim()
  if (password.length < 10)
    throw new Error('password must be at least 10 characters (LIANFANG_PASSWORD or stdin)')
  const config = loadConfig()
  const database = await openConfiguredDatabase(config, log)
  try {
    const services = createServices(config, database)
    const { nationalRegions } = await import('@lianfang/server')
    await services.regionsRepo.insertMissing(nationalRegions())
    const user = await services.auth.createUser(null, {
      username,
      displayName: values.name ?? username,
      password,
      role,
      regionCode: region,
      // A citizen account names its person (one account per person).
      ...(values.person ? { personId: values.person } : {}),
    })
    process.stdout.write(`${JSON.stringify(user)}\n`)
  } finally {
    await database.close()
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
