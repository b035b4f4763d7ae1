import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ImportPreview,
  ImportResult,
  Lab,
  LabResultOutcome,
  ShipmentDetail,
  TestAlertPage,
  TubeDetail,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { tubesModule } from './index.js'

type ErrorBody = { error: { code: string; details?: unknown } }
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
let seq = 0
const barcode = () => `T${String(process.pid)}${String(Date.now() % 1e7)}${String(++seq).padStart(4, '0')}`

/**
 * Tubes, shipments, labs and results (#17, RULES POOL.MODES / POOL.POSITIVE / POOL.WHO): pool
 * sizes by the area's risk, members by health code or ID number, one tube per person per campaign,
 * lab scope, negative and positive pools, single positives' case drafts, the results import's
 * per-row problems.
 */
describe.each(TEST_DATABASES)('tubes and labs on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let tester: string
  let otherTester: string
  let admin: string
  let labA: Lab
  let labB: Lab
  let labUserA: string
  let labUserB: string
  let epi: string
  const epiPhone = `1380000${String(Math.floor(Math.random() * 9000) + 1000)}`

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })

  const labAccount = async (lab: Lab) => {
    const cookie = await t.login('lab', r.district)
    const me = await send('GET', '/api/auth/me', cookie)
    const id = me.json<{ id: string }>().id
    const res = await send('POST', `/api/labs/${lab.id}/staff`, admin, { userId: id })
    expect(res.statusCode, res.body).toBe(200)
    return cookie
  }

  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    other = await t.makeRegions()
    tester = await t.login('tester', r.district)
    otherTester = await t.login('tester', other.district)
    admin = await t.login('admin', r.district)
    const epiPerson = await t.createPerson(r.district, { phone: epiPhone })
    epi = await t.login('epidemiologist', r.district, { personId: epiPerson.id })
    const mk = async (name: string) => {
      const res = await send('POST', '/api/labs', admin, { name, regionCode: r.district })
      expect(res.statusCode, res.body).toBe(201)
      return res.json<Lab>()
    }
    labA = await mk('甲实验室')
    labB = await mk('乙实验室')
    labUserA = await labAccount(labA)
    labUserB = await labAccount(labB)
  })
  afterAll(async () => t.close())

  const newTube = async (poolSize: number, extra: object = {}, region = r.communities[0]) => {
    const res = await send('POST', '/api/tubes', tester, {
      barcode: barcode(),
      poolSize,
      regionCode: region,
      ...extra,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<TubeDetail>()
  }
  const addById = (tubeId: string, idNumber: string) =>
    send('POST', `/api/tubes/${tubeId}/members`, tester, { personIdNumber: idNumber })
  /** A closed tube of `n` new persons, shipped to a lab and received. */
  const shippedTube = async (poolSize: number, n: number, lab = labA, labUser = labUserA) => {
    const tube = await newTube(poolSize)
    const persons = []
    for (let i = 0; i < n; i++) {
      const p = await t.createPerson(r.communities[0])
      persons.push(p)
      expect((await addById(tube.id, p.idNumber)).statusCode).toBe(200)
    }
    expect((await send('POST', `/api/tubes/${tube.id}/close`, tester)).statusCode).toBe(200)
    const sh = await send('POST', '/api/shipments', tester, { labId: lab.id, barcodes: [tube.barcode] })
    expect(sh.statusCode, sh.body).toBe(201)
    const rec = await send('POST', '/api/lab/shipments/receive', labUser, {
      code: sh.json<ShipmentDetail>().code,
    })
    expect(rec.statusCode, rec.body).toBe(200)
    return { tube, persons, shipment: sh.json<ShipmentDetail>() }
  }
  const resultsOf = (personIds: string[]) =>
    t.services.database.db
      .selectFrom('nat_results')
      .select(['person_id', 'result', 'pooled', 'tube_id'])
      .where('person_id', 'in', personIds)
      .execute()
  const importCsv = async (csv: string, cookie = labUserA) => {
    const pre = await send('POST', '/api/imports/lab-results/preview', cookie, {
      filename: 'results.csv',
      contentBase64: b64(csv),
    })
    expect(pre.statusCode, pre.body).toBe(200)
    const preview = pre.json<ImportPreview>()
    const conf = await send('POST', `/api/imports/${preview.previewId}/confirm`, cookie)
    expect(conf.statusCode, conf.body).toBe(200)
    return { preview, result: conf.json<ImportResult>() }
  }
  const now = () => new Date().toISOString()

  it('registers a tube with a pool size the area allows (POOL.WHO: low risk ≤ 10; sizes 1, 5, 10)', async () => {
    const tube = await newTube(10)
    expect(tube).toMatchObject({ poolSize: 10, status: 'open', members: 0, memberList: [] })
    const dup = await send('POST', '/api/tubes', tester, {
      barcode: tube.barcode,
      poolSize: 5,
      regionCode: r.district,
    })
    expect(dup.statusCode).toBe(409)
    expect(dup.json<ErrorBody>().error.code).toBe('TUBE_EXISTS')
    for (const size of [20, 7]) {
      const res = await send('POST', '/api/tubes', tester, {
        barcode: barcode(),
        poolSize: size,
        regionCode: r.district,
      })
      expect(res.statusCode, String(size)).toBe(400)
      expect(res.json<ErrorBody>().error).toMatchObject({
        code: 'POOL_SIZE_NOT_ALLOWED',
        details: { allowed: [1, 5, 10] },
      })
    }
  })

  it('caps the pool by a high-risk area (POOL.WHO high: 1:1 single tubes only)', async () => {
    const setRisk = await send('POST', '/api/risk-areas', admin, {
      regionCode: r.communities[3],
      level: 'high',
    })
    expect(setRisk.statusCode, setRisk.body).toBe(201)
    const res = await send('POST', '/api/tubes', tester, {
      barcode: barcode(),
      poolSize: 5,
      regionCode: r.communities[3],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json<ErrorBody>().error.details).toMatchObject({ allowed: [1], risk: 'high' })
  })

  it('adds members by health code and by ID number, refuses a full tube, a repeat and a bad code', async () => {
    const tube = await newTube(5)
    const p1 = await t.createPerson(r.communities[0])
    const citizen = await t.login('citizen', r.communities[0], { personId: p1.id })
    const code = (await send('GET', '/api/codes/me', citizen)).json<{ qr: string }>().qr
    const byCode = await send('POST', `/api/tubes/${tube.id}/members`, tester, { healthCode: code })
    expect(byCode.statusCode, byCode.body).toBe(200)
    expect(byCode.json<TubeDetail>().memberList.map((m) => m.personId)).toEqual([p1.id])
    const again = await addById(tube.id, p1.idNumber)
    expect(again.statusCode).toBe(409)
    expect(again.json<ErrorBody>().error.code).toBe('PERSON_IN_OTHER_TUBE')
    const forged = await send('POST', `/api/tubes/${tube.id}/members`, tester, {
      healthCode: `${code.slice(0, -4)}AAAA`,
    })
    expect(forged.statusCode).toBe(400)
    for (let i = 0; i < 4; i++)
      expect((await addById(tube.id, (await t.createPerson(r.communities[1])).idNumber)).statusCode).toBe(200)
    const sixth = await addById(tube.id, (await t.createPerson(r.communities[1])).idNumber)
    expect(sixth.statusCode).toBe(400)
    expect(sixth.json<ErrorBody>().error.code).toBe('TUBE_FULL')
    const unknown = await addById(tube.id, '110105194912310021')
    expect([400, 404]).toContain(unknown.statusCode)
    const both = await send('POST', `/api/tubes/${tube.id}/members`, tester, {
      healthCode: code,
      personIdNumber: p1.idNumber,
    })
    expect(both.statusCode).toBe(400)
  })

  it('keeps a person in one tube of a campaign (409 for a second tube)', async () => {
    const campaign = await t.services.database.db
      .insertInto('screening_campaigns')
      .values({ region_code: r.district, name: '全员检测', starts_on: '2026-12-01', ends_on: '2026-12-03' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const a = await newTube(5, { campaignId: campaign.id })
    const b = await newTube(5, { campaignId: campaign.id })
    const p = await t.createPerson(r.communities[0])
    expect((await addById(a.id, p.idNumber)).statusCode).toBe(200)
    const res = await addById(b.id, p.idNumber)
    expect(res.statusCode).toBe(409)
    expect(res.json<ErrorBody>().error).toMatchObject({
      code: 'PERSON_IN_OTHER_TUBE',
      details: { tubeBarcode: a.barcode },
    })
  })

  it("scopes tubes and shipments: another region's tester 403, lab B cannot see lab A's", async () => {
    const { tube, shipment } = await shippedTube(5, 2)
    expect((await send('GET', `/api/tubes/${tube.id}`, otherTester)).statusCode).toBe(403)
    expect((await send('POST', `/api/tubes/${tube.id}/close`, otherTester)).statusCode).toBe(403)
    expect((await send('GET', `/api/shipments/${shipment.id}`, otherTester)).statusCode).toBe(403)
    expect((await send('GET', `/api/lab/shipments/${shipment.id}`, labUserB)).statusCode).toBe(404)
    const listB = await send('GET', '/api/lab/shipments', labUserB)
    expect(listB.json<{ items: { id: string }[] }>().items.map((s) => s.id)).not.toContain(shipment.id)
    const seen = await send('GET', `/api/lab/shipments/${shipment.id}`, labUserA)
    expect(seen.statusCode).toBe(200)
    // The lab sees barcodes and counts, nobody's name.
    expect(seen.body).not.toContain('memberList')
    expect(seen.json<ShipmentDetail>().tubeList[0]).toMatchObject({
      barcode: tube.barcode,
      members: 2,
      status: 'received',
    })
    const res = await send('POST', '/api/lab/results', labUserB, {
      barcode: tube.barcode,
      result: 'negative',
      resultedAt: now(),
    })
    expect(res.statusCode, res.body).toBe(404)
    expect((await send('GET', '/api/tubes', labUserA)).statusCode).toBe(403)
    const manifest = await send('GET', `/api/shipments/${shipment.id}/manifest.csv`, tester)
    expect(manifest.statusCode).toBe(200)
    expect(manifest.body).toContain(tube.barcode)
  })

  it('a negative pool makes every member negative (POOL.POSITIVE: pool negative → all negative)', async () => {
    const { tube, persons } = await shippedTube(10, 3)
    const res = await send('POST', '/api/lab/results', labUserA, {
      barcode: tube.barcode,
      result: 'negative',
      ct: {},
      resultedAt: now(),
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<LabResultOutcome>()).toMatchObject({
      members: 3,
      alerted: false,
      tube: { status: 'resulted', result: 'negative' },
    })
    const rows = await resultsOf(persons.map((p) => p.id))
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(row).toMatchObject({ result: 'negative', pooled: true, tube_id: tube.id })
    const again = await send('POST', '/api/lab/results', labUserA, {
      barcode: tube.barcode,
      result: 'positive',
      resultedAt: now(),
    })
    expect(again.statusCode).toBe(409)
  })

  it('a positive pool flags every member (POOL_POSITIVE), alerts the epidemiologist, texts them', async () => {
    const { tube, persons } = await shippedTube(5, 2)
    const { result } = await importCsv(
      `条码,结果,ORF1ab,N,检测时间,检测人\n${tube.barcode},阳性,31.5,29.8,${now()},张三\n`,
    )
    expect(result).toMatchObject({ inserted: 1, skipped: 0 })
    const rows = await resultsOf(persons.map((p) => p.id))
    expect(rows.map((x) => [x.result, x.pooled])).toEqual([
      ['positive', true],
      ['positive', true],
    ])
    for (const p of persons) {
      const code = await send('GET', `/api/persons/${p.id}/health-code`, epi)
      expect(code.json<{ reasons: { code: string }[] }>().reasons.map((x) => x.code)).toContain(
        'POOL_POSITIVE',
      )
    }
    // 单管单采: one re-sample order per member, due today, naming the tube.
    const orders = await t.services.database.db
      .selectFrom('test_orders')
      .select(['person_id', 'reason', 'source', 'status'])
      .where(
        'person_id',
        'in',
        persons.map((p) => p.id),
      )
      .execute()
    expect(orders).toHaveLength(2)
    for (const o of orders)
      expect(o).toMatchObject({ reason: 'resample', source: `tube:${tube.barcode}`, status: 'open' })
    const alerts = await send('GET', '/api/test-alerts?unacknowledged=true', epi)
    const alert = alerts.json<TestAlertPage>().items.find((a) => a.tubeBarcode === tube.barcode)
    expect(alert).toMatchObject({ kind: 'pool_positive', members: 2, notifiedAt: null })
    expect(
      (await send('GET', '/api/test-alerts/count', epi)).json<{ unacknowledged: number }>().unacknowledged,
    ).toBeGreaterThan(0)
    expect((await send('GET', '/api/test-alerts', otherTester)).statusCode).toBe(403)
    tubesModule.jobs?.(t.services.jobs, t.services, t.app.log)
    await t.services.jobs.runDue()
    const sms = await t.services.database.db
      .selectFrom('sms_outbox')
      .select('body')
      .where('phone', '=', epiPhone)
      .execute()
    expect(sms.map((s) => s.body).join('\n')).toContain(tube.barcode)
    const ack = await send('POST', `/api/test-alerts/${alert?.id ?? ''}/acknowledge`, epi)
    expect(ack.json<{ acknowledgedAt: string | null; notifiedAt: string | null }>().notifiedAt).not.toBeNull()
  })

  it('a positive single tube is the person’s positive and opens a case draft (CASE.ASYM)', async () => {
    const { tube, persons } = await shippedTube(1, 1)
    const res = await send('POST', '/api/lab/results', labUserA, {
      barcode: tube.barcode,
      result: 'positive',
      ct: { ORF1ab: 25, N: 24 },
      resultedAt: now(),
    })
    expect(res.json<LabResultOutcome>()).toMatchObject({ members: 1, alerted: true })
    const [row] = await resultsOf([persons[0]?.id ?? ''])
    expect(row).toMatchObject({ result: 'positive', pooled: false, tube_id: tube.id })
    await t.services.jobs.runDue()
    const alert = await t.services.database.db
      .selectFrom('test_alerts')
      .select(['kind', 'case_id', 'nat_result_id'])
      .where('tube_id', '=', tube.id)
      .executeTakeFirstOrThrow()
    expect(alert.kind).toBe('single_positive')
    expect(alert.case_id).not.toBeNull()
    const c = await send('GET', `/api/cases/${alert.case_id ?? ''}`, epi)
    expect(c.json<{ status: string; personId: string }>()).toMatchObject({
      status: 'asymptomatic',
      personId: persons[0]?.id,
    })
  })

  it('imports with per-row problems and keeps the good rows (never-shipped, unknown, Ct > 45, bad result)', async () => {
    const good = await shippedTube(5, 2)
    const elsewhere = await shippedTube(5, 1, labB, labUserB)
    const unshipped = await newTube(5)
    const csv = [
      'tube barcode,result,ct orf1ab,ct n,result time,operator',
      `${good.tube.barcode},negative,,,${now()},李四`,
      `${elsewhere.tube.barcode},negative,,,${now()},李四`,
      `${unshipped.barcode},negative,,,${now()},李四`,
      `NOSUCH-${barcode()},negative,,,${now()},李四`,
      `${barcode()},positive,50,20,${now()},李四`,
      `${barcode()},maybe,,,${now()},李四`,
      `${barcode()},negative,,,yesterday,李四`,
      `"${barcode()},negative`,
    ].join('\n')
    const { preview, result } = await importCsv(csv)
    expect(preview.validCount).toBe(1)
    const codes = preview.issues.map((i) => [i.row, i.code])
    expect(codes).toEqual(
      expect.arrayContaining([
        [3, 'notShippedToLab'],
        [4, 'notShippedToLab'],
        [5, 'tubeNotFound'],
        [6, 'tooLong'],
        [7, 'notAllowed'],
        [8, 'invalidFormat'],
      ]),
    )
    expect(result.inserted).toBe(1)
    expect((await resultsOf(good.persons.map((p) => p.id))).map((x) => x.result)).toEqual([
      'negative',
      'negative',
    ])
    expect(await resultsOf(elsewhere.persons.map((p) => p.id))).toEqual([])
  })

  it('answers bad input with 4xx, never 5xx, and writes nothing (NUL, 100 KB, malformed files)', async () => {
    const tube = await newTube(5)
    const bad: [string, string, object][] = [
      ['POST', '/api/tubes', { barcode: 'AB\u0000CD', poolSize: 5, regionCode: r.district }],
      ['POST', '/api/tubes', { barcode: 'x'.repeat(100_000), poolSize: 5, regionCode: r.district }],
      ['POST', `/api/tubes/${tube.id}/members`, { healthCode: 'LF1:' + 'A'.repeat(100_000) }],
      ['POST', `/api/tubes/${tube.id}/members`, { healthCode: 'LF1:\u0000' }],
      ['POST', `/api/tubes/${tube.id}/members`, { personIdNumber: '\u0000' }],
      ['POST', '/api/shipments', { labId: labA.id, barcodes: [] }],
      ['POST', '/api/shipments', { labId: labA.id, barcodes: [tube.barcode] }],
    ]
    for (const [method, url, body] of bad) {
      const res = await send(method as 'POST', url, tester, body)
      expect(res.statusCode, `${url} ${JSON.stringify(body).slice(0, 60)}`).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
    }
    const labBad: object[] = [
      { barcode: tube.barcode, result: 'negative', resultedAt: now(), ct: { N: 46 } },
      { barcode: tube.barcode, result: 'negative', resultedAt: 'not a time' },
      { barcode: '\u0000\u0000\u0000\u0000', result: 'negative', resultedAt: now() },
      { barcode: tube.barcode, result: 'negative', resultedAt: now(), operator: 'x'.repeat(100_000) },
    ]
    for (const body of labBad) {
      const res = await send('POST', '/api/lab/results', labUserA, body)
      expect(res.statusCode).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
    }
    for (const content of [
      Buffer.from('PK\u0003\u0004 this is not a zip at all'),
      Buffer.from('barcode,result,resultedAt\n\u0000\u0000,negative,2026-01-01\n'),
      Buffer.from('a,b\n"unbalanced,quote\n'),
      Buffer.alloc(100_000, 0x41),
    ]) {
      const res = await send('POST', '/api/imports/lab-results/preview', labUserA, {
        filename: 'x.xlsx',
        contentBase64: content.toString('base64'),
      })
      expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500)
    }
    const still = await send('GET', `/api/tubes/${tube.id}`, tester)
    expect(still.json<TubeDetail>()).toMatchObject({ status: 'open', members: 0 })
  })
})
