import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentId } from '@lianfang/core'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

let phoneSeq = 0
/** A mobile number no other test of this process uses. */
const newPhone = () =>
  `136${String(process.pid % 10_000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`

interface ErrorBody {
  error: { code: string; message: string; details?: { reason?: string } }
}

/**
 * Issue #14: a citizen account binds to a person record only from the phone on record; a
 * staff-verified phone lets the real person register; the owner of the phone on record takes
 * back a record bound earlier from another phone; no answer tells whether an ID is registered.
 */
describe.each(TEST_DATABASES)('citizen registration security on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let operator: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    operator = await t.login('admin', t.config.nodeRegion)
  })
  afterAll(async () => t.close())

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) })
  const codeFor = async (phone: string) => {
    expect((await post('/api/citizen/otp', { phone })).statusCode).toBe(200)
    const res = await t.app.inject({
      url: '/api/admin/sms-outbox?pageSize=100',
      headers: { cookie: operator },
    })
    const msg = res.json<{ items: { phone: string; body: string }[] }>().items.find((m) => m.phone === phone)
    const code = /(\d{6})/.exec(msg?.body ?? '')?.[1]
    if (!code) throw new Error('no code in the SMS outbox')
    return code
  }
  const register = (phone: string, code: string, name: string, idNumber: string, extra: object = {}) =>
    post('/api/citizen/register', {
      phone,
      code,
      name,
      idType: 'resident',
      idNumber,
      password: 'citizen-password-1',
      ...extra,
    })
  const phoneOf = async (personId: string) =>
    (
      await t.services.database.db
        .selectFrom('persons')
        .select('phone')
        .where('id', '=', personId)
        .executeTakeFirstOrThrow()
    ).phone
  const accountsOf = (personId: string) =>
    t.services.database.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('person_id', '=', personId)
      .execute()
  const audit = (action: string, targetId: string) =>
    t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'reason', 'details'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute()

  it('a claim from another phone is refused and reveals nothing about the register', async () => {
    const ownerPhone = newPhone()
    const victim = await t.createPerson(r.communities[0], { name: '周敏', phone: ownerPhone })
    const noPhone = await t.createPerson(r.communities[0], { name: '吴刚' })
    await t.services.database.db
      .updateTable('persons')
      .set({ phone: null })
      .where('id', '=', noPhone.id)
      .execute()
    const unknownId = makeResidentId('420106', '1977-07-07', 991)

    // Without a verified code, nothing depends on the register: the same OTP_INVALID for all.
    const noCode = await Promise.all([
      register(newPhone(), '000000', '周敏', victim.idNumber),
      register(newPhone(), '000000', '周敏', unknownId),
    ])
    for (const res of noCode) expect(res.json<ErrorBody>().error.code).toBe('OTP_INVALID')
    expect(noCode[0]?.body).toBe(noCode[1]?.body)

    // With a code for the attacker's own phone: one answer for a record with another phone, a
    // record with no phone, a wrong name, and no record at all.
    const attacker = newPhone()
    const code = await codeFor(attacker)
    const answers = [
      await register(attacker, code, '周敏', victim.idNumber),
      await register(attacker, code, '张冒名', victim.idNumber),
      await register(attacker, code, '吴刚', noPhone.idNumber),
      await register(attacker, code, '周敏', unknownId),
    ]
    for (const res of answers) {
      expect(res.statusCode).toBe(409)
      expect(res.json<ErrorBody>().error.code).toBe('IDENTITY_NOT_VERIFIED')
      expect(res.body).toBe(answers[0]?.body)
    }
    // Nothing was written: no account, the phone on record unchanged.
    expect(await accountsOf(victim.id)).toEqual([])
    expect(await accountsOf(noPhone.id)).toEqual([])
    expect(await phoneOf(victim.id)).toBe(ownerPhone)
    expect(await phoneOf(noPhone.id)).toBeNull()
    // Each refusal cost an attempt of the code: probing is bounded by the code's attempts.
    const fifth = await register(attacker, code, '周敏', victim.idNumber)
    expect(fifth.statusCode).toBe(409)
    const sixth = await register(attacker, code, '周敏', victim.idNumber)
    expect(sixth.json<ErrorBody>().error).toMatchObject({
      code: 'OTP_INVALID',
      details: { reason: 'attempts' },
    })

    // The real person registers from the phone on record.
    const real = await register(ownerPhone, await codeFor(ownerPhone), '周敏', victim.idNumber)
    expect(real.statusCode, real.body).toBe(201)
    expect(real.json()).toMatchObject({ personId: victim.id, linkedExisting: true, username: ownerPhone })
  })

  it('the phone on record matches in any spelling (+86, 0086)', async () => {
    const phone = newPhone()
    const p = await t.createPerson(r.communities[1], { name: '郑洁', phone: `0086${phone}` })
    const res = await register(phone, await codeFor(phone), '郑洁', p.idNumber)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ personId: p.id })
  })

  it('staff verify the phone in the person region (audited with the reason), then the person registers', async () => {
    const p = await t.createPerson(r.communities[2], { name: '孙丽' })
    await t.services.database.db.updateTable('persons').set({ phone: null }).where('id', '=', p.id).execute()
    const phone = newPhone()
    const before = await register(phone, await codeFor(phone), '孙丽', p.idNumber)
    expect(before.json<ErrorBody>().error.code).toBe('IDENTITY_NOT_VERIFIED')

    const version = async () =>
      (
        await t.services.database.db
          .selectFrom('persons')
          .select('version')
          .where('id', '=', p.id)
          .executeTakeFirstOrThrow()
      ).version
    const body = async () => ({ version: await version(), phone, reason: '身份证原件已当面核验' })
    const other = await t.makeRegions()
    const outsider = await t.login('community_worker', other.communities[0])
    const foreign = await post(`/api/persons/${p.id}/verified-phone`, await body(), outsider)
    expect(foreign.statusCode).toBe(403)
    const checkpoint = await t.login('checkpoint', r.communities[2])
    expect((await post(`/api/persons/${p.id}/verified-phone`, await body(), checkpoint)).statusCode).toBe(403)
    expect(await phoneOf(p.id)).toBeNull()

    const worker = await t.login('community_worker', r.communities[2])
    const verified = await post(`/api/persons/${p.id}/verified-phone`, await body(), worker)
    expect(verified.statusCode, verified.body).toBe(200)
    expect(await phoneOf(p.id)).toBe(phone)
    const records = await audit('person.phone_verify', p.id)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ reason: '身份证原件已当面核验', details: { hadPhone: false } })
    expect(JSON.stringify(records[0]?.details)).not.toContain(phone)

    // The code the earlier refusal cost one attempt of still works.
    const res = await register(phone, await lastCode(phone), '孙丽', p.idNumber)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ personId: p.id, linkedExisting: true })
  })

  it('recovery: the owner of the phone on record takes back a record bound from another phone', async () => {
    // Before the fix: someone bound a citizen account to this person from their own phone, and
    // registration wrote that phone onto the record (it had none).
    const p = await t.createPerson(r.communities[3], { name: '何平' })
    const intruderPhone = newPhone()
    await t.services.database.db
      .updateTable('persons')
      .set({ phone: intruderPhone })
      .where('id', '=', p.id)
      .execute()
    const intruder = await t.login('citizen', r.communities[3], { personId: p.id })
    const me = await t.app.inject({ url: '/api/me/person', headers: { cookie: intruder } })
    expect(me.statusCode).toBe(200)
    const [intruderAccount] = await accountsOf(p.id)
    expect(intruderAccount).toBeDefined()

    // The real person cannot register from their own phone yet; the community verifies it.
    const realPhone = newPhone()
    const refused = await register(realPhone, await codeFor(realPhone), '何平', p.idNumber)
    expect(refused.json<ErrorBody>().error.code).toBe('IDENTITY_NOT_VERIFIED')
    const worker = await t.login('community_worker', r.communities[3])
    const version = (
      await t.services.database.db
        .selectFrom('persons')
        .select('version')
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow()
    ).version
    const verified = await post(
      `/api/persons/${p.id}/verified-phone`,
      { version, phone: realPhone, reason: 'came to the office with the ID card' },
      worker,
    )
    expect(verified.statusCode, verified.body).toBe(200)
    const verifyAudit = await audit('person.phone_verify', p.id)
    expect(verifyAudit[0]?.details).toMatchObject({
      hadPhone: true,
      citizenAccounts: [{ userId: intruderAccount?.id, sameNumber: false }],
    })

    const taken = await register(realPhone, await lastCode(realPhone), '何平', p.idNumber)
    expect(taken.statusCode, taken.body).toBe(201)
    expect(taken.json()).toMatchObject({ personId: p.id, linkedExisting: true, username: realPhone })

    // The intruder's account is disabled, unlinked and signed out at once.
    expect((await t.app.inject({ url: '/api/me/person', headers: { cookie: intruder } })).statusCode).toBe(
      401,
    )
    const old = await t.services.database.db
      .selectFrom('users')
      .select(['disabled', 'person_id'])
      .where('id', '=', intruderAccount?.id ?? '0')
      .executeTakeFirstOrThrow()
    expect(old).toEqual({ disabled: true, person_id: null })
    expect((await accountsOf(p.id)).map((a) => a.username)).toEqual([realPhone])
    const takeover = await audit('citizen.takeover', p.id)
    expect(takeover).toHaveLength(1)
    expect(takeover[0]).toMatchObject({
      actor_name: 'citizen-registration',
      details: { disabledUserId: intruderAccount?.id, revokedSessions: 1 },
    })
    const registered = await audit('citizen.register', p.id)
    expect(registered[0]?.details).toMatchObject({ replacedUserIds: [intruderAccount?.id] })
  })

  /** The newest code sent to a phone (already requested). */
  async function lastCode(phone: string) {
    const res = await t.app.inject({
      url: '/api/admin/sms-outbox?pageSize=100',
      headers: { cookie: operator },
    })
    const msg = res.json<{ items: { phone: string; body: string }[] }>().items.find((m) => m.phone === phone)
    const code = /(\d{6})/.exec(msg?.body ?? '')?.[1]
    if (!code) throw new Error('no code in the SMS outbox')
    return code
  }
})
