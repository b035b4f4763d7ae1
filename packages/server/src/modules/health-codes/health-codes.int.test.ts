import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type {
  DryRunResult,
  FactCreated,
  HealthCodeStatus,
  QuarantineOrder,
  RuleSetRecord,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { ColourService } from './colour.service.js'

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString()
const DAY = 86_400_000

describe.each(TEST_DATABASES)('health-code colours stay current on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let staff: string
  let admin: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    staff = await t.login('epidemiologist', r.district)
    admin = await t.login('admin', '420100')
  })
  afterAll(async () => t.close())

  const status = async (personId: string) => {
    const res = await t.app.inject({
      url: `/api/persons/${personId}/health-code`,
      headers: { cookie: staff },
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<HealthCodeStatus>()
  }
  const post = (url: string, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })

  it('a new person is green under the FK8 preset', async () => {
    const p = await t.createPerson(r.communities[0])
    const s = await status(p.id)
    expect(s).toMatchObject({ colour: 'green', reasons: [], ruleSetVersion: 'FK8@1' })
  })

  it('a citizen declaring fever turns yellow at once, with the reason and what to do', async () => {
    const p = await t.createPerson(r.communities[0])
    const citizen = await t.login('citizen', r.communities[0], { personId: p.id })
    const res = await post('/api/declarations/health', citizen, { temperatureC: 38.2, symptoms: ['cough'] })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<FactCreated>().colour).toBe('yellow')
    const mine = (
      await t.app.inject({ url: '/api/codes/me/status', headers: { cookie: citizen } })
    ).json<HealthCodeStatus>()
    expect(mine.colour).toBe('yellow')
    expect(mine.reasons[0]?.code).toBe('SYMPTOMS')
    expect(mine.actions.map((a) => a.code)).toContain('DECLARE_HEALTH_DAILY')
    const history = (await t.app.inject({ url: '/api/codes/me/history', headers: { cookie: citizen } })).json<
      { colour: string }[]
    >()
    expect(history[0]?.colour).toBe('yellow')
    // a citizen cannot declare for someone else
    const other = await t.createPerson(r.communities[0])
    const denied = await post('/api/declarations/health', citizen, { personId: other.id, symptoms: [] })
    expect(denied.statusCode).toBe(403)
  })

  it('a quarantine order turns red, with its end from the rule set; release turns green', async () => {
    const p = await t.createPerson(r.communities[1])
    const qs = await t.login('quarantine_staff', r.district)
    const res = await post('/api/quarantine-orders', qs, {
      personId: p.id,
      kind: 'centralized',
      reason: 'inbound',
      startsAt: iso(-DAY),
    })
    expect(res.statusCode, res.body).toBe(201)
    const order = res.json<QuarantineOrder>()
    expect(new Date(order.endsAt).getTime() - new Date(order.startsAt).getTime()).toBe(14 * DAY)
    expect(order.ruleSetVersion).toBe('FK8@1')
    const s = await status(p.id)
    expect(s.colour).toBe('red')
    expect(s.reasons[0]?.text.en).toMatch(/centralized quarantine \(inbound traveller\) until/)
    const listed = await t.app.inject({
      url: `/api/persons/${p.id}/quarantine-orders`,
      headers: { cookie: qs },
    })
    expect(listed.json<QuarantineOrder[]>().map((o) => o.id)).toEqual([order.id])
    const released = await post(`/api/quarantine-orders/${order.id}/release`, qs, {})
    expect(released.statusCode).toBe(200)
    expect((await status(p.id)).colour).toBe('green')
    expect((await post(`/api/quarantine-orders/${order.id}/release`, qs, {})).statusCode).toBe(409)
  })

  it('a positive pool turns red until a negative single-tube result', async () => {
    const p = await t.createPerson(r.communities[2])
    const lab = await t.login('lab', '420100')
    const pool = await post('/api/nat-results', lab, {
      personId: p.id,
      sampledAt: iso(-5 * 3600_000),
      result: 'positive',
      pooled: true,
    })
    expect(pool.json<FactCreated>().colour).toBe('red')
    const single = await post('/api/nat-results', lab, {
      personId: p.id,
      sampledAt: iso(-3600_000),
      result: 'negative',
    })
    expect(single.json<FactCreated>().colour).toBe('green')
  })

  it('a risk-area change recolours everyone who was there', async () => {
    const p = await t.createPerson(r.communities[3])
    const citizen = await t.login('citizen', r.communities[3], { personId: p.id })
    const trip = await post('/api/declarations/trips', citizen, {
      placeRegionCode: r.streets[0],
      arrivedAt: iso(-3 * DAY),
      leftAt: iso(-2 * DAY),
    })
    expect(trip.json<FactCreated>().colour).toBe('green')
    const commander = await t.login('commander', '420100')
    const set = await post('/api/risk-areas', commander, {
      regionCode: r.communities[0],
      level: 'high',
      startsAt: iso(-10 * DAY),
    })
    expect(set.statusCode, set.body).toBe(201)
    // the trip was to the street that contains the high-risk community: not inside it → still green
    expect((await status(p.id)).colour).toBe('green')
    const street = await post('/api/risk-areas', commander, {
      regionCode: r.streets[0],
      level: 'medium',
      startsAt: iso(-10 * DAY),
    })
    expect(street.statusCode, street.body).toBe(201)
    const s = await status(p.id)
    expect(s.colour).toBe('yellow')
    expect(s.reasons[0]?.code).toBe('RISK_AREA_TRIP')
  })

  it('check-ins at venues in a risk area count as being there', async () => {
    const p = await t.createPerson(r.communities[1])
    const db = t.services.database.db
    const venue = await db
      .insertInto('venues')
      .values({ region_code: r.communities[2], kind: 'market', name: '测试菜市场', capacity: 200 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const visit = new Date(Date.now() - 2 * DAY)
    await sql`select ensure_checkin_partition(${visit.toISOString().slice(0, 10)}::date)`.execute(db)
    await db
      .insertInto('checkins')
      .values({
        region_code: r.communities[2],
        venue_id: venue.id,
        person_id: p.id,
        checked_in_at: visit,
        checked_out_at: new Date(visit.getTime() + 3600_000),
      })
      .execute()
    expect((await status(p.id)).colour).toBe('green')
    const commander = await t.login('commander', '420100')
    const set = await post('/api/risk-areas', commander, {
      regionCode: r.communities[2],
      level: 'high',
      startsAt: iso(-5 * DAY),
    })
    expect(set.statusCode, set.body).toBe(201)
    const s = await status(p.id)
    expect(s.colour).toBe('red')
    expect(s.reasons[0]?.text['zh-CN']).toContain('高风险地区')
  })

  it('rule sets: draft, dry run shows who would change, publish recolours and records the version', async () => {
    const p = await t.createPerson(r.communities[3])
    const citizen = await t.login('citizen', r.communities[3], { personId: p.id })
    await post('/api/declarations/trips', citizen, {
      placeRegionCode: r.streets[0],
      arrivedAt: iso(-3 * DAY),
      leftAt: iso(-DAY),
    })
    expect((await status(p.id)).colour).toBe('yellow')
    const presets = (await t.app.inject({ url: '/api/rule-sets/presets', headers: { cookie: admin } })).json<
      RuleSetRecord[]
    >()
    const fk8 = presets.find((x) => x.id === 'FK8')
    expect(fk8).toBeDefined()
    const params = {
      ...fk8!.params,
      healthCode: { ...fk8!.params.healthCode, tripColour: { high: 'red', medium: 'red' } },
    }
    const draft = await post('/api/rule-sets', admin, {
      regionCode: r.district,
      name: 'strict travel',
      edition: 'FK8',
      params,
    })
    expect(draft.statusCode, draft.body).toBe(201)
    const id = draft.json<RuleSetRecord>().id
    const dry = (await post(`/api/rule-sets/${id}/dry-run`, admin, {})).json<DryRunResult>()
    expect(dry.changed).toBeGreaterThanOrEqual(1)
    expect(dry.persons.find((x) => x.personId === p.id)).toMatchObject({ from: 'yellow', to: 'red' })
    expect(dry.transitions).toContainEqual(expect.objectContaining({ from: 'yellow', to: 'red' }))
    expect((await status(p.id)).colour).toBe('yellow') // a dry run changes nothing
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/rule-sets/${id}`,
      headers: { cookie: admin },
      payload: {
        params: {
          ...params,
          healthCode: { ...params.healthCode, tripColour: { high: 'purple', medium: 'red' } },
        },
      },
    })
    expect(bad.statusCode).toBe(400)
    const published = await post(`/api/rule-sets/${id}/publish`, admin, {})
    expect(published.json<RuleSetRecord>().status).toBe('published')
    const s = await status(p.id)
    expect(s.colour).toBe('red')
    expect(s.ruleSetVersion).toMatch(new RegExp(`^${r.district}#${id}@1$`))
    expect((await post(`/api/rule-sets/${id}/publish`, admin, {})).statusCode).toBe(409)
    const epi = await post('/api/rule-sets', staff, { regionCode: r.district, name: 'x', edition: 'FK8' })
    expect(epi.statusCode).toBe(403)
  })

  it('days passing: the sweep turns a close contact red → yellow → green', async () => {
    const p = await t.createPerson(r.communities[0])
    const qs = await t.login('quarantine_staff', r.district)
    await post('/api/quarantine-orders', qs, {
      personId: p.id,
      kind: 'centralized',
      reason: 'close_contact',
      startsAt: iso(-DAY),
    })
    await post('/api/quarantine-orders', qs, {
      personId: p.id,
      kind: 'home_monitoring',
      reason: 'close_contact',
      startsAt: iso(13 * DAY),
    })
    expect((await status(p.id)).colour).toBe('red')
    const at = (days: number) =>
      new ColourService(
        t.services.database,
        t.services.colours.sources,
        () => new Date(Date.now() + days * DAY),
      )
    await at(14).sweep()
    expect((await t.services.colours.find(t.services.database.db, p.id))?.colour).toBe('yellow')
    await at(21).sweep()
    expect((await t.services.colours.find(t.services.database.db, p.id))?.colour).toBe('green')
    const history = await t.services.database.db
      .selectFrom('colour_history')
      .select('colour')
      .where('person_id', '=', p.id)
      .orderBy('id')
      .execute()
    expect(history.map((h) => h.colour)).toEqual(['red', 'yellow', 'green'])
  })

  it('a change left in the outbox (crash after commit) is drained by the worker path', async () => {
    const p = await t.createPerson(r.communities[0])
    await status(p.id)
    await t.services.database.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('fever_clinic_visits')
        .values({ person_id: p.id, region_code: r.communities[0], visited_at: new Date() })
        .execute()
      await t.services.colours.enqueue(tx, [p.id])
    })
    expect(await t.services.colours.drainAll()).toBeGreaterThanOrEqual(1)
    expect((await t.services.colours.find(t.services.database.db, p.id))?.colour).toBe('red')
  })

  it('bad fact input is refused and writes nothing', async () => {
    const p = await t.createPerson(r.communities[0])
    const citizen = await t.login('citizen', r.communities[0], { personId: p.id })
    const backwards = await post('/api/declarations/trips', citizen, {
      placeRegionCode: r.streets[0],
      arrivedAt: iso(-DAY),
      leftAt: iso(-2 * DAY),
    })
    expect(backwards.statusCode).toBe(400)
    expect(
      (await post('/api/declarations/health', citizen, { temperatureC: 50, symptoms: [] })).statusCode,
    ).toBe(400)
    expect((await post('/api/declarations/health', citizen, { symptoms: ['plague'] })).statusCode).toBe(400)
    const other = await t.makeRegions()
    const outsider = await t.createPerson(other.communities[0])
    const qs = await t.login('quarantine_staff', r.district)
    const out = await post('/api/quarantine-orders', qs, {
      personId: outsider.id,
      kind: 'centralized',
      reason: 'inbound',
      startsAt: iso(0),
    })
    expect(out.statusCode).toBe(403)
    const rows = await t.services.database.db
      .selectFrom('trips')
      .select('id')
      .where('person_id', '=', p.id)
      .execute()
    expect(rows).toEqual([])
    const cw = await t.login('community_worker', r.communities[0])
    expect(
      (await post('/api/nat-results', cw, { personId: p.id, sampledAt: iso(0), result: 'negative' }))
        .statusCode,
    ).toBe(403)
  })
})
