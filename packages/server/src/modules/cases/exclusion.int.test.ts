/**
 * Antibody results and the discharge check through the API (#16): IgM/IgG results entered like
 * NAT results (nat:enter, in scope, audited); a suspected case is excluded only with 2 negatives
 * ≥ 24 h apart AND IgM and IgG negative ≥ 7 days after onset (CASE.SUSPECT.EXCLUDE) — a serum
 * taken earlier, or before onset, is named and does not count; ZL8's > 4-week positive path asks
 * for the clinician's infectiousness attestation (CONF.DISCHARGE); staff temperatures recorded by
 * health declaration are the readings the temperature criterion shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord, DischargeCheck } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

const DAY = 86_400_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

describe.each(TEST_DATABASES)('exclusion and discharge inputs on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  let lab: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
    lab = await t.login('lab', r.district)
  })
  afterAll(async () => t.close())

  const post = (url: string, payload: object, cookie = epi) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
  const check = async (id: string) =>
    (
      await t.app.inject({ url: `/api/cases/${id}/discharge-check`, headers: { cookie: epi } })
    ).json<DischargeCheck>()
  const antibody = (personId: string, sampledAt: string, igg = 'negative', cookie = lab) =>
    post('/api/antibody-results', { personId, sampledAt, igm: 'negative', igg }, cookie)
  const suspected = async (onsetDaysAgo: number) => {
    const p = await t.createPerson(r.communities[0])
    const c = (
      await post('/api/cases', { personId: p.id, status: 'suspected', onsetAt: ago(onsetDaysAgo * DAY) })
    ).json<CaseRecord>()
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(3 * DAY), result: 'negative' }, lab)
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(DAY), result: 'negative' }, lab)
    return { p, c }
  }
  const exclude = (c: CaseRecord) =>
    post(`/api/cases/${c.id}/reclassify`, { version: c.version, status: 'excluded', reason: 'negatives' })
  const antibodyCriterion = async (id: string) =>
    (await check(id)).criteria.find((x) => x.id === 'ANTIBODIES_NEGATIVE')

  it('CASE.SUSPECT.EXCLUDE: serum before onset is refused; at day 6 it does not count (named); day 7 negative excludes', async () => {
    const { p, c } = await suspected(10)
    const onset = new Date(c.onsetAt ?? '').getTime()
    const before = await antibody(p.id, new Date(onset - DAY).toISOString())
    expect(before.statusCode).toBe(400)
    expect(before.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { field: 'sampledAt', rule: 'before_onset' } },
    })
    expect((await antibody(p.id, new Date(onset + 6 * DAY).toISOString())).statusCode).toBe(201)
    expect(await antibodyCriterion(c.id)).toMatchObject({
      met: false,
      variant: 'tooEarly',
      params: { early: 1, beforeOnset: 0, afterOnsetDays: 7 },
    })
    const refused = await exclude(c)
    expect(refused.statusCode).toBe(409)
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('DISCHARGE_CRITERIA_NOT_MET')
    expect((await antibody(p.id, new Date(onset + 7 * DAY).toISOString())).statusCode).toBe(201)
    const ok = await check(c.id)
    expect(ok.met).toBe(true)
    expect(ok.antibodies).toHaveLength(2)
    expect(ok.temperatures).toEqual([])
    const done = await exclude(c)
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json<CaseRecord>().outcome).toBe('excluded')
  })

  it('IgG positive at day 8 → not excluded; the result is audited as the lab entered it', async () => {
    const { p, c } = await suspected(9)
    expect((await antibody(p.id, ago(DAY), 'positive')).statusCode).toBe(201)
    expect(await antibodyCriterion(c.id)).toMatchObject({
      met: false,
      variant: 'positive',
      params: { igm: 'negative', igg: 'positive' },
    })
    expect((await exclude(c)).statusCode).toBe(409)
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('action', '=', 'fact.antibody_result')
      .where('target_id', '=', p.id)
      .execute()
    expect(audit).toEqual([{ action: 'fact.antibody_result', actor_role: 'lab' }])
  })

  it('antibody input: future → 400, bad values → 400, other district → 403, no such person → 404, no nat:enter → 403', async () => {
    const p = await t.createPerson(r.communities[1])
    const future = await antibody(p.id, new Date(Date.now() + DAY).toISOString())
    expect(future.statusCode).toBe(400)
    expect(future.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED')
    expect(
      (
        await post(
          '/api/antibody-results',
          { personId: p.id, sampledAt: ago(DAY), igm: 'weak', igg: 'negative' },
          lab,
        )
      ).statusCode,
    ).toBe(400)
    const other = await t.makeRegions()
    const q = await t.createPerson(other.communities[0])
    expect((await antibody(q.id, ago(DAY))).statusCode).toBe(403)
    expect((await antibody('999999999', ago(DAY))).statusCode).toBe(404)
    const cw = await t.login('community_worker', r.communities[1])
    expect((await antibody(p.id, ago(DAY), 'negative', cw)).statusCode).toBe(403)
    const n = await t.services.database.db
      .selectFrom('antibody_results')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('person_id', 'in', [p.id, q.id])
      .executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(0)
  })

  it('CONF.DISCHARGE ZL8: positive > 4 weeks, afebrile (staff readings) → infectiousness attestation replaces the negatives', async () => {
    const p = await t.createPerson(r.communities[2])
    const c = (
      await post('/api/cases', {
        personId: p.id,
        status: 'confirmed',
        onsetAt: ago(31 * DAY),
        firstPositiveSampleAt: ago(30 * DAY),
      })
    ).json<CaseRecord>()
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(30 * DAY), result: 'positive' }, lab)
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(DAY), result: 'positive' }, lab)
    // a staff declaration now (the console's discharge panel), then one on each of the 3 days before
    const declared = await post('/api/declarations/health', {
      personId: p.id,
      temperatureC: 36.5,
      symptoms: [],
    })
    expect(declared.statusCode, declared.body).toBe(201)
    for (let d = 1; d < 4; d++)
      await t.services.database.db
        .insertInto('health_declarations')
        .values({
          person_id: p.id,
          region_code: r.communities[2],
          declared_at: new Date(Date.now() - d * DAY - 3_600_000),
          temperature_c: '36.7',
          symptoms: [],
          source: 'staff',
        })
        .execute()
    const before = await check(c.id)
    expect(before.temperatures.map((x) => x.celsius)).toEqual([36.5, 36.7, 36.7, 36.7])
    expect(before.criteria.map((x) => x.id)).toEqual([
      'AFEBRILE',
      'SYMPTOMS_IMPROVED',
      'IMAGING_IMPROVED',
      'PERSISTENT_POSITIVE_ASSESSED',
    ])
    const body = { version: c.version, symptomsImproved: true, imagingImproved: true }
    const refused = await post(`/api/cases/${c.id}/discharge`, body)
    expect(refused.statusCode).toBe(409)
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/infectiousness/)
    const ok = await post(`/api/cases/${c.id}/discharge`, { ...body, infectivityAssessed: true })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json<CaseRecord>().outcome).toBe('discharged')
  })

  it('the discharge check of another district is 403, of no case 404', async () => {
    const other = await t.makeRegions()
    const theirs = await t.login('epidemiologist', other.district)
    const { c } = await suspected(8)
    expect(
      (await t.app.inject({ url: `/api/cases/${c.id}/discharge-check`, headers: { cookie: theirs } }))
        .statusCode,
    ).toBe(403)
    expect(
      (await t.app.inject({ url: '/api/cases/999999999/discharge-check', headers: { cookie: epi } }))
        .statusCode,
    ).toBe(404)
  })
})
