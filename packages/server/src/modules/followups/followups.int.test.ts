import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord, FollowupPage, FollowupTask } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import type { SessionUser } from '../../auth/session-user.js'
import { scheduleFollowups } from './schedule-followups.js'

const DAY = 86_400_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()
type ErrorBody = { error: { code: string; message: string } }

describe.each(TEST_DATABASES)('post-discharge follow-up on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  let lab: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
    lab = await t.login('lab', '420100')
  })
  afterAll(async () => t.close())

  const post = (url: string, payload: object, cookie = epi) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
  const get = (url: string, cookie = epi) => t.app.inject({ url, headers: { cookie } })
  const tasksOf = async (caseId: string, cookie = epi) => {
    const res = await get(`/api/followups?caseId=${caseId}`, cookie)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<FollowupPage>().items
  }
  const auditActions = async (personId: string) =>
    (
      await t.services.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', personId)
        .orderBy('id')
        .execute()
    ).map((a) => a.action)

  /** An asymptomatic infection 20 days after its first positive sample, two negatives since: released. */
  async function releasedCase(community: string, isolationPlace?: string) {
    const p = await t.createPerson(community)
    const created = await post('/api/cases', {
      personId: p.id,
      status: 'asymptomatic',
      firstPositiveSampleAt: ago(20 * DAY),
      ...(isolationPlace ? { isolationPlace } : {}),
    })
    expect(created.statusCode, created.body).toBe(201)
    const c = created.json<CaseRecord>()
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(3 * DAY), result: 'negative' }, lab)
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(DAY), result: 'negative' }, lab)
    const res = await post(`/api/cases/${c.id}/discharge`, {
      version: 1,
      symptomsImproved: true,
      imagingImproved: true,
    })
    expect(res.statusCode, res.body).toBe(200)
    const released = res.json<CaseRecord>()
    expect(released.outcome).toBe('released')
    return { person: p, c: released }
  }

  it('release creates the week 2 and 4 tasks, due at the end of their weeks, for the community', async () => {
    const { person, c } = await releasedCase(r.communities[0])
    const tasks = await tasksOf(c.id)
    const outcomeAt = Date.parse(c.outcomeAt ?? '')
    expect(tasks.map((x) => x.week)).toEqual([2, 4])
    for (const task of tasks) {
      expect(task).toMatchObject({
        caseId: c.id,
        personId: person.id,
        regionCode: r.communities[0],
        caseStatus: 'asymptomatic',
        outcome: 'released',
        assigneeKind: 'community',
        assigneeName: `社区${r.communities[0]}`,
        status: 'due',
        result: null,
        repositive: false,
        ruleSetVersion: 'FK8@1',
        version: 1,
      })
      expect(Date.parse(task.dueAt) - outcomeAt).toBe(task.week * 7 * DAY)
      expect(Date.parse(task.windowOpensAt) - outcomeAt).toBe((task.week - 1) * 7 * DAY)
      // ASYM.AFTER: 14 more days of observation after release.
      expect(Date.parse(task.observationEndsAt ?? '') - outcomeAt).toBe(14 * DAY)
      expect(task.phoneMasked).toMatch(/^\d{3}\*+\d{4}$/)
    }
    expect(await auditActions(person.id)).toContain('followup.schedule')

    // Scheduling again (e.g. a retried transaction) adds nothing.
    const user: SessionUser = {
      id: '1',
      username: 'x',
      displayName: 'x',
      role: 'admin',
      regionCode: '420100',
      personId: null,
      sessionId: '0',
    }
    const db = t.services.database.db
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow()
    await db
      .transaction()
      .execute((tx) => scheduleFollowups(tx, t.services.audit, { ...user, id: admin.id }, c.id))
    expect((await tasksOf(c.id)).map((x) => x.id)).toEqual(tasks.map((x) => x.id))
  })

  it('a confirmed case discharged from a named hospital is followed up there, in the same weeks', async () => {
    const p = await t.createPerson(r.communities[1])
    const c = (
      await post('/api/cases', {
        personId: p.id,
        status: 'confirmed',
        onsetAt: ago(20 * DAY),
        firstPositiveSampleAt: ago(19 * DAY),
        isolationPlace: '金银潭医院',
      })
    ).json<CaseRecord>()
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(3 * DAY), result: 'negative' }, lab)
    await post('/api/nat-results', { personId: p.id, sampledAt: ago(DAY), result: 'negative' }, lab)
    const db = t.services.database.db
    for (let d = 0; d < 4; d++)
      await db
        .insertInto('health_declarations')
        .values({
          person_id: p.id,
          region_code: r.communities[1],
          declared_at: new Date(Date.now() - d * DAY - 3600_000),
          temperature_c: '36.5',
          symptoms: [],
          source: 'staff',
        })
        .execute()
    const res = await post(`/api/cases/${c.id}/discharge`, {
      version: 1,
      symptomsImproved: true,
      imagingImproved: true,
    })
    expect(res.statusCode, res.body).toBe(200)
    const tasks = await tasksOf(c.id)
    expect(tasks.map((x) => [x.week, x.assigneeKind, x.assigneeName, x.caseStatus])).toEqual([
      [2, 'hospital', '金银潭医院', 'confirmed'],
      [4, 'hospital', '金银潭医院', 'confirmed'],
    ])
    const row = await db
      .selectFrom('cases')
      .select(['outcome_at', 'observation_ends_at'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()
    // CONF.AFTER: afterDischargeDays = 14 in FK8.
    expect((row.observation_ends_at?.getTime() ?? 0) - (row.outcome_at?.getTime() ?? 0)).toBe(14 * DAY)
  })

  it('records a result once: a stale version and a second result are refused, cancelled tasks take none', async () => {
    const { person, c } = await releasedCase(r.communities[0])
    const [week2, week4] = await tasksOf(c.id)
    if (!week2 || !week4) throw new Error('no tasks')
    const res = await post(`/api/followups/${week2.id}/result`, {
      version: 1,
      natResult: 'negative',
      symptoms: false,
      note: '电话随访，居家观察中',
    })
    expect(res.statusCode, res.body).toBe(200)
    const done = res.json<FollowupTask>()
    expect(done).toMatchObject({ status: 'done', version: 2, repositive: false })
    expect(done.result).toMatchObject({
      natResult: 'negative',
      symptoms: false,
      symptomsText: null,
      note: '电话随访，居家观察中',
      timing: 'early',
    })
    expect(done.result?.recordedByName).toMatch(/epidemiologist/)

    const stale = await post(`/api/followups/${week2.id}/result`, {
      version: 1,
      natResult: 'positive',
      symptoms: false,
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json<ErrorBody>().error.code).toBe('STALE_VERSION')
    const again = await post(`/api/followups/${week2.id}/result`, {
      version: 2,
      natResult: 'negative',
      symptoms: false,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json<ErrorBody>().error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' })
    expect(again.json<ErrorBody>().error.message).toMatch(/already has a result/)

    const cancelled = await post(`/api/followups/${week4.id}/cancel`, { version: 1, reason: '已迁出本市' })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    expect(cancelled.json<FollowupTask>()).toMatchObject({ status: 'cancelled', cancelReason: '已迁出本市' })
    const onCancelled = await post(`/api/followups/${week4.id}/result`, {
      version: 2,
      natResult: 'negative',
      symptoms: false,
    })
    expect(onCancelled.statusCode).toBe(409)
    expect(onCancelled.json<ErrorBody>().error.message).toMatch(/cancelled/)
    expect(await auditActions(person.id)).toEqual(
      expect.arrayContaining(['followup.result', 'followup.cancel']),
    )
    const listed = await t.services.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'followup.list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect((listed.details as { personIds: string[] }).personIds).toContain(person.id)
    const read = await get(`/api/followups/${week2.id}`)
    expect(read.json<FollowupTask>().status).toBe('done')
    expect(await auditActions(person.id)).toContain('followup.read')
  })

  it('a positive NAT at follow-up (复阳) is flagged, written as a NAT result, audited and listed', async () => {
    const { person, c } = await releasedCase(r.communities[2])
    const [week2] = await tasksOf(c.id)
    if (!week2) throw new Error('no task')
    const res = await post(`/api/followups/${week2.id}/result`, {
      version: 1,
      natResult: 'positive',
      symptoms: true,
      symptomsText: '咽痛',
      performedAt: new Date().toISOString(),
    })
    expect(res.statusCode, res.body).toBe(200)
    const task = res.json<FollowupTask>()
    expect(task).toMatchObject({ status: 'done', repositive: true })
    expect(task.result).toMatchObject({ natResult: 'positive', symptoms: true, symptomsText: '咽痛' })
    const nat = await t.services.database.db
      .selectFrom('nat_results')
      .select(['result', 'sampled_at'])
      .where('person_id', '=', person.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(nat.result).toBe('positive')
    expect(await auditActions(person.id)).toContain('followup.repositive')
    const flagged = (
      await get(`/api/followups?repositive=true&regionCode=${r.communities[2]}`)
    ).json<FollowupPage>()
    expect(flagged.items.map((x) => x.id)).toEqual([week2.id])
    // Red, and for the re-positive itself, not only for the running post-discharge observation.
    const code = (await get(`/api/persons/${person.id}/health-code`)).json<{
      colour: string
      reasons: { code: string }[]
    }>()
    expect(code.colour).toBe('red')
    expect(code.reasons.map((x) => x.code)).toContain('POSITIVE_TEST')
  })

  it('a due task whose week has ended reads as missed, is listed as such, and still takes a late result', async () => {
    const { c } = await releasedCase(r.communities[3])
    const [week2, week4] = await tasksOf(c.id)
    if (!week2 || !week4) throw new Error('no tasks')
    await t.services.database.db
      .updateTable('case_followups')
      .set({ window_opens_at: new Date(Date.now() - 10 * DAY), due_at: new Date(Date.now() - 3 * DAY) })
      .where('id', '=', week2.id)
      .execute()
    expect((await get(`/api/followups/${week2.id}`)).json<FollowupTask>().status).toBe('missed')
    const region = `regionCode=${r.communities[3]}`
    const missed = (await get(`/api/followups?status=missed&${region}`)).json<FollowupPage>()
    expect(missed.items.map((x) => x.id)).toEqual([week2.id])
    const due = (await get(`/api/followups?status=due&${region}`)).json<FollowupPage>()
    expect(due.items.map((x) => x.id)).toEqual([week4.id])
    const before = (
      await get(`/api/followups?${region}&dueBefore=${encodeURIComponent(new Date().toISOString())}`)
    ).json<FollowupPage>()
    expect(before.items.map((x) => x.id)).toEqual([week2.id])
    const late = await post(`/api/followups/${week2.id}/result`, {
      version: 1,
      natResult: 'not_tested',
      symptoms: false,
    })
    expect(late.statusCode, late.body).toBe(200)
    expect(late.json<FollowupTask>()).toMatchObject({ status: 'done', result: { timing: 'late' } })
  })

  it('is scoped to the region: another district cannot list, read or record; the community worker can', async () => {
    const { c } = await releasedCase(r.communities[0])
    const [week2] = await tasksOf(c.id)
    if (!week2) throw new Error('no task')
    const other = await t.makeRegions()
    const theirEpi = await t.login('epidemiologist', other.district)
    expect((await tasksOf(c.id, theirEpi)).length).toBe(0)
    const listed = await get(`/api/followups?regionCode=${r.communities[0]}`, theirEpi)
    expect(listed.statusCode).toBe(403)
    expect(listed.json<ErrorBody>().error.code).toBe('OUT_OF_SCOPE')
    expect((await get(`/api/followups/${week2.id}`, theirEpi)).statusCode).toBe(403)
    const write = await post(
      `/api/followups/${week2.id}/result`,
      { version: 1, natResult: 'negative', symptoms: false },
      theirEpi,
    )
    expect(write.statusCode).toBe(403)
    const neighbour = await t.login('community_worker', r.communities[1])
    expect((await get(`/api/followups/${week2.id}`, neighbour)).statusCode).toBe(403)
    const noPermission = await t.login('lab', r.district)
    expect((await get('/api/followups', noPermission)).statusCode).toBe(403)

    const cw = await t.login('community_worker', r.communities[0])
    expect((await tasksOf(c.id, cw)).map((x) => x.week)).toEqual([2, 4])
    const res = await post(
      `/api/followups/${week2.id}/result`,
      { version: 1, natResult: 'negative', symptoms: false },
      cw,
    )
    expect(res.statusCode, res.body).toBe(200)
    expect((await get(`/api/followups/${week2.id}`)).json<FollowupTask>().version).toBe(2)
  })

  it('refuses bad input with a 4xx naming the problem, never a 500', async () => {
    const { c } = await releasedCase(r.communities[1])
    const [week2] = await tasksOf(c.id)
    if (!week2) throw new Error('no task')
    const url = `/api/followups/${week2.id}/result`
    const cases: [string, object, RegExp][] = [
      ['unknown result', { version: 1, natResult: 'maybe', symptoms: false }, /natResult/],
      ['no version', { natResult: 'negative', symptoms: false }, /version/],
      ['extra field', { version: 1, natResult: 'negative', symptoms: false, colour: 'green' }, /colour/],
      ['symptoms without text', { version: 1, natResult: 'negative', symptoms: true }, /symptomsText/],
      [
        'text without symptoms',
        { version: 1, natResult: 'negative', symptoms: false, symptomsText: '咳' },
        /symptoms/,
      ],
      [
        'not a date',
        { version: 1, natResult: 'negative', symptoms: false, performedAt: 'yesterday' },
        /performedAt/,
      ],
      [
        'in the future',
        {
          version: 1,
          natResult: 'negative',
          symptoms: false,
          performedAt: new Date(Date.now() + DAY).toISOString(),
        },
        /future/,
      ],
      [
        'before the discharge',
        { version: 1, natResult: 'negative', symptoms: false, performedAt: ago(5 * DAY) },
        /before the discharge/,
      ],
      ['string version', { version: '1', natResult: 'negative', symptoms: false }, /version/],
    ]
    for (const [name, payload, message] of cases) {
      const res = await post(url, payload)
      expect(res.statusCode, name).toBe(400)
      expect(res.json<ErrorBody>().error.message, name).toMatch(message)
    }
    const badJson = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: epi, 'content-type': 'application/json' },
      payload: '{"version":',
    })
    expect(badJson.statusCode).toBe(400)
    for (const q of [
      'status=overdue',
      'pageSize=0',
      'caseId=abc',
      'regionCode=12',
      'dueAfter=tomorrow',
      `dueAfter=${encodeURIComponent(ago(0))}&dueBefore=${encodeURIComponent(ago(DAY))}`,
      'repositive=perhaps',
      'colour=red',
    ]) {
      const res = await get(`/api/followups?${q}`)
      expect(res.statusCode, q).toBe(400)
      expect(res.json<ErrorBody>().error.code, q).toBe('VALIDATION_FAILED')
    }
    expect((await get('/api/followups/abc')).statusCode).toBe(400)
    const missing = await get('/api/followups/999999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json<ErrorBody>().error.message).toMatch(/does not exist/)
    expect(
      (await post('/api/followups/999999999/result', { version: 1, natResult: 'negative', symptoms: false }))
        .statusCode,
    ).toBe(404)
    expect((await post(`/api/followups/${week2.id}/cancel`, { version: 1, reason: '  ' })).statusCode).toBe(
      400,
    )
    // Nothing half-written: the task is untouched.
    expect((await get(`/api/followups/${week2.id}`)).json<FollowupTask>()).toMatchObject({
      status: 'due',
      version: 1,
    })
  })
})
