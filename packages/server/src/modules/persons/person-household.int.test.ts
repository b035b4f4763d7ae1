import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentId } from '@lianfang/core'
import type { Household, PersonDetail } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

/** Issue #16: a person and a new household registered in one step (the console's form). */
describe.each(TEST_DATABASES)('a person with a new household on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let admin: string
  let seq = 400
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    admin = await t.login('admin', '420100')
  })
  afterAll(async () => t.close())

  const households = async () =>
    Number(
      (
        await t.services.database.db
          .selectFrom('households')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const post = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: admin }, payload })
  const body = (extra: object) => ({
    name: '李新户',
    idType: 'resident',
    idNumber: makeResidentId('420106', '1979-05-06', ++seq),
    regionCode: r.communities[0],
    ...extra,
  })

  it('creates the household in the person’s region and puts the person in it', async () => {
    const res = await post(body({ newHousehold: { address: ' 幸福路 8 号 ' } }))
    expect(res.statusCode, res.body).toBe(201)
    const p = res.json<PersonDetail>()
    expect(p.household).toMatchObject({
      regionCode: r.communities[0],
      regionName: `社区${r.communities[0]}`,
      address: '幸福路 8 号',
    })
    expect(p.household?.members.map((m) => m.id)).toEqual([p.id])
    const h = await t.app.inject({
      url: `/api/households/${p.householdId ?? ''}`,
      headers: { cookie: admin },
    })
    expect(h.json<Household>().members.map((m) => m.id)).toEqual([p.id])
    // The household's own region by name (#16), whatever its members' regions.
    expect(h.json<Household>().regionName).toBe(`社区${r.communities[0]}`)
  })

  it('a refused person leaves no household behind (bad ID number, a person already registered)', async () => {
    const before = await households()
    const bad = body({ newHousehold: { address: '幸福路 9 号' } })
    bad.idNumber = bad.idNumber.slice(0, 17) + (bad.idNumber.endsWith('1') ? '2' : '1')
    expect((await post(bad)).statusCode).toBe(400)
    const registered = body({})
    expect((await post(registered)).statusCode).toBe(201)
    const twice = await post({ ...registered, newHousehold: { address: '幸福路 10 号' } })
    expect(twice.statusCode).toBe(409)
    expect(await households()).toBe(before)
  })

  it('refuses householdId and newHousehold together', async () => {
    const h = await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: admin },
      payload: { regionCode: r.communities[0], address: '幸福路 11 号' },
    })
    // A new household answers its region by name, with no members yet.
    expect(h.json<Household>()).toMatchObject({ regionName: `社区${r.communities[0]}`, members: [] })
    const before = await households()
    const res = await post(body({ householdId: h.json<Household>().id, newHousehold: { address: 'x' } }))
    expect(res.statusCode).toBe(400)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED')
    expect(await households()).toBe(before)
  })

  it('an edit moves the person to a new household (optimistic version)', async () => {
    const created = (await post(body({}))).json<PersonDetail>()
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${created.id}`,
      headers: { cookie: admin },
      payload: { version: created.version, newHousehold: { address: '和平街 2 号' } },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<PersonDetail>().household).toMatchObject({ address: '和平街 2 号' })
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${created.id}`,
      headers: { cookie: admin },
      payload: { version: created.version, newHousehold: { address: '和平街 3 号' } },
    })
    const before = await households()
    expect(stale.statusCode).toBe(409)
    expect(await households()).toBe(before)
  })
})
