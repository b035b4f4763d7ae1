import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { RULE_SET_PRESETS } from '@lianfang/core'
import type { ContactOutcome, Investigation, SecondaryInvestigation } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import {
  addCheckin,
  addHousehold,
  addVenue,
  DAY,
  HOUR,
  reportCase,
  useEdition,
} from '../../testing/cases-kit.js'

describe.each(TEST_DATABASES)('secondary contacts (密接的密接) on %s', (kind) => {
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
  const secondary = async (url: string, cookie = epi) => {
    const res = await get(url, cookie)
    return { status: res.statusCode, body: res.json<SecondaryInvestigation>() }
  }
  const investigation = async (caseId: string, cookie = epi) =>
    (await get(`/api/cases/${caseId}/investigation`, cookie)).json<Investigation>()
  const post = (url: string, payload: object, cookie = epi) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })

  /**
   * A case (at a gym at t0 with close contact A), A then at a restaurant with S (mine), O
   * (another district) and, before meeting the case, E; A lives with H, and works in an office
   * building where W was too (a general-tier venue: no secondary contact by co-presence).
   */
  async function scenario() {
    const db = t.services.database.db
    const t0 = new Date(Date.now() - 2 * DAY)
    const gym = await addVenue(db, r.communities[1], 'gym', '健身房')
    const office = await addVenue(db, r.communities[1], 'office', '写字楼')
    const restaurant = await addVenue(db, r.communities[1], 'restaurant', '饭店')
    const caseP = await t.createPerson(r.communities[0])
    const hh = await addHousehold(db, r.communities[2])
    const a = await t.createPerson(r.communities[2], { householdId: hh })
    const h = await t.createPerson(r.communities[2], { householdId: hh })
    const s = await t.createPerson(r.communities[3])
    const e = await t.createPerson(r.communities[3])
    const w = await t.createPerson(r.communities[3])
    const other = await t.makeRegions()
    const o = await t.createPerson(other.communities[0])
    const at = (ms: number) => new Date(t0.getTime() + ms)
    const stay = (venueId: string, personId: string, ms: number, minutes: number) =>
      addCheckin(db, { venueId, personId, regionCode: r.communities[1], at: at(ms), minutes })
    await stay(gym, caseP.id, 0, 40)
    await stay(gym, a.id, 10 * 60_000, 20)
    await stay(office, a.id, 5 * HOUR, 240)
    await stay(office, w.id, 5 * HOUR + 30 * 60_000, 120)
    await stay(restaurant, a.id, 3 * HOUR, 60)
    await stay(restaurant, s.id, 3 * HOUR + 10 * 60_000, 30)
    await stay(restaurant, o.id, 3 * HOUR + 20 * 60_000, 30)
    await stay(restaurant, e.id, -10 * HOUR, 30)
    const c = await reportCase(t, epi, {
      personId: caseP.id,
      onsetAt: new Date(Date.now() - DAY).toISOString(),
    })
    return { c, caseP, a, h, s, e, w, o, other, restaurant }
  }

  it('finds the contacts of each confirmed close contact from their first exposure, with `via`, and masks other regions', async () => {
    const { c, caseP, a, h, s, e, w, o, restaurant } = await scenario()
    // Before any close contact is confirmed: nothing to trace.
    const empty = await secondary(`/api/cases/${c.id}/investigation/secondary`)
    expect(empty.status).toBe(200)
    expect(empty.body).toMatchObject({ managed: true, observationDays: 7, traced: [], candidates: [] })

    // Confirm A from the investigation's candidates (its reasons carry the first exposure).
    const inv = await investigation(c.id)
    const candA = inv.candidates.find((x) => x.personId === a.id)
    expect(candA?.strongest.rule).toBe('venue_overlap')
    const confirmed = await post(`/api/cases/${c.id}/contacts`, {
      contacts: [
        { personId: a.id, degree: 'close', lastExposureAt: candA?.lastExposureAt, reasons: candA?.reasons },
      ],
    })
    expect(confirmed.json<ContactOutcome[]>()[0]?.status).toBe('confirmed')

    const res = await secondary(`/api/cases/${c.id}/investigation/secondary?bufferMinutes=15`)
    expect(res.status).toBe(200)
    expect(res.body.traced.map((x) => x.personId)).toEqual([a.id])
    const byId = new Map(res.body.candidates.map((x) => [x.personId, x]))
    expect(byId.get(s.id)).toMatchObject({ degree: 'secondary', viaPersonId: a.id, otherRegion: false })
    expect(byId.get(s.id)?.strongest).toMatchObject({ rule: 'venue_overlap', venueId: restaurant, via: a.id })
    expect(res.body.venues).toContainEqual({ venueId: restaurant, name: '饭店' })
    expect(byId.get(h.id)?.strongest).toMatchObject({ rule: 'household', via: a.id })
    expect(byId.get(o.id)).toMatchObject({ otherRegion: true, viaPersonId: a.id })
    expect(byId.get(o.id)?.name).toMatch(/\*/)
    // Before A met the case; the case and A themselves are never secondary contacts; nor is W,
    // only in the same office building as A (CC2.DEF: the same enclosed environment).
    expect(byId.has(e.id)).toBe(false)
    expect(byId.has(w.id)).toBe(false)
    expect(byId.has(caseP.id)).toBe(false)
    expect(byId.has(a.id)).toBe(false)
    for (const cand of res.body.candidates) for (const reason of cand.reasons) expect(reason.via).toBe(a.id)
  })

  it('confirms secondary contacts through the bulk endpoint: 7 days (CC2.OBS), 协查 for other regions, `via` checked', async () => {
    const { c, a, s, o, other } = await scenario()
    const inv = await investigation(c.id)
    const candA = inv.candidates.find((x) => x.personId === a.id)
    await post(`/api/cases/${c.id}/contacts`, {
      contacts: [
        { personId: a.id, degree: 'close', lastExposureAt: candA?.lastExposureAt, reasons: candA?.reasons },
      ],
    })
    const sec = await secondary(`/api/cases/${c.id}/investigation/secondary`)
    const pick = (id: string) => {
      const x = sec.body.candidates.find((y) => y.personId === id)
      if (!x) throw new Error(`no candidate ${id}`)
      return {
        personId: x.personId,
        degree: x.degree,
        viaPersonId: x.viaPersonId,
        lastExposureAt: x.lastExposureAt,
        reasons: x.reasons,
      }
    }
    const stranger = await t.createPerson(r.communities[3])
    const res = await post(`/api/cases/${c.id}/contacts`, {
      contacts: [
        pick(s.id),
        pick(o.id),
        { personId: stranger.id, degree: 'secondary', lastExposureAt: pick(s.id).lastExposureAt },
        {
          personId: stranger.id,
          degree: 'secondary',
          viaPersonId: s.id,
          lastExposureAt: pick(s.id).lastExposureAt,
        },
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json<ContactOutcome[]>()
    expect(out.map((x) => x.status)).toEqual(['confirmed', 'routed', 'rejected', 'rejected'])
    expect(out[1]?.routedTo).toBe(other.communities[0])
    expect(out[2]?.error?.code).toBe('VIA_REQUIRED')
    expect(out[3]?.error?.code).toBe('VIA_NOT_CLOSE_CONTACT')
    const order = await t.services.database.db
      .selectFrom('quarantine_orders')
      .select(['ends_at', 'reason'])
      .where('id', '=', out[0]?.quarantineOrderId ?? '0')
      .executeTakeFirstOrThrow()
    expect(order.reason).toBe('secondary_contact')
    expect(order.ends_at.getTime() - Date.parse(pick(s.id).lastExposureAt)).toBe(7 * DAY)
    const row = await t.services.database.db
      .selectFrom('contacts')
      .select(['degree', 'via_person_id'])
      .where('id', '=', out[0]?.contactId ?? '0')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ degree: 'secondary', via_person_id: a.id })
    // Confirmed ones leave the candidate list.
    const again = await secondary(`/api/cases/${c.id}/investigation/secondary`)
    expect(again.body.candidates.map((x) => x.personId)).not.toContain(s.id)
  })

  it('the trace of a close contact assumes the rule set’s dwell for stays without a check-out', async () => {
    const db = t.services.database.db
    /** A (household of the case) dined without a check-out; X came 150 minutes later, nor did X. */
    async function traced(restaurantDwell: number | undefined) {
      const reg = await t.makeRegions()
      if (restaurantDwell !== undefined) {
        const preset = RULE_SET_PRESETS.FK8.params
        await db
          .insertInto('rule_sets')
          .values({
            region_code: reg.district,
            name: `dwell ${restaurantDwell}`,
            edition: 'FK8',
            version: 1,
            params: JSON.stringify({
              ...preset,
              closeContact: {
                ...preset.closeContact,
                dwellMinutes: { ...preset.closeContact.dwellMinutes, restaurant: restaurantDwell },
              },
            }),
            status: 'published',
            published_at: new Date(),
          })
          .execute()
      }
      const epiR = await t.login('epidemiologist', reg.district)
      const hh = await addHousehold(db, reg.communities[0])
      const caseP = await t.createPerson(reg.communities[0], { householdId: hh })
      const a = await t.createPerson(reg.communities[0], { householdId: hh })
      const x = await t.createPerson(reg.communities[1])
      const restaurant = await addVenue(db, reg.communities[1], 'restaurant', '饭店')
      const dined = new Date(Date.now() - 6 * HOUR)
      for (const [personId, at] of [
        [a.id, dined],
        [x.id, new Date(dined.getTime() + 150 * 60_000)],
      ] as const) {
        await sql`select ensure_checkin_partition(${at.toISOString().slice(0, 10)}::date)`.execute(db)
        await db
          .insertInto('checkins')
          .values({
            region_code: reg.communities[1],
            venue_id: restaurant,
            person_id: personId,
            checked_in_at: at,
          })
          .execute()
      }
      const c = await reportCase(t, epiR, {
        personId: caseP.id,
        onsetAt: new Date(Date.now() - DAY).toISOString(),
      })
      const candA = (await investigation(c.id, epiR)).candidates.find((k) => k.personId === a.id)
      expect(candA?.strongest.rule).toBe('household')
      const confirmed = await post(
        `/api/cases/${c.id}/contacts`,
        {
          contacts: [
            {
              personId: a.id,
              degree: 'close',
              lastExposureAt: candA?.lastExposureAt,
              reasons: candA?.reasons,
            },
          ],
        },
        epiR,
      )
      expect(confirmed.json<ContactOutcome[]>()[0]?.status).toBe('confirmed')
      const res = await secondary(`/api/cases/${c.id}/investigation/secondary?bufferMinutes=15`, epiR)
      expect(res.status).toBe(200)
      return res.body.candidates.some((k) => k.personId === x.id)
    }
    // Default restaurant dwell 75 minutes (+ 15 buffer): X came too late; 240 minutes: X met A.
    expect(await traced(undefined)).toBe(false)
    expect(await traced(240)).toBe(true)
  })

  it('under FK6 (no secondary-contact management) the list is empty with a note, and confirmation is refused', async () => {
    const fk6 = await t.makeRegions()
    const db = t.services.database.db
    await useEdition(db, fk6.district, 'FK6')
    const epi6 = await t.login('epidemiologist', fk6.district)
    const hh = await addHousehold(db, fk6.communities[0])
    const caseP = await t.createPerson(fk6.communities[0], { householdId: hh })
    const a = await t.createPerson(fk6.communities[0], { householdId: hh })
    const b = await t.createPerson(fk6.communities[1])
    const c = await reportCase(t, epi6, {
      personId: caseP.id,
      onsetAt: new Date(Date.now() - DAY).toISOString(),
    })
    await post(
      `/api/cases/${c.id}/contacts`,
      { contacts: [{ personId: a.id, degree: 'close', lastExposureAt: new Date().toISOString() }] },
      epi6,
    )
    const res = await secondary(`/api/cases/${c.id}/investigation/secondary`, epi6)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ managed: false, observationDays: 0, candidates: [] })
    expect(res.body.note).toMatch(/FK6/)
    const refused = await post(
      `/api/cases/${c.id}/contacts`,
      {
        contacts: [
          {
            personId: b.id,
            degree: 'secondary',
            viaPersonId: a.id,
            lastExposureAt: new Date().toISOString(),
          },
        ],
      },
      epi6,
    )
    expect(refused.json<ContactOutcome[]>()[0]?.error?.code).toBe('SECONDARY_NOT_MANAGED')
  })

  it('says why a confirmed close contact is not traced, as a code the console words (other_region)', async () => {
    const { c, a, o, other } = await scenario()
    const candA = (await investigation(c.id)).candidates.find((x) => x.personId === a.id)
    const ago = new Date(Date.now() - DAY).toISOString()
    const out = await post(`/api/cases/${c.id}/contacts`, {
      contacts: [
        { personId: a.id, degree: 'close', lastExposureAt: candA?.lastExposureAt, reasons: candA?.reasons },
        { personId: o.id, degree: 'close', lastExposureAt: ago },
      ],
    })
    const [, routed] = out.json<ContactOutcome[]>()
    expect(routed?.status).toBe('routed')
    const res = await secondary(`/api/cases/${c.id}/investigation/secondary`)
    expect(res.body.traced.map((x) => x.personId)).toEqual([a.id])
    expect(res.body.skipped).toEqual([
      {
        contactId: routed?.contactId,
        personId: null,
        regionCode: other.communities[0],
        reason: 'other_region',
        params: {},
      },
    ])
  })

  it('is scoped and refuses bad input with 4xx', async () => {
    const caseP = await t.createPerson(r.communities[0])
    const c = await reportCase(t, epi, {
      personId: caseP.id,
      onsetAt: new Date(Date.now() - DAY).toISOString(),
    })
    const other = await t.makeRegions()
    const theirEpi = await t.login('epidemiologist', other.district)
    expect((await get(`/api/cases/${c.id}/investigation/secondary`, theirEpi)).statusCode).toBe(403)
    const commander = await t.login('commander', r.district)
    expect((await get(`/api/cases/${c.id}/investigation/secondary`, commander)).statusCode).toBe(403)
    expect((await get('/api/cases/999999999/investigation/secondary')).statusCode).toBe(404)
    expect((await get('/api/cases/abc/investigation/secondary')).statusCode).toBe(400)
    expect((await get(`/api/cases/${c.id}/investigation/secondary?bufferMinutes=999`)).statusCode).toBe(400)
    expect((await get(`/api/cases/${c.id}/investigation/secondary?x=1`)).statusCode).toBe(400)
  })
})
