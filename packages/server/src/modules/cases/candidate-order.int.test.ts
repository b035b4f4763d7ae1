import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Investigation } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addCheckin, addHousehold, addVenue, ago, DAY, HOUR, reportCase } from '../../testing/cases-kit.js'

/**
 * The candidate list of an investigation puts the strongest rule first (RULES.md CC.SETTINGS 1:
 * the household before the venue co-visitors of CC.SETTINGS 5), longer exposure before shorter
 * within a rule, and says who is already under control (an open case, a confirmed contact of
 * this case, an isolation order running now) — so that the household contact is not on page 2
 * behind co-visitors, and nobody is confirmed twice.
 */
describe.each(TEST_DATABASES)('investigation candidates, ordered and marked on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
  })
  afterAll(async () => t.close())

  const open = async (caseId: string) => {
    const res = await t.app.inject({ url: `/api/cases/${caseId}/investigation`, headers: { cookie: epi } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<Investigation>()
  }

  it('household first, then co-visitors by duration; cases, contacts and isolated persons marked', async () => {
    const db = t.services.database.db
    const home = r.communities[0]
    const hh = await addHousehold(db, home)
    const caseP = await t.createPerson(home, { householdId: hh })
    const restaurant = await addVenue(db, home, 'restaurant', '饭店')
    const at = new Date(Date.now() - DAY)
    await addCheckin(db, { venueId: restaurant, personId: caseP.id, regionCode: home, at, minutes: 120 })
    // Twelve diners, created before the spouse (so ordering by id would put them first), staying
    // 10, 20, … 120 minutes with the case.
    const diners = []
    for (let i = 1; i <= 12; i++) {
      const d = await t.createPerson(home)
      await addCheckin(db, { venueId: restaurant, personId: d.id, regionCode: home, at, minutes: 10 * i })
      diners.push(d)
    }
    const spouse = await t.createPerson(home, { householdId: hh })
    const [longest = '', second = '', third = ''] = [diners[11], diners[10], diners[9]].map(
      (d) => d?.id ?? '',
    )
    // `second` is in an isolation order running now; `third` is an open case himself.
    await db
      .insertInto('quarantine_orders')
      .values({
        person_id: second ?? '',
        region_code: home,
        kind: 'centralized',
        reason: 'other',
        starts_at: new Date(Date.now() - HOUR),
        ends_at: new Date(Date.now() + 13 * DAY),
      })
      .execute()
    await reportCase(t, epi, { personId: third ?? '', onsetAt: ago(DAY / 4) })
    const c = await reportCase(t, epi, { personId: caseP.id, onsetAt: ago(DAY / 2) })

    const first = await open(c.id)
    expect(first.candidates.map((x) => x.personId)).toEqual([
      spouse.id,
      ...[...diners].reverse().map((d) => d.id),
    ])
    expect(first.candidates[0]?.strongest.rule).toBe('household')
    const byId = new Map(first.candidates.map((x) => [x.personId, x]))
    expect(byId.get(spouse.id)?.control).toBeNull()
    expect(byId.get(longest)?.control).toBeNull()
    expect(byId.get(second)?.control?.kind).toBe('quarantine')
    expect(byId.get(third)?.control?.kind).toBe('case')

    // Confirming the spouse puts him under control as this case's contact (the strongest kind
    // after a case: his new isolation order does not hide it).
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/contacts`,
      headers: { cookie: epi },
      payload: {
        contacts: [
          {
            personId: spouse.id,
            degree: 'close',
            lastExposureAt: ago(HOUR),
            reasons: [{ rule: 'household' }],
          },
        ],
      },
    })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const again = await open(c.id)
    expect(again.candidates[0]).toMatchObject({ personId: spouse.id, control: { kind: 'contact' } })
  })

  it('persons of another region carry no control state (their measures are that region’s)', async () => {
    const db = t.services.database.db
    const home = r.communities[1]
    const other = await t.makeRegions()
    const caseP = await t.createPerson(home)
    const visitor = await t.createPerson(other.communities[0])
    const venue = await addVenue(db, home, 'restaurant', '饭店')
    const at = new Date(Date.now() - DAY)
    await addCheckin(db, { venueId: venue, personId: caseP.id, regionCode: home, at, minutes: 60 })
    await addCheckin(db, { venueId: venue, personId: visitor.id, regionCode: home, at, minutes: 60 })
    await reportCase(t, await t.login('epidemiologist', other.district), {
      personId: visitor.id,
      onsetAt: ago(DAY / 4),
    })
    const c = await reportCase(t, epi, { personId: caseP.id, onsetAt: ago(DAY / 2) })
    const inv = await open(c.id)
    expect(inv.candidates.find((x) => x.personId === visitor.id)).toMatchObject({
      otherRegion: true,
      control: null,
    })
  })
})
