import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord, DischargeCheck, HealthCodeStatus } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addCheckin, addVenue } from '../../testing/cases-kit.js'

const DAY = 86_400_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

describe.each(TEST_DATABASES)('cases and contacts on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
  })
  afterAll(async () => t.close())

  const post = (url: string, payload: object, cookie = epi) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
  const colour = async (personId: string) =>
    (
      await t.app.inject({ url: `/api/persons/${personId}/health-code`, headers: { cookie: epi } })
    ).json<HealthCodeStatus>()

  it('a confirmed case turns the person red at once; one open case per person', async () => {
    const p = await t.createPerson(r.communities[0])
    const res = await post('/api/cases', {
      personId: p.id,
      status: 'confirmed',
      severity: 'ordinary',
      onsetAt: ago(2 * DAY),
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<CaseRecord>()).toMatchObject({ status: 'confirmed', severity: 'ordinary', version: 1 })
    const c = await colour(p.id)
    expect(c.colour).toBe('red')
    expect(c.reasons[0]?.code).toBe('ACTIVE_CASE')
    expect(
      (await post('/api/cases', { personId: p.id, status: 'suspected', onsetAt: ago(DAY) })).statusCode,
    ).toBe(409)
  })

  it('re-classification follows the rules, with history; a stale version or a forbidden move is refused', async () => {
    const p = await t.createPerson(r.communities[0])
    const c = (
      await post('/api/cases', { personId: p.id, status: 'asymptomatic', firstPositiveSampleAt: ago(DAY) })
    ).json<CaseRecord>()
    const noOnset = await post(`/api/cases/${c.id}/reclassify`, {
      version: 1,
      status: 'confirmed',
      reason: 'symptoms',
    })
    expect(noOnset.statusCode).toBe(409)
    expect(noOnset.json<{ error: { code: string } }>().error.code).toBe('TRANSITION_NOT_ALLOWED')
    const ok = await post(`/api/cases/${c.id}/reclassify`, {
      version: 1,
      status: 'confirmed',
      onsetAt: ago(3600_000),
      reason: 'cough since this morning',
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json<CaseRecord>().history.map((h) => h.to)).toEqual(['asymptomatic', 'confirmed'])
    expect(
      (
        await post(`/api/cases/${c.id}/reclassify`, {
          version: 1,
          status: 'confirmed',
          severity: 'severe',
          reason: 'worse now',
        })
      ).statusCode,
    ).toBe(409)
    const back = await post(`/api/cases/${c.id}/reclassify`, {
      version: 2,
      status: 'asymptomatic',
      reason: 'mistake',
    })
    expect(back.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
    })
  })

  it('discharge says which criteria are missing, and goes through when they are met', async () => {
    const p = await t.createPerson(r.communities[1])
    const c = (
      await post('/api/cases', {
        personId: p.id,
        status: 'confirmed',
        onsetAt: ago(20 * DAY),
        firstPositiveSampleAt: ago(19 * DAY),
      })
    ).json<CaseRecord>()
    const check = (
      await t.app.inject({ url: `/api/cases/${c.id}/discharge-check`, headers: { cookie: epi } })
    ).json<DischargeCheck>()
    expect(check.met).toBe(false)
    expect(check.criteria.map((x) => x.id)).toEqual([
      'AFEBRILE',
      'SYMPTOMS_IMPROVED',
      'IMAGING_IMPROVED',
      'NAT_NEGATIVE_TWICE',
    ])
    const lab = await t.login('lab', '420100')
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(3 * DAY), result: 'negative' }, lab)
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(DAY), result: 'negative' }, lab)
    const refused = await post(`/api/cases/${c.id}/discharge`, {
      version: 1,
      symptomsImproved: true,
      imagingImproved: true,
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json<{ error: { code: string; message: string } }>().error.message).toMatch(
      /normal temperatures/,
    )
    // temperatures recorded by staff on each of the last 4 days
    const db = t.services.database.db
    for (let d = 0; d < 4; d++) {
      await db
        .insertInto('health_declarations')
        .values({
          person_id: p.id,
          region_code: r.communities[1],
          declared_at: new Date(Date.now() - d * DAY - 3600_000),
          temperature_c: '36.6',
          symptoms: [],
          source: 'staff',
        })
        .execute()
    }
    const ok = await post(`/api/cases/${c.id}/discharge`, {
      version: 1,
      symptomsImproved: true,
      imagingImproved: true,
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json<CaseRecord>().outcome).toBe('discharged')
    const after = await colour(p.id)
    expect(after.colour).toBe('red')
    expect(after.reasons[0]?.code).toBe('POST_DISCHARGE')
  })

  it('confirming contacts places them under quarantine, recolours them, routes other regions as 协查, refuses the case itself', async () => {
    const caseP = await t.createPerson(r.communities[0])
    const c = (
      await post('/api/cases', { personId: caseP.id, status: 'confirmed', onsetAt: ago(DAY) })
    ).json<CaseRecord>()
    const mine = await t.createPerson(r.communities[2])
    const other = await t.makeRegions()
    const theirs = await t.createPerson(other.communities[0])
    const res = await post(`/api/cases/${c.id}/contacts`, {
      contacts: [
        { personId: mine.id, degree: 'close', lastExposureAt: ago(DAY), reasons: [{ rule: 'household' }] },
        { personId: theirs.id, degree: 'close', lastExposureAt: ago(DAY) },
        { personId: caseP.id, degree: 'close', lastExposureAt: ago(DAY) },
        { personId: mine.id, degree: 'close', lastExposureAt: ago(DAY) },
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json<
      {
        status: string
        error: { code: string } | null
        quarantineOrderId: string | null
        routedTo: string | null
      }[]
    >()
    expect(out.map((o) => o.status)).toEqual(['confirmed', 'routed', 'rejected', 'rejected'])
    expect(out[0]?.quarantineOrderId).not.toBeNull()
    expect(out[1]?.routedTo).toBe(other.communities[0])
    expect(out[2]?.error?.code).toBe('CONTACT_IS_CASE')
    expect(out[3]?.error?.code).toBe('CONFLICT')
    const s = await colour(mine.id)
    expect(s.colour).toBe('red')
    const list = (await t.app.inject({ url: `/api/cases/${c.id}/contacts`, headers: { cookie: epi } })).json<
      { personId: string | null; otherRegion: boolean }[]
    >()
    expect(list.find((x) => x.otherRegion)?.personId).toBeNull()
    const outgoing = (
      await t.app.inject({ url: '/api/assist-requests?direction=outgoing', headers: { cookie: epi } })
    ).json<{ toRegion: string }[]>()
    expect(outgoing.map((a) => a.toRegion)).toContain(other.communities[0])
    const theirEpi = await t.login('epidemiologist', other.district)
    const incoming = (
      await t.app.inject({ url: '/api/assist-requests?direction=incoming', headers: { cookie: theirEpi } })
    ).json<{ personId: string | null }[]>()
    expect(incoming.map((a) => a.personId)).toContain(theirs.id)

    // Exportable: the same requests as CSV (BOM, header, one line each), the person only for the
    // receiving region; audited as an export; a bad direction is a 400.
    const csv = (direction: string, cookie: string) =>
      t.app.inject({ url: `/api/assist-requests.csv?direction=${direction}`, headers: { cookie } })
    const sent = await csv('outgoing', epi)
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.headers['content-type']).toMatch(/^text\/csv/)
    expect(sent.headers['content-disposition']).toMatch(/attachment; filename="assist-requests-outgoing.csv"/)
    const lines = sent.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'id,status,from_region,to_region,case_id,contact_id,person_id,degree,last_exposure_at,rules,created_at',
    )
    const mineLine = lines.find((l) => l.includes(`,${other.communities[0]},${c.id},`))
    expect(mineLine?.split(',')[6]).toBe('')
    const received = (await csv('incoming', theirEpi)).body
    expect(received).toContain(`,${theirs.id},close,`)
    const exported = await t.services.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'assist_request.export')
      .execute()
    expect(exported.length).toBeGreaterThanOrEqual(2)
    expect((await csv('sideways', epi)).statusCode).toBe(400)
  })

  it('opening an investigation finds co-visitors at a restaurant (with the buffer), the household, and marks other regions', async () => {
    const db = t.services.database.db
    const hh = await db
      .insertInto('households')
      .values({ region_code: r.communities[0], address: '3-302' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const caseP = await t.createPerson(r.communities[0], { householdId: hh.id })
    const spouse = await t.createPerson(r.communities[0], { householdId: hh.id })
    const shopper = await t.createPerson(r.communities[1])
    const late = await t.createPerson(r.communities[1])
    const other = await t.makeRegions()
    const visitor = await t.createPerson(other.communities[0])
    const venue = await db
      .insertInto('venues')
      .values({ region_code: r.communities[1], kind: 'restaurant', name: '测试饭店' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const at = new Date(Date.now() - DAY)
    const day = at.toISOString().slice(0, 10)
    const { sql } = await import('kysely')
    await sql`select ensure_checkin_partition(${day}::date)`.execute(db)
    await sql`select ensure_checkin_partition(${new Date(at.getTime() + 6 * 3600_000).toISOString().slice(0, 10)}::date)`.execute(
      db,
    )
    const row = (personId: string, minutesAfter: number, stay: number) => ({
      region_code: r.communities[1],
      venue_id: venue.id,
      person_id: personId,
      checked_in_at: new Date(at.getTime() + minutesAfter * 60_000),
      checked_out_at: new Date(at.getTime() + (minutesAfter + stay) * 60_000),
    })
    await db
      .insertInto('checkins')
      .values([row(caseP.id, 0, 30), row(shopper.id, 10, 20), row(late.id, 300, 20), row(visitor.id, 40, 10)])
      .execute()
    const c = (
      await post('/api/cases', { personId: caseP.id, status: 'confirmed', onsetAt: ago(DAY / 2) })
    ).json<CaseRecord>()
    const res = await t.app.inject({
      url: `/api/cases/${c.id}/investigation?bufferMinutes=15`,
      headers: { cookie: epi },
    })
    expect(res.statusCode, res.body).toBe(200)
    const inv = res.json<{
      window: { start: string }
      timeline: unknown[]
      candidates: { personId: string; otherRegion: boolean; strongest: { rule: string }; name: string }[]
    }>()
    expect(inv.timeline).toHaveLength(1)
    const byId = new Map(inv.candidates.map((x) => [x.personId, x]))
    expect(byId.get(spouse.id)?.strongest.rule).toBe('household')
    expect(byId.get(shopper.id)?.strongest.rule).toBe('venue_overlap')
    expect(byId.has(late.id)).toBe(false)
    expect(byId.has(caseP.id)).toBe(false)
    expect(byId.get(visitor.id)).toMatchObject({ otherRegion: true })
    expect(byId.get(visitor.id)?.name).toMatch(/\*/)
  })

  it('a stay with a check-out reaches back up to a day: a hotel guest of 20 hours overlaps the case', async () => {
    const db = t.services.database.db
    const caseP = await t.createPerson(r.communities[0])
    const guest = await t.createPerson(r.communities[0])
    const venue = await addVenue(db, r.communities[0], 'hotel', '测试宾馆')
    const at = new Date(Date.now() - DAY)
    await addCheckin(db, {
      venueId: venue,
      personId: caseP.id,
      regionCode: r.communities[0],
      at,
      minutes: 60,
    })
    // Checked in 20 h before the case arrived, checked out an hour after (a check-out closes up to 24 h back).
    await addCheckin(db, {
      venueId: venue,
      personId: guest.id,
      regionCode: r.communities[0],
      at: new Date(at.getTime() - 20 * 3600_000),
      minutes: 21 * 60,
    })
    const c = (
      await post('/api/cases', { personId: caseP.id, status: 'confirmed', onsetAt: ago(DAY / 2) })
    ).json<CaseRecord>()
    const res = await t.app.inject({ url: `/api/cases/${c.id}/investigation`, headers: { cookie: epi } })
    expect(res.statusCode, res.body).toBe(200)
    const inv = res.json<{
      candidates: { personId: string; strongest: { rule: string; minutes: number } }[]
    }>()
    expect(inv.candidates.find((x) => x.personId === guest.id)?.strongest).toMatchObject({
      rule: 'venue_overlap',
      minutes: 60,
    })
  })

  it('cases of another district are out of scope; bad input is refused', async () => {
    const other = await t.makeRegions()
    const p = await t.createPerson(other.communities[0])
    expect(
      (await post('/api/cases', { personId: p.id, status: 'confirmed', onsetAt: ago(DAY) })).statusCode,
    ).toBe(403)
    const q = await t.createPerson(r.communities[3])
    expect((await post('/api/cases', { personId: q.id, status: 'confirmed' })).statusCode).toBe(400)
    expect(
      (
        await post('/api/cases', {
          personId: q.id,
          status: 'confirmed',
          onsetAt: new Date(Date.now() + 3 * DAY).toISOString(),
        })
      ).statusCode,
    ).toBe(400)
    expect(
      (await post('/api/cases', { personId: q.id, status: 'cured', onsetAt: ago(DAY) })).statusCode,
    ).toBe(400)
    const cw = await t.login('community_worker', r.communities[3])
    expect(
      (await post('/api/cases', { personId: q.id, status: 'confirmed', onsetAt: ago(DAY) }, cw)).statusCode,
    ).toBe(403)
  })

  it('a contact of a second case keeps one quarantine order, extended to the later end, never shortened', async () => {
    const contact = await t.createPerson(r.communities[0])
    const newCase = async () => {
      const p = await t.createPerson(r.communities[0])
      return (
        await post('/api/cases', { personId: p.id, status: 'confirmed', onsetAt: ago(DAY) })
      ).json<CaseRecord>()
    }
    const confirm = async (caseId: string, exposedAgo: number) => {
      const res = await post(`/api/cases/${caseId}/contacts`, {
        contacts: [{ personId: contact.id, degree: 'close', lastExposureAt: ago(exposedAgo) }],
      })
      expect(res.statusCode, res.body).toBe(200)
      const [o] = res.json<{ status: string; quarantineOrderId: string | null }[]>()
      expect(o?.status).toBe('confirmed')
      return o?.quarantineOrderId
    }
    const orders = () =>
      t.services.database.db
        .selectFrom('quarantine_orders')
        .select(['id', 'ends_at'])
        .where('person_id', '=', contact.id)
        .execute()
    const first = await confirm((await newCase()).id, 3 * DAY)
    const [before] = await orders()
    const second = await confirm((await newCase()).id, DAY)
    expect(second).toBe(first)
    const [after, extra] = await orders()
    expect(extra).toBeUndefined()
    expect((after?.ends_at.getTime() ?? 0) - (before?.ends_at.getTime() ?? 0)).toBeCloseTo(2 * DAY, -4)
    // An older exposure in a third investigation does not shorten it.
    expect(await confirm((await newCase()).id, 5 * DAY)).toBe(first)
    expect((await orders())[0]?.ends_at.getTime()).toBe(after?.ends_at.getTime())
  })
})
