import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { makeResidentId } from '@lianfang/core'
import type { Appeal, HealthCodeStatus } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

let phoneSeq = 0
const newPhone = () => `139${String(Date.now() % 10_000_000).padStart(7, '0')}${++phoneSeq % 10}`.slice(0, 11)

describe.each(TEST_DATABASES)('citizen registration and appeals on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let admin: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    admin = await t.login('admin', '420100')
  })
  afterAll(async () => t.close())

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) })
  const lastCode = async (phone: string) => {
    const res = await t.app.inject({ url: '/api/admin/sms-outbox?pageSize=50', headers: { cookie: admin } })
    const msg = res.json<{ items: { phone: string; body: string }[] }>().items.find((m) => m.phone === phone)
    const code = /(\d{6})/.exec(msg?.body ?? '')?.[1]
    if (!code) throw new Error('no code in the SMS outbox')
    return code
  }
  const loginAs = async (username: string, password: string) => {
    const res = await post('/api/auth/login', { username, password })
    expect(res.statusCode, res.body).toBe(200)
    return `lf_session=${res.cookies.find((c) => c.name === 'lf_session')?.value ?? ''}`
  }

  it('links to the existing person with the same ID, name and phone — never a second person', async () => {
    const phone = newPhone()
    const existing = await t.createPerson(r.communities[0], { name: '陈静', phone: `+86${phone}` })
    expect((await post('/api/citizen/otp', { phone })).statusCode).toBe(200)
    expect((await post('/api/citizen/otp', { phone })).statusCode).toBe(429) // cool-down
    const code = await lastCode(phone)
    const wrong = await post('/api/citizen/register', {
      phone,
      code: code === '000000' ? '111111' : '000000',
      name: '陈静',
      idType: 'resident',
      idNumber: existing.idNumber,
      password: 'citizen-password-1',
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('OTP_INVALID')
    const ok = await post('/api/citizen/register', {
      phone,
      code,
      name: '陈静',
      idType: 'resident',
      idNumber: existing.idNumber,
      password: 'citizen-password-1',
    })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ personId: existing.id, linkedExisting: true, username: phone })
    const replay = await post('/api/citizen/register', {
      phone,
      code,
      name: '陈静',
      idType: 'resident',
      idNumber: existing.idNumber,
      password: 'citizen-password-1',
    })
    // the code was spent by the registration
    expect(replay.statusCode).toBe(400)
    expect(replay.json<{ error: { code: string } }>().error.code).toBe('OTP_INVALID')
    const cookie = await loginAs(phone, 'citizen-password-1')
    const me = await t.app.inject({ url: '/api/codes/me/status', headers: { cookie } })
    expect(me.json<HealthCodeStatus>()).toMatchObject({ personId: existing.id, colour: 'green' })
  })

  it('refuses an ID number from a phone not on record, and needs a community for a new person', async () => {
    const existing = await t.createPerson(r.communities[1], { name: '王芳' })
    const phone = newPhone()
    await post('/api/citizen/otp', { phone })
    const code = await lastCode(phone)
    const hijack = await post('/api/citizen/register', {
      phone,
      code,
      name: '李雷',
      idType: 'resident',
      idNumber: existing.idNumber,
      password: 'citizen-password-1',
    })
    expect(hijack.statusCode).toBe(409)
    expect(hijack.json<{ error: { code: string } }>().error.code).toBe('IDENTITY_NOT_VERIFIED')
    const fresh = makeResidentId('420106', '1992-05-17', 222)
    const phone2 = newPhone()
    await post('/api/citizen/otp', { phone: phone2 })
    const code2 = await lastCode(phone2)
    const noRegion = await post('/api/citizen/register', {
      phone: phone2,
      code: code2,
      name: '新人',
      idType: 'resident',
      idNumber: fresh,
      password: 'citizen-password-1',
    })
    // the same answer as for a record with another phone: it does not tell whether the ID is registered
    expect(noRegion.statusCode).toBe(409)
    expect(noRegion.json()).toEqual(hijack.json())
    expect(noRegion.json<{ error: { message: string } }>().error.message).toMatch(/community/)
    const before = await sql<{ n: string }>`select count(*)::text as n from persons`.execute(
      t.services.database.db,
    )
    // the refusal cost one attempt, not the code
    const ok = await post('/api/citizen/register', {
      phone: phone2,
      code: code2,
      name: '新人',
      idType: 'resident',
      idNumber: fresh,
      regionCode: r.communities[1],
      password: 'citizen-password-1',
    })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ linkedExisting: false })
    const after = await sql<{ n: string }>`select count(*)::text as n from persons`.execute(
      t.services.database.db,
    )
    expect(Number(after.rows[0]?.n)).toBe(Number(before.rows[0]?.n) + 1)
  })

  it('appeal: a citizen contests, the reviewer voids the wrong fact, the colour is green again, all audited', async () => {
    const p = await t.createPerson(r.communities[2], { name: '刘洋' })
    const citizen = await t.login('citizen', r.communities[2], { personId: p.id })
    expect(
      (await post('/api/appeals', { statement: 'my code is green, why appeal?' }, citizen)).statusCode,
    ).toBe(409)
    await post('/api/declarations/health', { temperatureC: 39, symptoms: [] }, citizen)
    const filed = await post('/api/appeals', { statement: 'I typed 39 by mistake; it was 36.9' }, citizen)
    expect(filed.statusCode, filed.body).toBe(201)
    const appeal = filed.json<Appeal>()
    expect(appeal).toMatchObject({ status: 'open', colour: 'yellow' })
    expect((await post('/api/appeals', { statement: 'second appeal at once' }, citizen)).statusCode).toBe(409)

    const other = await t.makeRegions()
    const outsider = await t.login('epidemiologist', other.district)
    expect(
      (await t.app.inject({ url: `/api/appeals/${appeal.id}`, headers: { cookie: outsider } })).statusCode,
    ).toBe(403)
    const queueOther = await t.app.inject({ url: '/api/appeals?status=open', headers: { cookie: outsider } })
    expect(queueOther.json<{ items: Appeal[] }>().items.map((a) => a.id)).not.toContain(appeal.id)

    const reviewer = await t.login('community_worker', r.communities[2])
    const queue = await t.app.inject({ url: '/api/appeals?status=open', headers: { cookie: reviewer } })
    expect(queue.json<{ items: Appeal[] }>().items.map((a) => a.id)).toContain(appeal.id)
    const detail = (
      await t.app.inject({ url: `/api/appeals/${appeal.id}`, headers: { cookie: reviewer } })
    ).json<Appeal>()
    const declaration = detail.facts?.find((f) => f.type === 'void_declaration')
    expect(declaration).toBeDefined()
    const foreign = await post(
      `/api/appeals/${appeal.id}/decide`,
      { decision: 'accepted', note: 'typo', corrections: [{ type: 'void_trip', id: '999999' }] },
      reviewer,
    )
    expect(foreign.statusCode).toBe(400)
    const decided = await post(
      `/api/appeals/${appeal.id}/decide`,
      {
        decision: 'accepted',
        note: 'confirmed typo by phone',
        corrections: [{ type: 'void_declaration', id: declaration!.id }],
      },
      reviewer,
    )
    expect(decided.statusCode, decided.body).toBe(200)
    expect(decided.json<Appeal>().status).toBe('accepted')
    const mine = (
      await t.app.inject({ url: '/api/codes/me/status', headers: { cookie: citizen } })
    ).json<HealthCodeStatus>()
    expect(mine.colour).toBe('green')
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('action', '=', 'appeal.accepted')
      .execute()
    expect(audit).toContainEqual({ action: 'appeal.accepted', reason: 'confirmed typo by phone' })
    expect(
      (await post(`/api/appeals/${appeal.id}/decide`, { decision: 'rejected', note: 'again' }, reviewer))
        .statusCode,
    ).toBe(409)
  })
})
