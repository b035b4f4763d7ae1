import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord, ClusterAlert, ClusterPage, DetectClustersResult } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp } from '../../testing/test-app.js'
import {
  addCheckin,
  addHousehold,
  addVenue,
  ago,
  DAY,
  HOUR,
  reportCase,
  useEdition,
} from '../../testing/cases-kit.js'

describe.each(TEST_DATABASES)('cluster alerts (聚集性疫情) on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t.close())

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } })
  const list = async (query: string, cookie: string) =>
    (await get(`/api/clusters?${query}`, cookie)).json<ClusterPage>()
  const post = (url: string, payload: object, cookie: string) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
  const alertsOf = async (cookie: string, key: string, kind = 'household') =>
    (await list('pageSize=200', cookie)).items.filter((a) => a.key === key && a.kind === kind)

  it('raises a household alert at N cases of the rule set (FK8: 5 in 14 days), not before', async () => {
    const r = await t.makeRegions()
    const epi = await t.login('epidemiologist', r.district)
    const db = t.services.database.db
    const hh = await addHousehold(db, r.communities[0])
    const people = []
    for (let i = 0; i < 5; i++) people.push(await t.createPerson(r.communities[0], { householdId: hh }))
    const cases: CaseRecord[] = []
    for (const p of people.slice(0, 4))
      cases.push(await reportCase(t, epi, { personId: p.id, onsetAt: ago(3 * DAY) }))
    expect(await alertsOf(epi, hh)).toEqual([])
    cases.push(await reportCase(t, epi, { personId: people[4]?.id ?? '', onsetAt: ago(DAY) }))
    const [alert, ...more] = await alertsOf(epi, hh)
    expect(more).toEqual([])
    expect(alert).toMatchObject({
      kind: 'household',
      regionCode: r.communities[0],
      status: 'open',
      active: true,
      minCases: 5,
      windowDays: 14,
      settingName: null,
    })
    expect([...(alert?.caseIds ?? [])].sort()).toEqual(cases.map((c) => c.id).sort())
    expect(alert?.ruleSetVersion).toMatch(/^FK8@/)
  })

  it('FK6: 2 cases at one venue within their exposure windows; re-detection updates, never duplicates; acknowledge; new cases re-open', async () => {
    const r = await t.makeRegions()
    const db = t.services.database.db
    await useEdition(db, r.district, 'FK6')
    const epi = await t.login('epidemiologist', r.district)
    const venue = await addVenue(db, r.communities[1], 'restaurant', '聚餐饭店')
    const at = new Date(Date.now() - 2 * DAY)
    const [p1, p2, p3, far] = [
      await t.createPerson(r.communities[0]),
      await t.createPerson(r.communities[2]),
      await t.createPerson(r.communities[3]),
      await t.createPerson(r.communities[3]),
    ]
    for (const [i, p] of [p1, p2, p3].entries())
      await addCheckin(db, {
        venueId: venue,
        personId: p.id,
        regionCode: r.communities[1],
        at: new Date(at.getTime() + i * HOUR),
        minutes: 60,
      })
    // Went there after their own isolation (outside their exposure window): not linked.
    await addCheckin(db, { venueId: venue, personId: far.id, regionCode: r.communities[1], at, minutes: 60 })
    await reportCase(t, epi, { personId: far.id, onsetAt: ago(4 * DAY), isolatedAt: ago(3 * DAY) })
    const c1 = await reportCase(t, epi, { personId: p1.id, onsetAt: ago(DAY) })
    expect(await alertsOf(epi, venue, 'venue')).toEqual([])
    const c2 = await reportCase(t, epi, {
      personId: p2.id,
      status: 'asymptomatic',
      firstPositiveSampleAt: ago(DAY),
    })
    const [alert] = await alertsOf(epi, venue, 'venue')
    expect(alert).toMatchObject({ kind: 'venue', settingName: '聚餐饭店', status: 'open', minCases: 2 })
    expect(alert?.caseIds).toHaveLength(2)
    expect([...(alert?.caseIds ?? [])].sort()).toEqual([c1.id, c2.id].sort())

    // On demand, twice: the same alert, nothing created.
    for (let i = 0; i < 2; i++) {
      const run = await post('/api/clusters/detect', { sinceDays: 30 }, epi)
      expect(run.statusCode, run.body).toBe(200)
      expect(run.json<DetectClustersResult>()).toMatchObject({ created: 0 })
    }
    expect((await alertsOf(epi, venue, 'venue')).map((a) => a.id)).toEqual([alert?.id])
    const count = await db
      .selectFrom('cluster_alerts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', 'venue')
      .where('key', '=', venue)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)

    const ack = await post(`/api/clusters/${alert?.id ?? ''}/acknowledge`, { note: '已派流调队' }, epi)
    expect(ack.statusCode, ack.body).toBe(200)
    expect(ack.json<ClusterAlert>()).toMatchObject({ status: 'acknowledged', note: '已派流调队' })
    expect(ack.json<ClusterAlert>().acknowledgedAt).not.toBeNull()
    expect((await list('status=acknowledged', epi)).items.map((a) => a.id)).toContain(alert?.id)
    // Acknowledging again changes nothing.
    expect((await post(`/api/clusters/${alert?.id ?? ''}/acknowledge`, {}, epi)).statusCode).toBe(200)

    // A third case at the venue: the same alert grows and is raised again.
    const c3 = await reportCase(t, epi, { personId: p3.id, onsetAt: ago(DAY) })
    const [grown, ...none] = await alertsOf(epi, venue, 'venue')
    expect(none).toEqual([])
    expect(grown).toMatchObject({ id: alert?.id, status: 'open' })
    expect(grown?.caseIds).toContain(c3.id)
  })

  it('re-classification runs detection: a suspected case confirmed completes a household cluster', async () => {
    const r = await t.makeRegions()
    const db = t.services.database.db
    await useEdition(db, r.district, 'FK6')
    const epi = await t.login('epidemiologist', r.district)
    const hh = await addHousehold(db, r.communities[2])
    const a = await t.createPerson(r.communities[2], { householdId: hh })
    const b = await t.createPerson(r.communities[2], { householdId: hh })
    await reportCase(t, epi, { personId: a.id, onsetAt: ago(2 * DAY) })
    const s = await reportCase(t, epi, { personId: b.id, status: 'suspected', onsetAt: ago(DAY) })
    expect(await alertsOf(epi, hh)).toEqual([])
    const re = await post(
      `/api/cases/${s.id}/reclassify`,
      { version: 1, status: 'confirmed', reason: 'NAT positive' },
      epi,
    )
    expect(re.statusCode, re.body).toBe(200)
    expect((await alertsOf(epi, hh)).map((x) => x.caseIds.length)).toEqual([2])
    const keys = async (q: string) => (await list(q, epi)).items.map((x) => `${x.kind}:${x.key}`)
    expect(await keys('active=true')).toContain(`household:${hh}`)
    expect(await keys('active=false')).not.toContain(`household:${hh}`)
  })

  it('is region-scoped, and bad input is a clear 4xx', async () => {
    const r = await t.makeRegions()
    const db = t.services.database.db
    await useEdition(db, r.district, 'FK6')
    const epi = await t.login('epidemiologist', r.district)
    const hh = await addHousehold(db, r.communities[0])
    for (let i = 0; i < 2; i++) {
      const p = await t.createPerson(r.communities[0], { householdId: hh })
      await reportCase(t, epi, { personId: p.id, onsetAt: ago(DAY) })
    }
    const [alert] = await alertsOf(epi, hh)
    expect(alert).toBeDefined()
    const other = await t.makeRegions()
    const theirs = await t.login('epidemiologist', other.district)
    expect(await alertsOf(theirs, hh)).toEqual([])
    expect((await post(`/api/clusters/${alert?.id ?? ''}/acknowledge`, {}, theirs)).statusCode).toBe(403)
    expect((await get(`/api/clusters?regionCode=${r.district}`, theirs)).statusCode).toBe(403)
    expect((await post('/api/clusters/detect', { regionCode: r.district }, theirs)).statusCode).toBe(403)
    const commander = await t.login('commander', r.district)
    expect((await list('', commander)).items.map((a) => a.id)).toContain(alert?.id)
    expect((await post(`/api/clusters/${alert?.id ?? ''}/acknowledge`, {}, commander)).statusCode).toBe(403)

    expect((await get('/api/clusters?status=done', epi)).statusCode).toBe(400)
    expect((await get('/api/clusters?active=maybe', epi)).statusCode).toBe(400)
    expect((await post('/api/clusters/999999999/acknowledge', {}, epi)).statusCode).toBe(404)
    expect((await post('/api/clusters/x/acknowledge', {}, epi)).statusCode).toBe(400)
    expect((await post(`/api/clusters/${alert?.id ?? ''}/acknowledge`, { note: 1 }, epi)).statusCode).toBe(
      400,
    )
    expect((await post('/api/clusters/detect', { sinceDays: 0 }, epi)).statusCode).toBe(400)
    expect((await post('/api/clusters/detect', { region: r.district }, epi)).statusCode).toBe(400)
    const noBody = await t.app.inject({
      method: 'POST',
      url: '/api/clusters/detect',
      headers: { cookie: epi },
    })
    expect(noBody.statusCode).toBeLessThan(500)
  })
})
