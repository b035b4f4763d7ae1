import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { DEFAULT_DWELL_MINUTES, RULE_SET_PRESETS } from '@lianfang/core'
import type { Investigation, RuleSetRecord } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addVenue, DAY, HOUR, MINUTE, reportCase } from '../../testing/cases-kit.js'

type ErrorBody = { error: { code: string; message: string } }

/**
 * The stay assumed without a check-out is the rule set's (`closeContact.dwellMinutes`), in the
 * co-visit query as in core: a region that publishes a longer restaurant dwell finds the diner who
 * came after the case (neither checked out), and the one who came long before it, as candidates;
 * under the default dwell (75 minutes, buffer 30) neither is one.
 */
describe.each(TEST_DATABASES)('rule-set dwell minutes on %s', (kind) => {
  let t: TestApp
  let admin: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    admin = await t.login('admin', '420100')
  })
  afterAll(async () => t.close())

  const post = (url: string, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })

  /** A check-in without a check-out (the day's partition created first). */
  async function openStay(r: TestRegions, venueId: string, personId: string, at: Date) {
    const db = t.services.database.db
    await sql`select ensure_checkin_partition(${at.toISOString().slice(0, 10)}::date)`.execute(db)
    await db
      .insertInto('checkins')
      .values({ region_code: r.communities[1], venue_id: venueId, person_id: personId, checked_in_at: at })
      .execute()
  }

  /**
   * The case ate at a restaurant from t0 and recorded no check-out; L came 120 minutes later and E
   * 200 minutes earlier, neither checked out. Returns who the investigation proposes.
   */
  async function candidatesIn(
    r: TestRegions,
  ): Promise<{ later: string; earlier: string; found: Set<string> }> {
    const db = t.services.database.db
    const t0 = new Date(Date.now() - DAY)
    const restaurant = await addVenue(db, r.communities[1], 'restaurant', '饭店')
    const [caseP, later, earlier] = [
      await t.createPerson(r.communities[2]),
      await t.createPerson(r.communities[2]),
      await t.createPerson(r.communities[2]),
    ]
    await openStay(r, restaurant, caseP.id, t0)
    await openStay(r, restaurant, later.id, new Date(t0.getTime() + 2 * HOUR))
    await openStay(r, restaurant, earlier.id, new Date(t0.getTime() - 200 * MINUTE))
    const epi = await t.login('epidemiologist', r.district)
    const c = await reportCase(t, epi, {
      personId: caseP.id,
      onsetAt: new Date(Date.now() - DAY / 4).toISOString(),
    })
    const res = await t.app.inject({ url: `/api/cases/${c.id}/investigation`, headers: { cookie: epi } })
    expect(res.statusCode, res.body).toBe(200)
    const inv = res.json<Investigation>()
    for (const x of inv.candidates) expect(x.strongest.rule).toBe('venue_overlap')
    return { later: later.id, earlier: earlier.id, found: new Set(inv.candidates.map((x) => x.personId)) }
  }

  const withRestaurantDwell = (minutes: number) => ({
    ...RULE_SET_PRESETS.FK8.params,
    closeContact: {
      ...RULE_SET_PRESETS.FK8.params.closeContact,
      dwellMinutes: { ...RULE_SET_PRESETS.FK8.params.closeContact.dwellMinutes, restaurant: minutes },
    },
  })

  it('with the default dwell, diners without a check-out who missed the case by it are no candidates', async () => {
    expect(DEFAULT_DWELL_MINUTES.restaurant).toBe(75)
    const s = await candidatesIn(await t.makeRegions())
    expect(s.found.has(s.later)).toBe(false)
    expect(s.found.has(s.earlier)).toBe(false)
  })

  it('a published rule set with a longer restaurant dwell makes them candidates', async () => {
    const r = await t.makeRegions()
    const draft = await post('/api/rule-sets', admin, {
      regionCode: r.district,
      name: 'long meals',
      edition: 'FK8',
      params: withRestaurantDwell(240),
    })
    expect(draft.statusCode, draft.body).toBe(201)
    const id = draft.json<RuleSetRecord>().id
    expect(draft.json<RuleSetRecord>().params.closeContact.dwellMinutes.restaurant).toBe(240)
    const published = await post(`/api/rule-sets/${id}/publish`, admin, {})
    expect(published.statusCode, published.body).toBe(200)
    const s = await candidatesIn(r)
    expect(s.found.has(s.later)).toBe(true)
    expect(s.found.has(s.earlier)).toBe(true)
  })

  it('refuses a dwell that is not whole minutes from 1 to 1440, naming the field', async () => {
    const r = await t.makeRegions()
    for (const minutes of [0, 1441, 90.5]) {
      const res = await post('/api/rule-sets', admin, {
        regionCode: r.district,
        name: 'bad dwell',
        edition: 'FK8',
        params: withRestaurantDwell(minutes),
      })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json<ErrorBody>().error.message).toMatch(/closeContact\/dwellMinutes\/restaurant/)
    }
    const missing: Record<string, number> = { ...RULE_SET_PRESETS.FK8.params.closeContact.dwellMinutes }
    delete missing['restaurant']
    const res = await post('/api/rule-sets', admin, {
      regionCode: r.district,
      name: 'bad dwell',
      edition: 'FK8',
      params: {
        ...RULE_SET_PRESETS.FK8.params,
        closeContact: { ...RULE_SET_PRESETS.FK8.params.closeContact, dwellMinutes: missing },
      },
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json<ErrorBody>().error.message).toMatch(/dwellMinutes.*restaurant|restaurant.*dwellMinutes/)
    for (const minutes of [1, 1440]) {
      const ok = await post('/api/rule-sets', admin, {
        regionCode: r.district,
        name: 'edges',
        edition: 'FK8',
        params: withRestaurantDwell(minutes),
      })
      expect(ok.statusCode, ok.body).toBe(201)
    }
  })
})
