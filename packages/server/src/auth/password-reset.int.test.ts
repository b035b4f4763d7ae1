import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@lianfang/core'
import type { PasswordReset } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, TEST_PASSWORD, type TestApp, type TestRegions } from '../testing/test-app.js'

interface Account {
  readonly id: string
  readonly username: string
  readonly cookie: string
}
type Res = Awaited<ReturnType<TestApp['app']['inject']>>

const codeOf = (res: Res) => [res.statusCode, res.json<{ error: { code: string } }>().error.code]

/** Issue #16: an admin resets a forgotten password — POST /api/users/:id/password-reset. */
describe.each(TEST_DATABASES)('password reset by an admin on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let admin: Account
  let otherAdmin: Account
  let seq = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_MAX_FAILURES: '3' })
    r = await t.makeRegions()
    other = await t.makeRegions()
    admin = await account('admin', r.district)
    otherAdmin = await account('admin', other.district)
  })
  afterAll(async () => t.close())

  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } })
  const reset = (id: string, cookie: string) =>
    t.app.inject({ method: 'POST', url: `/api/users/${id}/password-reset`, headers: { cookie } })
  const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } })
  const audits = (action: string, targetId: string) =>
    t.services.database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_role', 'details'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute()

  async function account(role: Role, regionCode: string): Promise<Account> {
    const username = `reset_${process.pid}_${++seq}_${role}`
    const created = await t.services.auth.createUser(null, {
      username,
      displayName: username,
      password: TEST_PASSWORD,
      role,
      regionCode,
    })
    const res = await login(username, TEST_PASSWORD)
    const cookie = res.cookies.find((c) => c.name === 'lf_session')
    if (!cookie) throw new Error(`login failed: ${res.body}`)
    return { id: created.id, username, cookie: `lf_session=${cookie.value}` }
  }

  it('answers a temporary password once; the old one stops working, the new one works', async () => {
    const user = await account('community_worker', r.communities[0])
    const res = await reset(user.id, admin.cookie)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<PasswordReset>()
    expect(body.user).toMatchObject({ id: user.id, regionCode: r.communities[0], disabled: false })
    expect(body.user.regionName).toBe(`社区${r.communities[0]}`)
    expect(body.temporaryPassword).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{2}$/)
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(401)
    expect((await login(user.username, body.temporaryPassword)).statusCode).toBe(200)
    // Never stored in clear: the hash is argon2id, and a second reset gives another password.
    const row = await t.services.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    const again = (await reset(user.id, admin.cookie)).json<PasswordReset>()
    expect(again.temporaryPassword).not.toBe(body.temporaryPassword)
  })

  it('ends the user’s sessions at once and is audited without the password', async () => {
    const user = await account('lab', r.district)
    expect((await me(user.cookie)).statusCode).toBe(200)
    const res = await reset(user.id, admin.cookie)
    expect(res.json<PasswordReset>().sessionsEnded).toBe(1)
    expect((await me(user.cookie)).statusCode).toBe(401)
    expect(await audits('user.password_reset', user.id)).toEqual([
      expect.objectContaining({ actor_user_id: admin.id, actor_role: 'admin' }),
    ])
    expect(await audits('auth.sessions_revoked', user.id)).toEqual([
      expect.objectContaining({ details: { sessions: 1, why: 'password reset' } }),
    ])
    const logged = JSON.stringify(await t.services.database.db.selectFrom('audit_log').selectAll().execute())
    expect(logged).not.toContain(res.json<PasswordReset>().temporaryPassword)
  })

  it('ends the back-off of failed sign-ins, so the user can sign in with the new password at once', async () => {
    const user = await account('tester', r.communities[1])
    for (let i = 0; i < 3; i++) await login(user.username, 'wrong-password', '10.66.0.1')
    expect((await login(user.username, TEST_PASSWORD, '10.66.0.1')).statusCode).toBe(429)
    const { temporaryPassword, user: summary } = (await reset(user.id, admin.cookie)).json<PasswordReset>()
    expect(summary.lockedUntil).toBeNull()
    expect((await login(user.username, temporaryPassword, '10.66.0.1')).statusCode).toBe(200)
  })

  it('another region’s admin is refused (403) and changes nothing; so is a user without user:manage', async () => {
    const user = await account('checkpoint', r.communities[0])
    expect(codeOf(await reset(user.id, otherAdmin.cookie))).toEqual([403, 'OUT_OF_SCOPE'])
    // A district admin may not reset the city's admin above it.
    const city = await account('admin', '420100')
    expect(codeOf(await reset(city.id, admin.cookie))).toEqual([403, 'OUT_OF_SCOPE'])
    const worker = await account('community_worker', r.district)
    expect(codeOf(await reset(user.id, worker.cookie))).toEqual([403, 'FORBIDDEN'])
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200)
    expect((await me(user.cookie)).statusCode).toBe(200)
    expect(await audits('user.password_reset', user.id)).toEqual([])
    // The city admin may reset the district's users.
    expect((await reset(user.id, city.cookie)).statusCode).toBe(200)
  })

  it('refuses the admin’s own account, an unknown id and a malformed one, with no 500', async () => {
    expect(codeOf(await reset(admin.id, admin.cookie))).toEqual([403, 'FORBIDDEN'])
    expect((await me(admin.cookie)).statusCode).toBe(200)
    expect(codeOf(await reset('999999999999', admin.cookie))).toEqual([404, 'NOT_FOUND'])
    for (const id of ['abc', '0', '-1', '1'.repeat(30)]) {
      expect(codeOf(await reset(id, admin.cookie)), id).toEqual([400, 'VALIDATION_FAILED'])
    }
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/users/${admin.id}/password-reset` })
    expect(anonymous.statusCode).toBe(401)
  })
})
