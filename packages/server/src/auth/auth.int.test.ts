import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Me } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.js'
import { buildApp } from '../app.js'

describe.each(TEST_DATABASES)('authentication on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_MAX_FAILURES: '3' })
  })
  afterAll(async () => t.close())

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })

  it('signs in with an HttpOnly cookie, tells who I am, signs out', async () => {
    const r = await t.makeRegions()
    await t.services.auth.createUser(null, {
      username: 'alice_epi',
      displayName: 'Alice',
      password: TEST_PASSWORD,
      role: 'epidemiologist',
      regionCode: r.district,
    })
    const res = await login('alice_epi', TEST_PASSWORD)
    expect(res.statusCode).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'lf_session')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Strict')
    const header = `lf_session=${cookie?.value ?? ''}`
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: header } })
    expect(me.json<Me>()).toMatchObject({
      username: 'alice_epi',
      role: 'epidemiologist',
      regionCode: r.district,
    })
    expect(me.json<Me>().permissions).toContain('person:unmask')
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: header } }))
        .statusCode,
    ).toBe(200)
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: header } })).statusCode).toBe(401)
    const hash = await t.services.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'alice_epi')
      .executeTakeFirstOrThrow()
    expect(hash.password_hash).toMatch(/^\$argon2id\$/)
  })

  it('wrong passwords and unknown users get the same 401; repeated failures make that address wait', async () => {
    const r = await t.makeRegions()
    await t.services.auth.createUser(null, {
      username: 'bob_cw',
      displayName: 'Bob',
      password: TEST_PASSWORD,
      role: 'community_worker',
      regionCode: r.communities[0],
    })
    const unknown = await login('nobody_here', 'whatever-password')
    expect(unknown.statusCode).toBe(401)
    for (let i = 0; i < 3; i++) {
      const res = await login('bob_cw', 'wrong-password')
      expect(res.statusCode).toBe(401)
      expect(res.json<{ error: { code: string } }>().error.code).toBe('LOGIN_FAILED')
    }
    // No 423 any more: this address backs off (even with the right password), nobody is locked.
    const waiting = await login('bob_cw', TEST_PASSWORD)
    expect(waiting.statusCode).toBe(429)
    expect(waiting.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED')
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('forged or garbage session cookies are ignored', async () => {
    for (const cookie of ['lf_session=garbage', 'lf_session=eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0.', '']) {
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401)
    }
  })

  it('login is rate-limited per client address', async () => {
    const app = await buildApp(t.config, t.services, { logger: false, loginRateLimit: 3 })
    try {
      const codes: number[] = []
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'x_y_z', password: 'p' },
            })
          ).statusCode,
        )
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401])
      expect(codes[4]).toBe(429)
    } finally {
      await app.close()
    }
  })

  it('every /api route declares its access; one without fails at start-up', async () => {
    const app = await buildApp(t.config, t.services, { logger: false })
    expect(() => app.get('/api/unguarded', () => 'x')).toThrow(/declares no config.access/)
    await app.close()
  })
})
