import { sql } from 'kysely'
import { ROLES, type Role } from '@lianfang/core'
import type { Services } from '../app.js'
import { nationalRegions } from '../modules/regions/index.js'
import { loadSyntheticCity } from '../sim/load-synthetic-city.js'
import { verifyPassword } from '../auth/passwords.js'

export const DEMO_PASSWORD = 'Lianfang-demo-2026'
export const DEMO_CITY = '420100' // Wuhan

/** Display names of the demo's staff accounts (the citizen's is their person's name). */
const STAFF_NAMES: Record<Exclude<Role, 'citizen'>, string> = {
  admin: '赵立新',
  commander: '钱志强',
  epidemiologist: '孙丽华',
  community_worker: '李秀英',
  checkpoint: '周海涛',
  tester: '吴静',
  lab: '郑伟',
  quarantine_staff: '王芳',
  port_officer: '冯军',
  enterprise_admin: '陈明',
}

export interface DemoAccount {
  readonly username: string
  readonly role: Role
  readonly regionCode: string
  readonly regionName: string
}

/** True when the node has no users yet (a fresh database). */
export async function isEmpty(services: Services): Promise<boolean> {
  return (await services.auth.userCount()) === 0
}

/**
 * The demo region of `npm start`: the real regions of China, a synthetic population of
 * Wuhan from the same generator the benchmarks use, and one account per role.
 */
export async function seedDemo(
  services: Services,
  options: { people: number; days: number; seed?: number; log?: (msg: string) => void },
): Promise<DemoAccount[]> {
  const log = options.log ?? (() => undefined)
  await services.regionsRepo.insertMissing(nationalRegions())
  log(
    `loading a synthetic population of ${options.people} persons over ${options.days} days in ${DEMO_CITY} …`,
  )
  const loaded = await loadSyntheticCity(services.database, services.cipher, {
    seed: options.seed ?? 2020,
    people: options.people,
    days: options.days,
    cityCode: DEMO_CITY,
  })
  log(
    `loaded ${loaded.persons} persons, ${loaded.households} households, ${loaded.venues} venues, ${loaded.checkins} check-ins`,
  )

  // Two communities with residents, in one district, and a citizen living in the first.
  const communities = await sql<{ region_code: string; n: string }>`
    select region_code, count(*)::text as n from persons
     where region_code like ${`${DEMO_CITY.slice(0, 4)}%`} and length(region_code) = 12
     group by region_code order by count(*) desc, region_code limit 2`.execute(services.database.db)
  const [a, b] = communities.rows
  if (!a || !b) throw new Error('the demo population has fewer than two communities')
  const district = a.region_code.slice(0, 6)
  const citizen = await services.database.db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('region_code', '=', a.region_code)
    .where('phone', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow()

  const regionOf: Record<Role, string> = {
    admin: DEMO_CITY,
    commander: DEMO_CITY,
    epidemiologist: district,
    community_worker: a.region_code,
    checkpoint: a.region_code,
    tester: district,
    lab: DEMO_CITY,
    quarantine_staff: district,
    port_officer: DEMO_CITY,
    enterprise_admin: district,
    citizen: a.region_code,
  }
  // The console shows people by name (#16): staff get Chinese names, the citizen is their person.
  const displayName: Record<Role, string> = { ...STAFF_NAMES, citizen: citizen.name }
  const accounts: {
    username: string
    displayName: string
    role: Role
    regionCode: string
    personId?: string
  }[] = ROLES.map((role) => ({
    username: role,
    displayName: displayName[role],
    role,
    regionCode: regionOf[role],
    ...(role === 'citizen' ? { personId: citizen.id } : {}),
  }))
  accounts.push({
    username: 'community_worker2',
    displayName: '褚晓燕',
    role: 'community_worker',
    regionCode: b.region_code,
  })
  for (const acc of accounts) {
    await services.auth.createUser(null, {
      username: acc.username,
      displayName: acc.displayName,
      password: DEMO_PASSWORD,
      role: acc.role,
      regionCode: acc.regionCode,
      ...(acc.personId ? { personId: acc.personId } : {}),
    })
  }
  await services.database.db
    .insertInto('node_settings')
    .values({
      key: 'demo_seed',
      value: JSON.stringify({ people: options.people, days: options.days, at: new Date().toISOString() }),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const names = await services.regionsRepo.names(accounts.map((x) => x.regionCode))
  return accounts.map((x) => ({
    username: x.username,
    role: x.role,
    regionCode: x.regionCode,
    regionName: names.get(x.regionCode) ?? '',
  }))
}

/**
 * The accounts that still sign in with the published demo password (checked against each
 * stored hash, so an account created later, or one whose password was changed, is never
 * claimed to have it). For the banner of a restarted demo node.
 */
export async function accountsOnDemoPassword(services: Services): Promise<DemoAccount[]> {
  const rows = await services.database.db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['u.username', 'u.role', 'u.region_code', 'u.password_hash', 'r.name'])
    .where('u.disabled', '=', false)
    .orderBy('u.username')
    .limit(200)
    .execute()
  const out: DemoAccount[] = []
  for (const r of rows) {
    if (await verifyPassword(r.password_hash, DEMO_PASSWORD)) {
      out.push({ username: r.username, role: r.role, regionCode: r.region_code, regionName: r.name })
    }
  }
  return out
}
