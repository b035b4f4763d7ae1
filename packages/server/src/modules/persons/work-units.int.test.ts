import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonDetail, WorkUnit, WorkUnitList } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addVenue } from '../../testing/cases-kit.js'

type ErrorBody = { error: { code: string; details?: { field?: string } } }

/**
 * Work units and classes (RULES.md CC.SETTINGS 4): created and listed per employer or school,
 * scoped by the venue's region and audited; a person's unit must be one of their employer's
 * (school's) — checked by the service (a clear 400) and by the database (a foreign key).
 */
describe.each(TEST_DATABASES)('work units on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let worker: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    other = await t.makeRegions()
    worker = await t.login('community_worker', r.district)
  })
  afterAll(async () => t.close())

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = worker) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const newUnit = async (venueId: string, name: string, kind = 'team') => {
    const res = await send('POST', `/api/venues/${venueId}/units`, { kind, name })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<WorkUnit>()
  }
  const read = async (id: string) => (await send('GET', `/api/persons/${id}`)).json<PersonDetail>()

  it('creates units of a venue (audited), lists them by name with their members, refuses a name twice', async () => {
    const factory = await addVenue(t.services.database.db, r.communities[0], 'factory', '第一纺织厂')
    const b = await newUnit(factory, '细纱车间', 'workshop')
    const a = await newUnit(factory, '保全班', 'team')
    expect(a).toMatchObject({ venueId: factory, regionCode: r.communities[0], kind: 'team', members: 0 })
    const p = await t.createPerson(r.communities[1])
    const set = await send('PATCH', `/api/persons/${p.id}`, {
      version: 1,
      workplaceId: factory,
      workUnitId: b.id,
    })
    expect(set.statusCode, set.body).toBe(200)
    const list = await send('GET', `/api/venues/${factory}/units`)
    expect(list.statusCode, list.body).toBe(200)
    expect(
      list.json<WorkUnitList>().items.map((u) => [u.name, u.members]),
      'sorted by name',
    ).toEqual([
      ['保全班', 0],
      ['细纱车间', 1],
    ])
    const twice = await send('POST', `/api/venues/${factory}/units`, { kind: 'team', name: '保全班' })
    expect(twice.statusCode).toBe(409)
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('action', '=', 'work_unit.create')
      .where('target_id', '=', a.id)
      .executeTakeFirst()
    expect(audit?.details).toMatchObject({ venueId: factory, kind: 'team' })
  })

  it('a person’s record names the employer, school and units; a new employer clears the old unit', async () => {
    const db = t.services.database.db
    const office = await addVenue(db, r.communities[0], 'office', '光谷软件园A座')
    const school = await addVenue(db, r.communities[0], 'school', '水果湖第一小学')
    const dev = await newUnit(office, '研发二组', 'office')
    const cls = await newUnit(school, '三年级2班', 'classroom')
    const p = await t.createPerson(r.communities[1])
    const res = await send('PATCH', `/api/persons/${p.id}`, {
      version: 1,
      workplaceId: office,
      workUnitId: dev.id,
      schoolId: school,
      classUnitId: cls.id,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<PersonDetail>()).toMatchObject({
      workplaceId: office,
      workplaceName: '光谷软件园A座',
      workUnitId: dev.id,
      workUnitName: '研发二组',
      schoolId: school,
      schoolName: '水果湖第一小学',
      classUnitId: cls.id,
      classUnitName: '三年级2班',
    })
    const other = await addVenue(db, r.communities[2], 'office', '另一家公司')
    const moved = await send('PATCH', `/api/persons/${p.id}`, { version: 2, workplaceId: other })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json<PersonDetail>()).toMatchObject({
      workplaceId: other,
      workUnitId: null,
      workUnitName: null,
      classUnitId: cls.id,
    })
  })

  it('registers a person with employer and unit in one request', async () => {
    const db = t.services.database.db
    const shop = await addVenue(db, r.communities[0], 'supermarket', '中百仓储')
    const unit = await newUnit(shop, '生鲜组')
    const res = await send('POST', '/api/persons', {
      name: '李四',
      idType: 'passport',
      idNumber: `E${Date.now() % 100000000}`,
      regionCode: r.communities[0],
      workplaceId: shop,
      workUnitId: unit.id,
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<PersonDetail>()).toMatchObject({ workplaceName: '中百仓储', workUnitName: '生鲜组' })
  })

  it('refuses a unit of another employer (400 UNIT_NOT_IN_EMPLOYER) or without one, and writes nothing', async () => {
    const db = t.services.database.db
    const mine = await addVenue(db, r.communities[0], 'factory', '甲厂')
    const theirs = await addVenue(db, r.communities[0], 'factory', '乙厂')
    const theirUnit = await newUnit(theirs, '装配班')
    const p = await t.createPerson(r.communities[1])
    const ok = await send('PATCH', `/api/persons/${p.id}`, { version: 1, workplaceId: mine })
    expect(ok.statusCode, ok.body).toBe(200)
    for (const body of [
      { version: 2, workUnitId: theirUnit.id },
      { version: 2, classUnitId: theirUnit.id },
      { version: 2, workplaceId: null, workUnitId: theirUnit.id },
    ]) {
      const res = await send('PATCH', `/api/persons/${p.id}`, body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json<ErrorBody>().error.code).toBe('UNIT_NOT_IN_EMPLOYER')
      expect(res.json<ErrorBody>().error.details?.field).toMatch(/UnitId$/)
    }
    const after = await read(p.id)
    expect(after).toMatchObject({ version: 2, workplaceId: mine, workUnitId: null, classUnitId: null })
    // The database refuses it too: the unit is paired with the person's venue.
    await expect(
      db.updateTable('persons').set({ work_unit_id: theirUnit.id }).where('id', '=', p.id).execute(),
    ).rejects.toThrow()
  })

  it('another region’s venue or unit is out of scope (403), an unknown one not found (404)', async () => {
    const db = t.services.database.db
    const mine = await addVenue(db, r.communities[0], 'office', '本区单位')
    const far = await addVenue(db, other.communities[0], 'office', '外区单位')
    const farUnit = (
      await db
        .insertInto('work_units')
        .values({ region_code: other.communities[0], venue_id: far, kind: 'office', name: '外区部门' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const p = await t.createPerson(r.communities[1])
    const cases: [object, number, string][] = [
      [{ workplaceId: far }, 403, 'OUT_OF_SCOPE'],
      [{ workplaceId: mine, workUnitId: farUnit }, 403, 'OUT_OF_SCOPE'],
      [{ workplaceId: mine, workUnitId: '999999999' }, 404, 'UNIT_NOT_FOUND'],
      [{ workplaceId: '999999999' }, 404, 'NOT_FOUND'],
    ]
    for (const [body, status, code] of cases) {
      const res = await send('PATCH', `/api/persons/${p.id}`, { version: 1, ...body })
      expect(res.statusCode, res.body).toBe(status)
      expect(res.json<ErrorBody>().error.code).toBe(code)
    }
    expect(await read(p.id)).toMatchObject({ version: 1, workplaceId: null, workUnitId: null })
    expect((await send('GET', `/api/venues/${far}/units`)).statusCode).toBe(403)
    const create = await send('POST', `/api/venues/${far}/units`, { kind: 'team', name: 'x' })
    expect(create.statusCode).toBe(403)
    // A role without venue:manage cannot add units.
    const epi = await t.login('epidemiologist', r.district)
    const refused = await send('POST', `/api/venues/${mine}/units`, { kind: 'team', name: 'y' }, epi)
    expect(refused.statusCode).toBe(403)
  })
})
