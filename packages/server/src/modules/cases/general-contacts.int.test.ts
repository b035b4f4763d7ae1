import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { findOverlapContacts, RULE_SET_PRESETS, type CoVisit, type Visit } from '@lianfang/core'
import type {
  ContactOutcome,
  GeneralContactsPage,
  GeneralContactsSummary,
  Investigation,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addCheckin, addVenue, addWorkUnit, DAY, HOUR, MINUTE, reportCase } from '../../testing/cases-kit.js'

type ErrorBody = { error: { code: string; message: string } }

/**
 * General contacts (一般接触者, RULES.md GC.DEF): co-presence at a venue whose kind the rule set
 * puts in the `general` tier (an office building, a market) is counted and listed page by page
 * apart from the investigation, not proposed as a candidate close contact (CC.SETTINGS 4 names the office,
 * not the building); the investigator may still confirm one (CC.SETTINGS 9).
 */
describe.each(TEST_DATABASES)('general contacts on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
  })
  afterAll(async () => t.close())

  const get = (url: string, cookie = epi) => t.app.inject({ url, headers: { cookie } })
  const post = (url: string, payload: object, cookie = epi) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
  const page = async (url: string) => {
    const res = await get(url)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<GeneralContactsPage>()
  }
  const summary = async (url: string) => {
    const res = await get(url)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<GeneralContactsSummary>()
  }

  /**
   * The case works in an office building (its work unit is an office there) and shopped at a market
   * and ate at a restaurant. In the building: colleague K (same work unit: a candidate), visitors
   * G1, G2 and X (another district), and L who came after the case left. At the market: G2 again
   * and G3. At the restaurant: D (a candidate by co-presence).
   */
  async function scenario() {
    const db = t.services.database.db
    const t0 = new Date(Date.now() - DAY)
    const office = await addVenue(db, r.communities[1], 'office', '光谷写字楼')
    const market = await addVenue(db, r.communities[1], 'market', '菜场')
    const restaurant = await addVenue(db, r.communities[1], 'restaurant', '饭店')
    const other = await t.makeRegions()
    const person = () => t.createPerson(r.communities[2])
    const [caseP, k, g1, g2, g3, l, d] = [
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
    ]
    const x = await t.createPerson(other.communities[0])
    await db
      .updateTable('persons')
      .set({ workplace_id: office, work_unit_id: await addWorkUnit(db, office, '财务部', 'office') })
      .where('id', 'in', [caseP.id, k.id])
      .execute()
    const at = (ms: number) => new Date(t0.getTime() + ms)
    const stay = (venueId: string, personId: string, ms: number, minutes: number) =>
      addCheckin(db, { venueId, personId, regionCode: r.communities[1], at: at(ms), minutes })
    await stay(office, caseP.id, 0, 8 * 60)
    await stay(office, k.id, 0, 8 * 60)
    await stay(office, g1.id, HOUR, 30)
    await stay(office, g2.id, 2 * HOUR, 60)
    await stay(office, x.id, 3 * HOUR, 20)
    await stay(office, l.id, 9 * HOUR, 60)
    await stay(market, caseP.id, 9 * HOUR, 30)
    await stay(market, g2.id, 9 * HOUR + 10 * MINUTE, 30)
    await stay(market, g3.id, 9 * HOUR - 20 * MINUTE, 30)
    await stay(restaurant, caseP.id, 10 * HOUR, 60)
    await stay(restaurant, d.id, 10 * HOUR + 5 * MINUTE, 40)
    const c = await reportCase(t, epi, {
      personId: caseP.id,
      onsetAt: new Date(Date.now() - DAY / 4).toISOString(),
    })
    return { t0, c, caseP, k, g1, g2, g3, l, d, x, other, office, market, restaurant }
  }

  it('counts general contacts per venue; the work unit and the restaurant still make candidates', async () => {
    const s = await scenario()
    const res = await get(`/api/cases/${s.c.id}/investigation`)
    expect(res.statusCode, res.body).toBe(200)
    const inv = res.json<Investigation>()
    const byId = new Map(inv.candidates.map((x) => [x.personId, x]))
    expect(byId.get(s.k.id)?.strongest.rule).toBe('workplace')
    expect(byId.get(s.d.id)?.strongest.rule).toBe('venue_overlap')
    for (const p of [s.g1, s.g2, s.g3, s.x, s.l]) expect(byId.has(p.id), p.id).toBe(false)
    // The investigation answers the candidates only: the general contacts are a list apart.
    expect(Object.keys(inv).sort()).toEqual([
      'candidates',
      'caseId',
      'groups',
      'ruleSetVersion',
      'timeline',
      'window',
    ])
    // G1, G2, X in the building (K is a candidate, L came too late); G2, G3 at the market.
    expect(await summary(`/api/cases/${s.c.id}/investigation/general-contacts/summary`)).toEqual({
      caseId: s.c.id,
      total: 4,
      byVenue: [
        { venueId: s.office, venueName: '光谷写字楼', kind: 'office', count: 3 },
        { venueId: s.market, venueName: '菜场', kind: 'market', count: 2 },
      ],
    })
    // Audited: what was disclosed follows from the case, the window, the buffer and the rule set.
    const audited = await t.services.database.db
      .selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('action', '=', 'investigation.open')
      .execute()
    expect(audited.find((a) => a.target_id === s.caseP.id)?.details).toMatchObject({
      caseId: s.c.id,
      bufferMinutes: 30,
      ruleSetVersion: inv.ruleSetVersion,
      window: inv.window,
    })
    const summaries = await t.services.database.db
      .selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('action', '=', 'investigation.general_contacts_summary')
      .execute()
    expect(summaries.find((a) => a.target_id === s.caseP.id)?.details).toMatchObject({
      caseId: s.c.id,
      bufferMinutes: 30,
      ruleSetVersion: inv.ruleSetVersion,
      total: 4,
    })
    // The buffer applies as in the list.
    const tight = await summary(`/api/cases/${s.c.id}/investigation/general-contacts/summary?bufferMinutes=0`)
    expect(tight.byVenue.find((v) => v.venueId === s.market)?.count).toBe(
      (await page(`/api/cases/${s.c.id}/investigation/general-contacts?venueId=${s.market}&bufferMinutes=0`))
        .total,
    )
  })

  it('lists them page by page with their reasons, masks other regions, and audits the reads', async () => {
    const s = await scenario()
    const base = `/api/cases/${s.c.id}/investigation/general-contacts`
    const all = await page(`${base}?limit=200`)
    const expected = [s.g1.id, s.g2.id, s.g3.id, s.x.id].sort((a, b) => Number(a) - Number(b))
    expect(all).toMatchObject({ caseId: s.c.id, venueId: null, total: 4, offset: 0, limit: 200 })
    expect(all.items.map((i) => i.personId)).toEqual(expected)
    const first = await page(`${base}?limit=3`)
    const rest = await page(`${base}?limit=3&offset=3`)
    expect(first).toMatchObject({ total: 4, offset: 0, limit: 3 })
    expect([...first.items, ...rest.items].map((i) => i.personId)).toEqual(expected)
    expect(rest.items).toHaveLength(1)
    const beyond = await page(`${base}?offset=50`)
    expect(beyond).toMatchObject({ total: 4, items: [] })

    const atMarket = await page(`${base}?venueId=${s.market}&bufferMinutes=0`)
    expect(atMarket.total).toBe(2)
    const g2 = atMarket.items.find((i) => i.personId === s.g2.id)
    const at = (ms: number) => new Date(s.t0.getTime() + ms).toISOString()
    expect(g2?.reasons).toEqual([
      {
        rule: 'venue_copresence_general',
        venueId: s.market,
        from: at(9 * HOUR + 10 * MINUTE),
        to: at(9 * HOUR + 30 * MINUTE),
        minutes: 20,
      },
    ])
    expect(g2?.lastExposureAt).toBe(at(9 * HOUR + 30 * MINUTE))
    // G2 was at both venues: one entry with both reasons over all venues.
    expect(
      all.items
        .find((i) => i.personId === s.g2.id)
        ?.reasons.map((x) => ('venueId' in x ? x.venueId : undefined)),
    ).toEqual(expect.arrayContaining([s.office, s.market]))
    const x = all.items.find((i) => i.personId === s.x.id)
    expect(x).toMatchObject({ otherRegion: true, regionCode: s.other.communities[0] })
    expect(x?.name).toMatch(/\*/)
    expect(all.items.find((i) => i.personId === s.g1.id)?.otherRegion).toBe(false)

    const audited = await t.services.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'investigation.general_contacts')
      .execute()
    expect(audited.length).toBeGreaterThanOrEqual(5)
  })

  it('an investigator confirms a general contact as a close contact all the same (reason from the list, or their own)', async () => {
    const s = await scenario()
    const list = await page(`/api/cases/${s.c.id}/investigation/general-contacts?venueId=${s.office}`)
    const pick = (id: string) => {
      const i = list.items.find((y) => y.personId === id)
      if (!i) throw new Error(`no general contact ${id}`)
      return { personId: i.personId, degree: 'close', lastExposureAt: i.lastExposureAt, reasons: i.reasons }
    }
    const res = await post(`/api/cases/${s.c.id}/contacts`, {
      contacts: [
        pick(s.g1.id),
        pick(s.x.id),
        {
          personId: s.g3.id,
          degree: 'close',
          lastExposureAt: new Date(Date.now() - DAY + 9 * HOUR).toISOString(),
          reasons: [{ rule: 'investigator', note: '同乘电梯，交谈约十分钟' }],
        },
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json<ContactOutcome[]>()
    expect(out.map((o) => o.status)).toEqual(['confirmed', 'routed', 'confirmed'])
    expect(out[1]?.routedTo).toBe(s.other.communities[0])
    const rows = await t.services.database.db
      .selectFrom('contacts')
      .select(['person_id', 'reasons', 'degree'])
      .where('case_id', '=', s.c.id)
      .orderBy('id')
      .execute()
    expect(rows.map((r) => r.person_id)).toEqual([s.g1.id, s.x.id, s.g3.id])
    expect(rows[0]?.reasons).toEqual([
      expect.objectContaining({ rule: 'venue_copresence_general', venueId: s.office }),
    ])
    expect(rows[2]?.reasons).toEqual([{ rule: 'investigator', note: '同乘电梯，交谈约十分钟' }])
  })

  it('is scoped like the candidate list and refuses bad query parameters, naming them', async () => {
    const s = await scenario()
    const base = `/api/cases/${s.c.id}/investigation/general-contacts`
    const theirEpi = await t.login('epidemiologist', s.other.district)
    const commander = await t.login('commander', r.district)
    for (const url of [base, `${base}/summary`]) {
      expect((await get(url, theirEpi)).statusCode, url).toBe(403)
      expect((await get(url, commander)).statusCode, url).toBe(403)
    }
    expect((await get('/api/cases/999999999/investigation/general-contacts')).statusCode).toBe(404)
    expect((await get('/api/cases/999999999/investigation/general-contacts/summary')).statusCode).toBe(404)
    for (const [query, field] of [
      ['bufferMinutes=999', 'bufferMinutes'],
      ['bufferMinutes=-1', 'bufferMinutes'],
      ['venueId=1', 'venueId'],
    ] as const) {
      const res = await get(`${base}/summary?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.json<ErrorBody>().error.message, query).toContain(field)
    }
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['venueId=abc', 'venueId'],
      ['bufferMinutes=999', 'bufferMinutes'],
      ['page=2', 'page'],
      [`venueId=${s.restaurant}`, 'venueId'],
      ['venueId=999999999', 'venueId'],
    ] as const) {
      const res = await get(`${base}?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.json<ErrorBody>().error.message, query).toContain(field)
    }
  })

  it('the SQL count and list agree with the core overlap rule (general tier) on random stays', async () => {
    const db = t.services.database.db
    const office = await addVenue(db, r.communities[1], 'office', '随机写字楼')
    const caseP = await t.createPerson(r.communities[2])
    const t0 = Date.now() - 3 * DAY
    let seed = 20261128
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const caseStays: Visit[] = []
    // Two stays 40 minutes apart: their buffered intervals merge into one scan range.
    for (const start of [0, 20 * HOUR, 20 * HOUR + 40 * MINUTE, 44 * HOUR]) {
      const out = rnd(3) === 0 ? null : start + (60 + rnd(400)) * MINUTE
      caseStays.push({
        venueId: office,
        venueKind: 'office',
        checkedInAt: new Date(t0 + start),
        checkedOutAt: out === null ? null : new Date(t0 + out),
      })
    }
    const others: CoVisit[] = []
    for (let i = 0; i < 30; i++) {
      const p = await t.createPerson(r.communities[3])
      for (let j = 0; j < 1 + rnd(2); j++) {
        // Around the case's stays, on minute boundaries (edges hit exactly), some without check-out.
        const start = rnd(60) * HOUR + rnd(4) * 15 * MINUTE - 30 * MINUTE
        const len = rnd(4) === 0 ? null : rnd(300) * MINUTE
        others.push({
          personId: p.id,
          venueId: office,
          venueKind: 'office',
          checkedInAt: new Date(t0 + start),
          checkedOutAt: len === null ? null : new Date(t0 + start + len),
        })
      }
    }
    for (const v of [...caseStays.map((x) => ({ ...x, personId: caseP.id })), ...others]) {
      await sql`select ensure_checkin_partition(${v.checkedInAt.toISOString().slice(0, 10)}::date)`.execute(
        db,
      )
      await db
        .insertInto('checkins')
        .values({
          region_code: r.communities[1],
          venue_id: v.venueId,
          person_id: v.personId,
          checked_in_at: v.checkedInAt,
          checked_out_at: v.checkedOutAt,
        })
        .execute()
    }
    const onset = new Date(t0 + 2 * DAY + 3 * HOUR)
    const c = await reportCase(t, epi, {
      personId: caseP.id,
      onsetAt: onset.toISOString(),
      isolatedAt: new Date(t0 + 2 * DAY + 5 * HOUR).toISOString(),
    })
    const inv = (await get(`/api/cases/${c.id}/investigation?bufferMinutes=20`)).json<Investigation>()
    const counted = await summary(
      `/api/cases/${c.id}/investigation/general-contacts/summary?bufferMinutes=20`,
    )
    const listed = await page(`/api/cases/${c.id}/investigation/general-contacts?bufferMinutes=20&limit=200`)
    const window = { start: new Date(inv.window.start), end: new Date(inv.window.end) }
    const expected = findOverlapContacts(caseStays, others, {
      casePersonId: caseP.id,
      bufferMinutes: 20,
      params: RULE_SET_PRESETS.FK8.params,
      window,
      tier: 'general',
    })
    expect(expected.length).toBeGreaterThan(3)
    expect(expected.length).toBeLessThan(30)
    expect(counted.total).toBe(expected.length)
    expect(counted.byVenue).toEqual([
      { venueId: office, venueName: '随机写字楼', kind: 'office', count: expected.length },
    ])
    expect(listed.total).toBe(expected.length)
    expect(listed.items.map((i) => i.personId)).toEqual(
      expected.map((e) => e.personId).sort((a, b) => Number(a) - Number(b)),
    )
  })
})
