import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Venue } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

type ErrorBody = { error: { code: string; message: string; details?: unknown } }

/**
 * A venue's transport properties (#16, RULES.md CC.TRANSPORT.*): ships are a venue kind
 * (CC.TRANSPORT.SHIP), and trains and buses record their ventilation (`enclosed`:
 * CC.TRANSPORT.TRAIN enclosed air-conditioned → carriage, ordinary → bay ±1; CC.TRANSPORT.BUS sealed
 * → whole vehicle, ventilated → rows ±3). Anywhere else the flag is refused, nothing written.
 */
describe.each(TEST_DATABASES)('venue transport properties on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let worker: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    worker = await t.login('community_worker', r.communities[0])
  })
  afterAll(async () => t.close())

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: worker }, ...(payload ? { payload } : {}) })
  const create = (body: object) => send('POST', '/api/venues', { regionCode: r.communities[0], ...body })
  const named = (name: string) =>
    t.services.database.db.selectFrom('venues').select(['id', 'enclosed']).where('name', '=', name).execute()

  it('stores and returns the ventilation of trains and buses, null until recorded; ships are a kind', async () => {
    const train = await create({ kind: 'train', name: 'G101', enclosed: true })
    expect(train.statusCode, train.body).toBe(201)
    expect(train.json<Venue>()).toMatchObject({ kind: 'train', enclosed: true })
    const bus = await create({ kind: 'bus', name: '12 路', enclosed: false })
    expect(bus.json<Venue>()).toMatchObject({ kind: 'bus', enclosed: false })
    const unrecorded = await create({ kind: 'train', name: 'K202' })
    expect(unrecorded.json<Venue>().enclosed).toBeNull()
    const ship = await create({ kind: 'ship', name: '长江三峡 1 号' })
    expect(ship.statusCode, ship.body).toBe(201)
    expect(ship.json<Venue>()).toMatchObject({ kind: 'ship', enclosed: null })
    const market = await create({ kind: 'market', name: '南门菜场' })
    expect(market.json<Venue>().enclosed).toBeNull()

    const id = unrecorded.json<Venue>().id
    const patched = await send('PATCH', `/api/venues/${id}`, { enclosed: false })
    expect(patched.statusCode, patched.body).toBe(200)
    expect(patched.json<Venue>()).toMatchObject({ id, enclosed: false })
    expect((await send('GET', `/api/venues/${id}`)).json<Venue>().enclosed).toBe(false)
    const cleared = await send('PATCH', `/api/venues/${id}`, { enclosed: null })
    expect(cleared.json<Venue>().enclosed).toBeNull()
    const audited = await t.services.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'venue.update')
      .where('target_id', '=', id)
      .execute()
    expect(audited.map((a) => a.details)).toEqual(
      expect.arrayContaining([
        { enclosed: { from: null, to: false } },
        { enclosed: { from: false, to: null } },
      ]),
    )
  })

  it.each([
    ['market', 'not a conveyance'],
    ['office', 'not a conveyance'],
    ['flight', 'CC.TRANSPORT.PLANE reads rows r−3..r+3 only'],
    ['ship', 'CC.TRANSPORT.SHIP reads the cabin only'],
  ])('refuses a ventilation on a %s (%s): 400 VENUE_TRANSPORT_NOT_APPLICABLE, nothing written', async (k) => {
    const name = `带通风标记的${k}`
    const res = await create({ kind: k, name, enclosed: true })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json<ErrorBody>().error).toMatchObject({
      code: 'VENUE_TRANSPORT_NOT_APPLICABLE',
      details: { field: 'enclosed', kind: k },
    })
    expect(await named(name)).toEqual([])
  })

  it('refuses a ventilation patched onto a venue that does not read it, and a patch without a change', async () => {
    const market = (await create({ kind: 'market', name: '北门菜场' })).json<Venue>()
    const res = await send('PATCH', `/api/venues/${market.id}`, { enclosed: false })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json<ErrorBody>().error.code).toBe('VENUE_TRANSPORT_NOT_APPLICABLE')
    expect(await named('北门菜场')).toEqual([{ id: market.id, enclosed: null }])
    // Clearing is no change, so harmless anywhere.
    expect((await send('PATCH', `/api/venues/${market.id}`, { enclosed: null })).statusCode).toBe(200)
    for (const body of [{}, { enclosed: 'yes' }, { kind: 'train' }]) {
      const bad = await send('PATCH', `/api/venues/${market.id}`, body)
      expect(bad.statusCode, JSON.stringify(body)).toBe(400)
      expect(bad.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED')
    }
    const bus = (await create({ kind: 'bus', name: '13 路', enclosed: 'true' })).statusCode
    expect(bus).toBe(400)
    expect(await named('13 路')).toEqual([])
  })

  it('needs venue:manage to patch, and the venue in scope', async () => {
    const train = (await create({ kind: 'train', name: 'D3001', enclosed: true })).json<Venue>()
    const epi = await t.login('epidemiologist', r.district)
    const denied = await t.app.inject({
      method: 'PATCH',
      url: `/api/venues/${train.id}`,
      headers: { cookie: epi },
      payload: { enclosed: false },
    })
    expect(denied.statusCode).toBe(403)
    const elsewhere = await t.makeRegions()
    const stranger = await t.login('community_worker', elsewhere.communities[0])
    const out = await t.app.inject({
      method: 'PATCH',
      url: `/api/venues/${train.id}`,
      headers: { cookie: stranger },
      payload: { enclosed: false },
    })
    expect(out.statusCode).toBe(403)
    expect(await named('D3001')).toEqual([{ id: train.id, enclosed: true }])
  })
})
