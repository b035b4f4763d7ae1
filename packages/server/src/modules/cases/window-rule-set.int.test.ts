import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { DEFAULT_EDITION, RULE_SET_PRESETS } from '@lianfang/core'
import type { Investigation, RuleSetRecord } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addVenue, DAY, HOUR, reportCase } from '../../testing/cases-kit.js'

/**
 * The exposure window is the region's rule set's (`closeContact.windowBeforeOnsetDays`), whatever
 * the default edition says: the investigation reads the case's stays beside the rule set over the
 * default edition's window, and again over the region's when that reaches further back; when it
 * reaches less far, the stays before it are left out.
 */
describe.each(TEST_DATABASES)('exposure window of the region rule set on %s', (kind) => {
  let t: TestApp
  let admin: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    admin = await t.login('admin', '420100')
  })
  afterAll(async () => t.close())

  const post = (url: string, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })

  async function stay(r: TestRegions, venueId: string, personId: string, at: Date) {
    const db = t.services.database.db
    await sql`select ensure_checkin_partition(${at.toISOString().slice(0, 10)}::date)`.execute(db)
    await db
      .insertInto('checkins')
      .values({
        region_code: r.communities[1],
        venue_id: venueId,
        person_id: personId,
        checked_in_at: at,
        checked_out_at: new Date(at.getTime() + HOUR),
      })
      .execute()
  }

  async function publishWindow(r: TestRegions, days: number) {
    const preset = RULE_SET_PRESETS[DEFAULT_EDITION].params
    const draft = await post('/api/rule-sets', admin, {
      regionCode: r.district,
      name: `window ${days} d`,
      edition: DEFAULT_EDITION,
      params: { ...preset, closeContact: { ...preset.closeContact, windowBeforeOnsetDays: days } },
    })
    expect(draft.statusCode, draft.body).toBe(201)
    const id = draft.json<RuleSetRecord>().id
    const published = await post(`/api/rule-sets/${id}/publish`, admin, {})
    expect(published.statusCode, published.body).toBe(200)
  }

  /** The case and a diner met at a restaurant `daysBefore` days before the case's onset. */
  async function investigate(r: TestRegions, daysBefore: number) {
    const db = t.services.database.db
    const onset = new Date(Date.now() - DAY / 4)
    const restaurant = await addVenue(db, r.communities[1], 'restaurant', '饭店')
    const caseP = await t.createPerson(r.communities[2])
    const diner = await t.createPerson(r.communities[2])
    const met = new Date(onset.getTime() - daysBefore * DAY)
    await stay(r, restaurant, caseP.id, met)
    await stay(r, restaurant, diner.id, new Date(met.getTime() + 10 * 60_000))
    const epi = await t.login('epidemiologist', r.district)
    const c = await reportCase(t, epi, { personId: caseP.id, onsetAt: onset.toISOString() })
    const res = await t.app.inject({ url: `/api/cases/${c.id}/investigation`, headers: { cookie: epi } })
    expect(res.statusCode, res.body).toBe(200)
    const inv = res.json<Investigation>()
    return {
      inTimeline: inv.timeline.some((v) => v.venueId === restaurant),
      candidate: inv.candidates.some((x) => x.personId === diner.id),
      windowStart: new Date(inv.window.start).getTime(),
      onset: onset.getTime(),
    }
  }

  it('under the default edition a meeting 4 days before onset is outside the window', async () => {
    expect(RULE_SET_PRESETS[DEFAULT_EDITION].params.closeContact.windowBeforeOnsetDays).toBeLessThan(4)
    const s = await investigate(await t.makeRegions(), 4)
    expect(s.inTimeline).toBe(false)
    expect(s.candidate).toBe(false)
  })

  it('a region rule set with a 5-day window finds it (stays read again over the longer window)', async () => {
    const r = await t.makeRegions()
    await publishWindow(r, 5)
    const s = await investigate(r, 4)
    expect(s.onset - s.windowStart).toBe(5 * DAY)
    expect(s.inTimeline).toBe(true)
    expect(s.candidate).toBe(true)
  })

  it('a region rule set with a shorter window leaves out what the default edition would see', async () => {
    const r = await t.makeRegions()
    await publishWindow(r, 0)
    // 1.5 days before onset: inside the default edition's window (2 days), outside this one.
    const s = await investigate(r, 1.5)
    expect(s.onset - s.windowStart).toBe(0)
    expect(s.inTimeline).toBe(false)
    expect(s.candidate).toBe(false)
    const control = await investigate(await t.makeRegions(), 1.5)
    expect(control.inTimeline).toBe(true)
    expect(control.candidate).toBe(true)
  })
})
