import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@lianfang/core'
import type { UserSummary } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, TEST_PASSWORD, type TestApp, type TestRegions } from '../testing/test-app.js'
import { buildApp } from '../app.js'

interface Account {
  readonly id: string
  readonly username: string
  readonly cookie: string
}
type Res = Awaited<ReturnType<TestApp['app']['inject']>>

const errorOf = (res: Res) => res.json<{ error: { code: string; message: string } }>().error

/** Issue #14, accounts and sign-in: each finding, attacked as it was found. */
describe.each(TEST_DATABASES)('accounts and sign-in security on %s', (kind) => {
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

  const login = (username: string, password: string, remoteAddress = '127.0.0.1', headers = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers,
      payload: { username, password },
    })
  const post = (url: string, cookie: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } })
  const audits = (action: string, targetId: string) =>
    t.services.database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_role', 'details'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute()

  async function account(
    role: Role,
    regionCode: string,
    opts: { personId?: string; username?: string } = {},
  ): Promise<Account> {
    const username = opts.username ?? `acct_${process.pid}_${++seq}_${role}`
    const created = await t.services.auth.createUser(null, {
      username,
      displayName: username,
      password: TEST_PASSWORD,
      role,
      regionCode,
      ...(opts.personId ? { personId: opts.personId } : {}),
    })
    const res = await login(username, TEST_PASSWORD)
    const cookie = res.cookies.find((c) => c.name === 'lf_session')
    if (!cookie) throw new Error(`login failed: ${res.body}`)
    return { id: created.id, username, cookie: `lf_session=${cookie.value}` }
  }

  const createUser = (cookie: string, body: Record<string, unknown>) =>
    post('/api/users', cookie, { displayName: 'x', password: TEST_PASSWORD, ...body })

  describe('POST /api/users binds only persons in scope, one account each', () => {
    it('refuses a person of another region as if it did not exist (the cross-region takeover)', async () => {
      const victim = await t.createPerson(r.communities[0])
      const foreign = await createUser(otherAdmin.cookie, {
        username: `takeover_${++seq}`,
        role: 'citizen',
        regionCode: other.communities[0],
        personId: victim.id,
      })
      expect(foreign.statusCode, foreign.body).toBe(404)
      expect(errorOf(foreign).code).toBe('PERSON_NOT_FOUND')
      const missing = await createUser(otherAdmin.cookie, {
        username: `takeover_${++seq}`,
        role: 'citizen',
        regionCode: other.communities[0],
        personId: '999999999999',
      })
      // Not found and out of scope read alike (only the id differs).
      expect(errorOf(missing).message.replace('999999999999', victim.id)).toBe(errorOf(foreign).message)
      // A staff account may not be bound to someone of another region either.
      const staff = await createUser(otherAdmin.cookie, {
        username: `takeover_${++seq}`,
        role: 'community_worker',
        regionCode: other.communities[0],
        personId: victim.id,
      })
      expect([staff.statusCode, errorOf(staff).code]).toEqual([404, 'PERSON_NOT_FOUND'])
      const bound = await t.services.database.db
        .selectFrom('users')
        .select('id')
        .where('person_id', '=', victim.id)
        .execute()
      expect(bound).toEqual([])
    })

    it('a person has at most one account; a citizen names its person and lives in its region', async () => {
      const p = await t.createPerson(r.communities[1])
      const first = await createUser(admin.cookie, {
        username: `first_${++seq}`,
        role: 'citizen',
        regionCode: r.communities[1],
        personId: p.id,
      })
      expect(first.statusCode, first.body).toBe(201)
      const second = await createUser(admin.cookie, {
        username: `second_${++seq}`,
        role: 'citizen',
        regionCode: r.communities[1],
        personId: p.id,
      })
      expect(second.statusCode).toBe(409)
      expect(errorOf(second)).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/already has an account/),
      })
      // The database holds the line too (two requests racing past the check).
      await expect(
        t.services.database.db
          .insertInto('users')
          .values({
            username: `raced_${++seq}`,
            display_name: 'x',
            password_hash: 'x',
            role: 'citizen',
            region_code: r.communities[1],
            person_id: p.id,
          })
          .execute(),
      ).rejects.toMatchObject({ code: '23505' })

      const q = await t.createPerson(r.communities[2])
      const nameless = await createUser(admin.cookie, {
        username: `nameless_${++seq}`,
        role: 'citizen',
        regionCode: r.communities[2],
      })
      expect([nameless.statusCode, errorOf(nameless).code]).toEqual([400, 'VALIDATION_FAILED'])
      const elsewhere = await createUser(admin.cookie, {
        username: `elsewhere_${++seq}`,
        role: 'citizen',
        regionCode: r.communities[3],
        personId: q.id,
      })
      expect([elsewhere.statusCode, errorOf(elsewhere).code]).toEqual([400, 'VALIDATION_FAILED'])
      expect(errorOf(elsewhere).message).toContain(r.communities[2])
    })
  })

  describe('sign-in limits', () => {
    it('a changing X-Forwarded-For is not believed by default (no TRUST_PROXY)', async () => {
      expect(t.config.trustProxy).toEqual([])
      const app = await buildApp(t.config, t.services, { logger: false, loginRateLimit: 3 })
      try {
        const codes: number[] = []
        for (let i = 0; i < 5; i++) {
          const res = await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '10.9.9.9',
            headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
            payload: { username: `xff_nobody_${seq}`, password: 'wrong-password' },
          })
          codes.push(res.statusCode)
        }
        expect(codes).toEqual([401, 401, 401, 429, 429])
      } finally {
        await app.close()
      }
      // And the address recorded is the socket's, not the header's.
      const user = await account('tester', r.district)
      await login(user.username, 'wrong-password', '10.9.9.8', { 'x-forwarded-for': '198.51.100.7' })
      const failed = await audits('auth.login_failed', user.id)
      expect(failed.map((a) => a.details)).toEqual([{ ip: '10.9.9.8' }])
    })

    it("failures from one address do not stop the real user's sign-in from another", async () => {
      const victim = await account('admin', r.district)
      const attacker = '10.66.0.1'
      const seen: number[] = []
      for (let i = 0; i < 6; i++)
        seen.push((await login(victim.username, 'guess-' + String(i), attacker)).statusCode)
      expect(seen.slice(0, 3)).toEqual([401, 401, 401])
      expect(seen.slice(3)).toEqual([429, 429, 429])
      // Throttled: even the right password from the attacker's address is not tried.
      const right = await login(victim.username, TEST_PASSWORD, attacker)
      expect(right.statusCode).toBe(429)
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
      // The real user, elsewhere, signs in as usual; the attacker still waits.
      expect((await login(victim.username, TEST_PASSWORD, '10.20.0.5')).statusCode).toBe(200)
      expect((await login(victim.username, 'guess-again', attacker)).statusCode).toBe(429)
    })

    it('the account-wide ceiling only slows addresses that failed, never locks the account', async () => {
      const victim = await account('commander', r.district)
      // 60 failures (20 × LOGIN_MAX_FAILURES), two from each of 30 addresses: the ceiling is reached.
      for (let a = 0; a < 30; a++) {
        for (let i = 0; i < 2; i++) await login(victim.username, 'spread-guess', `10.77.0.${a + 1}`)
      }
      const failing = await login(victim.username, 'spread-guess', '10.77.0.1')
      expect(failing.statusCode).toBe(429)
      expect((await login(victim.username, TEST_PASSWORD, '10.88.0.1')).statusCode).toBe(200)
    })

    it('an unknown name, a throttled one and a disabled one are answered alike', async () => {
      const known = await account('epidemiologist', r.district)
      const unknownName = `nobody_${process.pid}_${++seq}`
      const address = '10.55.0.1'
      const answers = async (username: string) => {
        const out: { status: number; body: unknown; retry: unknown }[] = []
        for (let i = 0; i < 5; i++) {
          const res = await login(username, 'wrong-password', address)
          const body = res.json<{ error: { code: string; message: string } }>()
          out.push({ status: res.statusCode, body, retry: res.headers['retry-after'] === undefined })
        }
        return out
      }
      expect(await answers(known.username)).toEqual(await answers(unknownName))

      const disabledUser = await account('tester', r.district)
      expect((await post(`/api/users/${disabledUser.id}/disable`, admin.cookie)).statusCode).toBe(200)
      const disabled = await login(disabledUser.username, TEST_PASSWORD, '10.55.0.2')
      const unknown = await login(`nobody_${process.pid}_${++seq}`, TEST_PASSWORD, '10.55.0.2')
      expect([disabled.statusCode, disabled.json()]).toEqual([unknown.statusCode, unknown.json()])
      expect(errorOf(disabled).code).toBe('LOGIN_FAILED')
      // A name that cannot be a username is answered alike (and never stored as typed).
      const odd = await login('Not a username!', 'wrong-password', '10.55.0.3')
      expect([odd.statusCode, errorOf(odd).code]).toEqual([401, 'LOGIN_FAILED'])
      // NUL and ill-formed UTF-16 may be refused at the edge (400), whoever's name it is; never a 500.
      for (const name of ['a\u0000b', '\ud800']) {
        const res = await login(name, 'wrong-password', '10.55.0.3')
        expect([400, 401], JSON.stringify(name)).toContain(res.statusCode)
      }
    })
  })

  describe('admins unlock, disable and enable accounts in their subtree', () => {
    it('disable ends the sessions at once; enable lets the user back in; both audited', async () => {
      const user = await account('community_worker', r.communities[0])
      expect((await me(user.cookie)).statusCode).toBe(200)
      const res = await post(`/api/users/${user.id}/disable`, admin.cookie)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json<UserSummary>()).toMatchObject({ id: user.id, disabled: true })
      expect((await me(user.cookie)).statusCode).toBe(401)
      expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(401)
      const enabled = await post(`/api/users/${user.id}/enable`, admin.cookie)
      expect(enabled.json<UserSummary>().disabled).toBe(false)
      expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200)
      for (const action of ['user.disable', 'user.enable']) {
        expect(await audits(action, user.id)).toEqual([
          expect.objectContaining({ actor_user_id: admin.id, actor_role: 'admin' }),
        ])
      }
    })

    it('unlock ends the back-off of every address, and is audited', async () => {
      const user = await account('lab', r.district)
      for (let i = 0; i < 3; i++) await login(user.username, 'wrong-password', '10.44.0.1')
      expect((await login(user.username, TEST_PASSWORD, '10.44.0.1')).statusCode).toBe(429)
      const listed = (await t.app.inject({ url: '/api/users', headers: { cookie: admin.cookie } }))
        .json<UserSummary[]>()
        .find((u) => u.id === user.id)
      expect(listed?.lockedUntil).not.toBeNull()
      const res = await post(`/api/users/${user.id}/unlock`, admin.cookie)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json<UserSummary>().lockedUntil).toBeNull()
      expect((await login(user.username, TEST_PASSWORD, '10.44.0.1')).statusCode).toBe(200)
      expect(await audits('user.unlock', user.id)).toHaveLength(1)
    })

    it('out of scope reads as not found; no admin disables themselves; others may not at all', async () => {
      const user = await account('checkpoint', r.communities[0])
      for (const action of ['unlock', 'disable', 'enable']) {
        const res = await post(`/api/users/${user.id}/${action}`, otherAdmin.cookie)
        expect([res.statusCode, errorOf(res).code], action).toEqual([404, 'NOT_FOUND'])
        const worker = await account('community_worker', r.district)
        const forbidden = await post(`/api/users/${user.id}/${action}`, worker.cookie)
        expect([forbidden.statusCode, errorOf(forbidden).code]).toEqual([403, 'FORBIDDEN'])
      }
      // A city admin above the district may act on it; a district admin not on the city's.
      const city = await account('admin', '420100')
      expect((await post(`/api/users/${city.id}/disable`, admin.cookie)).statusCode).toBe(404)
      const self = await post(`/api/users/${admin.id}/disable`, admin.cookie)
      expect([self.statusCode, errorOf(self).code]).toEqual([403, 'FORBIDDEN'])
      expect((await me(admin.cookie)).statusCode).toBe(200)
      expect((await post(`/api/users/${user.id}/disable`, city.cookie)).statusCode).toBe(200)
      expect((await post('/api/users/abc/disable', admin.cookie)).statusCode).toBe(400)
    })
  })

  describe('every user changes their own password', () => {
    it('checks the current one, ends the other sessions, keeps this one, is audited', async () => {
      const user = await account('port_officer', r.district)
      const second = await login(user.username, TEST_PASSWORD)
      const otherSession = `lf_session=${second.cookies.find((c) => c.name === 'lf_session')?.value ?? ''}`
      const change = (payload: object) => post('/api/auth/password', user.cookie, payload)
      const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'a-new-password-1' })
      expect([wrong.statusCode, errorOf(wrong).code]).toEqual([400, 'VALIDATION_FAILED'])
      const short = await change({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      expect([short.statusCode, errorOf(short).code]).toEqual([400, 'VALIDATION_FAILED'])
      const same = await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
      expect(same.statusCode).toBe(400)
      const ok = await change({ currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-1' })
      expect(ok.statusCode, ok.body).toBe(200)
      expect((await me(user.cookie)).statusCode).toBe(200)
      expect((await me(otherSession)).statusCode).toBe(401)
      expect((await login(user.username, TEST_PASSWORD, '10.33.0.1')).statusCode).toBe(401)
      expect((await login(user.username, 'a-new-password-1', '10.33.0.2')).statusCode).toBe(200)
      expect(await audits('auth.password_change', user.id)).toEqual([
        expect.objectContaining({ actor_user_id: user.id }),
      ])
      expect(await audits('auth.password_change_failed', user.id)).toHaveLength(1)
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: {} })).statusCode,
      ).toBe(401)
    })
  })

  it('a logout is audited', async () => {
    const user = await account('quarantine_staff', r.district)
    expect((await post('/api/auth/logout', user.cookie)).statusCode).toBe(200)
    expect(await audits('auth.logout', user.id)).toEqual([
      expect.objectContaining({ actor_user_id: user.id, actor_role: 'quarantine_staff' }),
    ])
  })

  it('the user list masks phone-number usernames and shows only the admin subtree', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`
    const p = await t.createPerson(r.communities[0], { name: '王小明' })
    await account('citizen', r.communities[0], { personId: p.id, username: phone })
    const list = (await t.app.inject({ url: '/api/users', headers: { cookie: admin.cookie } })).json<
      UserSummary[]
    >()
    expect(list.some((u) => u.username === phone)).toBe(false)
    expect(list.map((u) => u.username)).toContain(`139****${phone.slice(-4)}`)
    expect(list.every((u) => u.regionCode.startsWith(r.district))).toBe(true)
    const otherList = (
      await t.app.inject({ url: '/api/users', headers: { cookie: otherAdmin.cookie } })
    ).json<UserSummary[]>()
    expect(otherList.map((u) => u.id)).toEqual([otherAdmin.id])
  })
})
