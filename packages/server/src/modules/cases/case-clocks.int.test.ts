/**
 * CASE.REPORT's clocks through the API (#16): a case reported 2 h after diagnosis is on time, later
 * is late; its investigation is due 24 h after the report, completed once (a second time: 409);
 * the overdue lists filter GET /api/cases, within the caller's scope only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { CaseRecord } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

const HOUR = 3_600_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

describe.each(TEST_DATABASES)('case clocks (CASE.REPORT) on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
  })
  afterAll(async () => t.close())

  const post = (url: string, payload?: object, cookie = epi) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const list = async (query: string, cookie = epi) =>
    (await t.app.inject({ url: `/api/cases?${query}`, headers: { cookie } })).json<{
      items: CaseRecord[]
    }>()
  const report = async (community: string, diagnosedAt?: string) => {
    const p = await t.createPerson(community)
    const res = await post('/api/cases', {
      personId: p.id,
      status: 'confirmed',
      onsetAt: ago(48 * HOUR),
      ...(diagnosedAt ? { diagnosedAt } : {}),
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<CaseRecord>()
  }

  it('CASE.REPORT report_h=2: reported 1 h 59 min after diagnosis is on time, 2 h 1 min is late', async () => {
    const onTime = await report(r.communities[0], ago(2 * HOUR - 60_000))
    expect(onTime.deadlines.report.overdue).toBe(false)
    expect(onTime.diagnosedAt).not.toBeNull()
    const late = await report(r.communities[0], ago(2 * HOUR + 60_000))
    expect(late.deadlines.report).toMatchObject({ overdue: true, doneAt: late.reportedAt })
    const due = new Date(late.deadlines.report.dueAt).getTime()
    expect(due - new Date(late.diagnosedAt ?? '').getTime()).toBe(2 * HOUR)
    const ids = (await list('overdue=report&pageSize=100')).items.map((c) => c.id)
    expect(ids).toContain(late.id)
    expect(ids).not.toContain(onTime.id)
  })

  it('CASE.REPORT investigate_h=24: due 24 h after the report; overdue list; completed once (409)', async () => {
    const c = await report(r.communities[1])
    expect(c.deadlines.report.overdue).toBe(false)
    expect(new Date(c.deadlines.investigation.dueAt).getTime() - new Date(c.reportedAt).getTime()).toBe(
      24 * HOUR,
    )
    expect(c.deadlines.investigation).toMatchObject({ doneAt: null, overdue: false })
    expect((await list('overdue=investigation&pageSize=100')).items.map((x) => x.id)).not.toContain(c.id)
    // 25 h later (the report moved back in time): open and past due
    await sql`update cases set investigation_due_at = now() - interval '1 hour' where id = ${c.id}`.execute(
      t.services.database.db,
    )
    const overdue = (await list('overdue=investigation&pageSize=100')).items.find((x) => x.id === c.id)
    expect(overdue?.deadlines.investigation.overdue).toBe(true)

    const done = await post(`/api/cases/${c.id}/investigation-complete`)
    expect(done.statusCode, done.body).toBe(200)
    const rec = done.json<CaseRecord>()
    expect(rec.investigationCompletedAt).not.toBeNull()
    expect(rec.deadlines.investigation).toMatchObject({ doneAt: rec.investigationCompletedAt, overdue: true })
    expect(rec.version).toBe(c.version)
    expect((await list('overdue=investigation&pageSize=100')).items.map((x) => x.id)).not.toContain(c.id)

    const again = await post(`/api/cases/${c.id}/investigation-complete`)
    expect(again.statusCode).toBe(409)
    expect(again.json<{ error: { code: string } }>().error.code).toBe('CONFLICT')
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'case.investigation_complete')
      .where('target_id', '=', c.personId)
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('diagnosedAt in the future is a 400; another district: 403 to complete, not in its overdue list; unknown: 404', async () => {
    const p = await t.createPerson(r.communities[2])
    const future = await post('/api/cases', {
      personId: p.id,
      status: 'confirmed',
      onsetAt: ago(HOUR),
      diagnosedAt: new Date(Date.now() + HOUR).toISOString(),
    })
    expect(future.statusCode).toBe(400)
    expect(
      (
        await post('/api/cases', {
          personId: p.id,
          status: 'confirmed',
          onsetAt: ago(HOUR),
          diagnosedAt: 'yesterday',
        })
      ).statusCode,
    ).toBe(400)
    const late = await report(r.communities[2], ago(5 * HOUR))
    const other = await t.makeRegions()
    const theirEpi = await t.login('epidemiologist', other.district)
    expect((await post(`/api/cases/${late.id}/investigation-complete`, undefined, theirEpi)).statusCode).toBe(
      403,
    )
    expect((await list('overdue=report&pageSize=100', theirEpi)).items.map((x) => x.id)).not.toContain(
      late.id,
    )
    expect((await post('/api/cases/999999999/investigation-complete')).statusCode).toBe(404)
    const commander = await t.login('commander', r.district)
    expect(
      (await post(`/api/cases/${late.id}/investigation-complete`, undefined, commander)).statusCode,
    ).toBe(403)
    expect(
      (await t.app.inject({ url: '/api/cases?overdue=soon', headers: { cookie: epi } })).statusCode,
    ).toBe(400)
  })
})
