import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Me, PasswordReset, UserSummary } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, TEST_PASSWORD, type TestApp, type TestRegions } from '../testing/test-app.js'

type Res = Awaited<ReturnType<TestApp['app']['inject']>>
const codeOf = (res: Res) => [res.statusCode, res.json<{ error: { code: string } }>().error.code]
const FRESH = 'my-own-password-2026'

/**
 * Issue #16: a password an admin chose (a reset's temporary one, or the initial password of an
 * account an admin created) must be changed before anything else; me, logout and the change stay open.
 */
describe.each(TEST_DATABASES)('forced password change on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let adminCookie: string
  let seq = 0
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    adminCookie = await t.login('admin', r.district)
  })
  afterAll(async () => t.close())

  const inject = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
  async function signIn(username: string, password: string): Promise<{ cookie: string; me: Me }> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    })
    const cookie = res.cookies.find((c) => c.name === 'lf_session')
    if (!cookie) throw new Error(`login failed: ${res.body}`)
    return { cookie: `lf_session=${cookie.value}`, me: res.json<Me>() }
  }
  const mustChange = async (id: string) =>
    (
      await t.services.database.db
        .selectFrom('users')
        .select('must_change_password')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).must_change_password

  it('after a reset: every other call is 403 PASSWORD_CHANGE_REQUIRED until the user changes it', async () => {
    const username = `forced_${process.pid}_${++seq}`
    const created = await t.services.auth.createUser(null, {
      username,
      displayName: username,
      password: TEST_PASSWORD,
      role: 'epidemiologist',
      regionCode: r.district,
    })
    // Created by the seed or the CLI (no admin): nothing to change.
    expect(await mustChange(created.id)).toBe(false)
    const before = await signIn(username, TEST_PASSWORD)
    expect(before.me.mustChangePassword).toBe(false)
    expect((await inject('GET', '/api/cases', before.cookie)).statusCode).toBe(200)

    const reset = await inject('POST', `/api/users/${created.id}/password-reset`, adminCookie)
    const { temporaryPassword } = reset.json<PasswordReset>()
    expect(await mustChange(created.id)).toBe(true)
    const { cookie, me } = await signIn(username, temporaryPassword)
    expect(me.mustChangePassword).toBe(true)

    for (const [method, url] of [
      ['GET', '/api/cases'],
      ['GET', '/api/persons?q=x'],
      ['GET', '/api/key-groups'],
      ['POST', '/api/cases'],
    ] as const) {
      expect(codeOf(await inject(method, url, cookie, method === 'POST' ? {} : undefined)), url).toEqual([
        403,
        'PASSWORD_CHANGE_REQUIRED',
      ])
    }
    const meRes = await inject('GET', '/api/auth/me', cookie)
    expect(meRes.statusCode).toBe(200)
    expect(meRes.json<Me>().mustChangePassword).toBe(true)

    // A wrong current password changes nothing; the right one lifts the refusal at once.
    const wrong = await inject('POST', '/api/auth/password', cookie, {
      currentPassword: 'not-the-temporary',
      newPassword: FRESH,
    })
    expect(codeOf(wrong)).toEqual([400, 'VALIDATION_FAILED'])
    expect(await mustChange(created.id)).toBe(true)
    const changed = await inject('POST', '/api/auth/password', cookie, {
      currentPassword: temporaryPassword,
      newPassword: FRESH,
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(await mustChange(created.id)).toBe(false)
    expect((await inject('GET', '/api/auth/me', cookie)).json<Me>().mustChangePassword).toBe(false)
    expect((await inject('GET', '/api/cases', cookie)).statusCode).toBe(200)
  })

  it('an account an admin creates with an initial password must change it; logout stays open', async () => {
    const username = `initial_${process.pid}_${++seq}`
    const res = await inject('POST', '/api/users', adminCookie, {
      username,
      displayName: '新同事',
      password: TEST_PASSWORD,
      role: 'community_worker',
      regionCode: r.communities[0],
    })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json<UserSummary>().id
    expect(await mustChange(id)).toBe(true)
    const { cookie, me } = await signIn(username, TEST_PASSWORD)
    expect(me.mustChangePassword).toBe(true)
    expect(codeOf(await inject('GET', '/api/persons?q=x', cookie))).toEqual([403, 'PASSWORD_CHANGE_REQUIRED'])
    expect((await inject('POST', '/api/auth/logout', cookie)).statusCode).toBe(200)
    expect((await inject('GET', '/api/auth/me', cookie)).statusCode).toBe(401)
  })
})
