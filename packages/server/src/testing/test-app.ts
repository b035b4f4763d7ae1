import { randomInt } from 'node:crypto'
import { tmpdir } from 'node:os'
import type { FastifyInstance } from 'fastify'
import { makeResidentId, type Role } from '@lianfang/core'
import type { DatabaseKind } from '../db/database.js'
import { loadConfig, type Config } from '../config/config.js'
import { buildApp, createServices, type Services } from '../app.js'
import { openTestDatabase, type TestDatabase } from './test-database.js'

export const TEST_PASSWORD = 'test-password-123'

export interface TestApp {
  readonly app: FastifyInstance
  readonly services: Services
  readonly config: Config
  /** A fresh district with two streets of two communities each, unique to the caller. */
  makeRegions(): Promise<TestRegions>
  /** Creates a user and returns its session cookie header value. */
  login(role: Role, regionCode: string, opts?: { personId?: string }): Promise<string>
  createPerson(
    regionCode: string,
    overrides?: Partial<{ name: string; phone: string; householdId: string }>,
  ): Promise<{
    id: string
    idNumber: string
  }>
  close(): Promise<void>
}

export interface TestRegions {
  readonly district: string
  readonly streets: readonly [string, string]
  /** [street0/community0, street0/community1, street1/community0, street1/community1] */
  readonly communities: readonly [string, string, string, string]
}

let userCounter = 0

/**
 * The real app (`app.inject()`) on a freshly migrated database of the given kind, with the
 * national regions loaded. Tests isolate their data by making their own regions.
 */
export async function createTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  /** Registers more routes before the app is ready (a feature's test, before app.ts lists it). */
  extend?: (app: FastifyInstance, services: Services) => Promise<void>,
): Promise<TestApp> {
  const testDb: TestDatabase = await openTestDatabase(kind)
  const config = loadConfig({
    LIANFANG_SECRET: 'a'.repeat(64),
    LIANFANG_DATA_DIR: tmpdir(),
    LOG_LEVEL: 'silent',
    LIANFANG_WEB_DIR: '/nonexistent',
    ...env,
  })
  const services = createServices(config, testDb.database)
  const app = await buildApp(config, services, {
    logger: false,
    loginRateLimit: 10_000,
    otpRateLimit: 10_000,
  })
  if (extend) await extend(app, services)
  await app.ready()
  // A minimal real hierarchy: Hubei / Wuhan / districts.
  await services.regionsRepo.insertMissing([
    { code: '420000', parentCode: null, level: 'province', name: '湖北省' },
    { code: '420100', parentCode: '420000', level: 'city', name: '武汉市' },
  ])
  const usedDistricts = new Set<string>()
  let adminSession: Promise<string> | undefined
  let personSequence = 0

  const testApp: TestApp = {
    app,
    services,
    config,
    async makeRegions() {
      let district: string
      do district = `4201${String(randomInt(10, 99))}`
      while (usedDistricts.has(district))
      usedDistricts.add(district)
      const streets = [`${district}001`, `${district}002`] as const
      const communities = [
        `${streets[0]}001`,
        `${streets[0]}002`,
        `${streets[1]}001`,
        `${streets[1]}002`,
      ] as const
      await services.regionsRepo.insertMissing([
        { code: district, parentCode: '420100', level: 'district', name: `测试区${district}` },
        ...streets.map((s) => ({
          code: s,
          parentCode: district,
          level: 'street' as const,
          name: `街道${s}`,
        })),
        ...communities.map((c) => ({
          code: c,
          parentCode: c.slice(0, 9),
          level: 'community' as const,
          name: `社区${c}`,
        })),
      ])
      return { district, streets, communities }
    },
    async login(role, regionCode, opts = {}) {
      const username = `u${process.pid}_${++userCounter}_${role}`.toLowerCase().slice(0, 64)
      // A citizen account always names its person: one of its own unless the test gives one.
      const personId =
        opts.personId ?? (role === 'citizen' ? (await testApp.createPerson(regionCode)).id : undefined)
      await services.auth.createUser(null, {
        username,
        displayName: username,
        password: TEST_PASSWORD,
        role,
        regionCode,
        ...(personId ? { personId } : {}),
      })
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      })
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`)
      const cookie = res.cookies.find((c) => c.name === 'lf_session')
      if (!cookie) throw new Error('no session cookie')
      return `lf_session=${cookie.value}`
    },
    async createPerson(regionCode, overrides = {}) {
      // A random birth date, and a sequence number that no other person of this app has (before
      // the 1,000th): two random sequences once collided (PERSON_EXISTS) and failed a test.
      const idNumber = makeResidentId(
        '420106',
        `19${randomInt(50, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`,
        personSequence++ % 1000,
      )
      const admin = await adminCookie()
      const res = await app.inject({
        method: 'POST',
        url: '/api/persons',
        headers: { cookie: admin },
        payload: {
          name: overrides.name ?? `测试${randomInt(1000, 9999)}`,
          idType: 'resident',
          idNumber,
          regionCode,
          phone: overrides.phone ?? `139${String(randomInt(0, 99999999)).padStart(8, '0')}`,
          ...(overrides.householdId ? { householdId: overrides.householdId } : {}),
        },
      })
      if (res.statusCode !== 201) throw new Error(`create person failed: ${res.body}`)
      return { id: res.json<{ id: string }>().id, idNumber }
    },
    async close() {
      await app.close()
      await testDb.dispose()
    },
  }
  return testApp

  async function adminCookie(): Promise<string> {
    adminSession ??= (async () => {
      const username = `admin_${process.pid}_${++userCounter}`
      await services.auth.createUser(null, {
        username,
        displayName: 'test admin',
        password: TEST_PASSWORD,
        role: 'admin',
        regionCode: '420100',
      })
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      })
      const cookie = res.cookies.find((c) => c.name === 'lf_session')
      if (!cookie) throw new Error(`admin login failed: ${res.body}`)
      return `lf_session=${cookie.value}`
    })()
    return adminSession
  }
}
