import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentId } from '@lianfang/core'
import type { PersonDetail, PersonPage, UnmaskedIdentity } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

describe.each(TEST_DATABASES)('persons on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let admin: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    admin = await t.login('admin', '420100')
  })
  afterAll(async () => t.close())

  it('registers a person with a valid resident ID, masks it, derives sex and birth date', async () => {
    const idNumber = makeResidentId('420106', '1985-03-07', 123)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: admin },
      payload: {
        name: '王小明',
        idType: 'resident',
        idNumber,
        regionCode: r.communities[0],
        phone: '13912345678',
      },
    })
    expect(res.statusCode).toBe(201)
    const p = res.json<PersonDetail>()
    expect(p.idNumberMasked).toBe(`420106********${idNumber.slice(14)}`)
    expect(p.phoneMasked).toBe('139****5678')
    expect(p.sex).toBe('male')
    expect(p.birthDate).toBe('1985-03-07')
    expect(JSON.stringify(p)).not.toContain(idNumber)
    // the same document again is a conflict, not a second person
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: admin },
      payload: { name: '王小明', idType: 'resident', idNumber, regionCode: r.communities[0] },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json<{ error: { code: string } }>().error.code).toBe('PERSON_EXISTS')
  })

  it('rejects a resident ID with a wrong check digit, naming the problem, and writes nothing', async () => {
    const good = makeResidentId('420106', '1990-01-01', 11)
    const bad = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1')
    const before = await t.services.database.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: admin },
      payload: { name: '李四', idType: 'resident', idNumber: bad, regionCode: r.communities[0] },
    })
    expect(res.statusCode).toBe(400)
    const body = res.json<{ error: { code: string; message: string } }>()
    expect(body.error.code).toBe('ID_NUMBER_INVALID')
    expect(body.error.message).toMatch(/check digit/)
    const after = await t.services.database.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('accepts passports', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: admin },
      payload: { name: 'John Smith', idType: 'passport', idNumber: 'e1234567', regionCode: r.communities[1] },
    })
    expect(res.statusCode).toBe(201)
    expect(res.json<PersonDetail>().idNumberMasked).toBe('E1****67')
  })

  it('searches by name prefix, phone and ID number within scope, paginated', async () => {
    const a = await t.createPerson(r.communities[2], { name: '赵云甲', phone: '13700000001' })
    await t.createPerson(r.communities[2], { name: '赵云乙' })
    await t.createPerson(r.communities[2], { name: '赵云丙' })
    const byName = await t.app.inject({ url: '/api/persons?q=赵云&pageSize=2', headers: { cookie: admin } })
    expect(byName.statusCode).toBe(200)
    const page = byName.json<PersonPage>()
    expect(page.total).toBe(3)
    expect(page.items).toHaveLength(2)
    const page2 = (
      await t.app.inject({ url: '/api/persons?q=赵云&pageSize=2&page=2', headers: { cookie: admin } })
    ).json<PersonPage>()
    expect(page2.items).toHaveLength(1)
    const byPhone = (
      await t.app.inject({ url: '/api/persons?q=13700000001', headers: { cookie: admin } })
    ).json<PersonPage>()
    expect(byPhone.items.map((p) => p.id)).toEqual([a.id])
    const byId = (
      await t.app.inject({ url: `/api/persons?q=${a.idNumber}`, headers: { cookie: admin } })
    ).json<PersonPage>()
    expect(byId.items.map((p) => p.id)).toEqual([a.id])
    const byRegion = (
      await t.app.inject({ url: `/api/persons?regionCode=${r.streets[1]}`, headers: { cookie: admin } })
    ).json<PersonPage>()
    expect(byRegion.total).toBeGreaterThanOrEqual(3)
    expect(byRegion.items.every((p) => p.regionCode.startsWith(r.streets[1]))).toBe(true)
  })

  it('updates with optimistic versions and rejects a stale version with 409', async () => {
    const p = await t.createPerson(r.communities[0])
    const cur = (
      await t.app.inject({ url: `/api/persons/${p.id}`, headers: { cookie: admin } })
    ).json<PersonDetail>()
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${p.id}`,
      headers: { cookie: admin },
      payload: { version: cur.version, address: '中北路1号' },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json<PersonDetail>().version).toBe(cur.version + 1)
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${p.id}`,
      headers: { cookie: admin },
      payload: { version: cur.version, address: '别处' },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json<{ error: { code: string } }>().error.code).toBe('STALE_VERSION')
  })

  it('households group persons and show members', async () => {
    const h = await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: admin },
      payload: { regionCode: r.communities[3], address: '1栋101' },
    })
    expect(h.statusCode).toBe(201)
    const hid = h.json<{ id: string }>().id
    const a = await t.createPerson(r.communities[3], { householdId: hid })
    await t.createPerson(r.communities[3], { householdId: hid })
    const d = (
      await t.app.inject({ url: `/api/persons/${a.id}`, headers: { cookie: admin } })
    ).json<PersonDetail>()
    expect(d.household?.members).toHaveLength(2)
  })

  it('unmasks only with a reason, for authorised roles, and audits it', async () => {
    const p = await t.createPerson(r.communities[0])
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${p.id}/unmask`,
      headers: { cookie: admin },
      payload: {},
    })
    expect(noReason.statusCode).toBe(400)
    const epi = await t.login('epidemiologist', r.district)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${p.id}/unmask`,
      headers: { cookie: epi },
      payload: { reason: 'case investigation 2026-001' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json<UnmaskedIdentity>().idNumber).toBe(p.idNumber)
    const cw = await t.login('community_worker', r.communities[0])
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${p.id}/unmask`,
      headers: { cookie: cw },
      payload: { reason: 'curiosity is not a reason' },
    })
    expect(denied.statusCode).toBe(403)
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'actor_role'])
      .where('target_type', '=', 'person')
      .where('target_id', '=', p.id)
      .where('action', '=', 'person.unmask')
      .execute()
    expect(audit).toEqual([
      { action: 'person.unmask', reason: 'case investigation 2026-001', actor_role: 'epidemiologist' },
    ])
  })

  it('a citizen reads their own record only', async () => {
    const p = await t.createPerson(r.communities[0])
    const other = await t.createPerson(r.communities[0])
    const citizen = await t.login('citizen', r.communities[0], { personId: p.id })
    const own = await t.app.inject({ url: '/api/me/person', headers: { cookie: citizen } })
    expect(own.statusCode).toBe(200)
    expect(own.json<PersonDetail>().id).toBe(p.id)
    expect(
      (await t.app.inject({ url: `/api/persons/${other.id}`, headers: { cookie: citizen } })).statusCode,
    ).toBe(403)
    expect(
      (await t.app.inject({ url: `/api/persons?q=测试`, headers: { cookie: citizen } })).statusCode,
    ).toBe(403)
  })
})
