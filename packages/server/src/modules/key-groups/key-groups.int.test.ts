import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NATIONAL_GROUP_DEFAULTS } from '@lianfang/core'
import type {
  FactCreated,
  ImportPreview,
  ImportResult,
  KeyGroupItem,
  KeyGroupList,
  NotifyOverdueResult,
  OverduePage,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { MIGRATIONS_DIR } from '../../db/migrate.js'

type ErrorBody = { error: { code: string } }
const DAY = 86_400_000
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/**
 * 应检尽检 key groups (#17, RULES.md TEST.MUST / TEST.WILL): groups as data, memberships imported
 * in bulk, the overdue list at the rule's boundary, scope, and SMS reminders once a day.
 */
describe.each(TEST_DATABASES)('key groups on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let worker: string
  let epi: string
  let otherAdmin: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    other = await t.makeRegions()
    worker = await t.login('community_worker', r.district)
    epi = await t.login('epidemiologist', r.district)
    otherAdmin = await t.login('admin', other.district)
  })
  afterAll(async () => t.close())

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const nat = async (personId: string, sampledAt: Date, result = 'negative') => {
    const res = await send('POST', '/api/nat-results', epi, {
      personId,
      sampledAt: sampledAt.toISOString(),
      result,
    })
    expect(res.statusCode, res.body).toBe(201)
  }
  const join = async (personId: string, group: string, intervalDays: number) => {
    const res = await send('PUT', '/api/key-groups', worker, { personId, group, intervalDays })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<FactCreated>()
  }
  const overdue = async (query: string, cookie = worker) => {
    const res = await send('GET', `/api/key-groups/overdue?${query}`, cookie)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<OverduePage>()
  }
  const colourOf = async (personId: string) =>
    (await send('GET', `/api/persons/${personId}/health-code`, epi)).json<{ colour: string }>().colour

  it('seeds the national groups of TEST.MUST with core’s defaults, names in zh and en', async () => {
    const rows = await t.services.database.db
      .selectFrom('key_groups')
      .select(['code', 'name_zh', 'name_en', 'interval_days'])
      .where('kind', '=', 'national')
      .orderBy('created_at')
      .execute()
    const byCode = new Map(rows.map((g) => [g.code, g]))
    for (const d of NATIONAL_GROUP_DEFAULTS) {
      expect(byCode.get(d.code), d.code).toEqual({
        code: d.code,
        name_zh: d.names['zh-CN'],
        name_en: d.names.en,
        interval_days: d.intervalDays,
      })
    }
    expect(rows).toHaveLength(NATIONAL_GROUP_DEFAULTS.length)
  })

  it('keeps every membership the first schema allowed: each value of its CHECK list is a group', async () => {
    const first = await readFile(`${MIGRATIONS_DIR}/20261128T1400-health-codes.sql`, 'utf8')
    const list = /grp\s+text NOT NULL CHECK \(grp IN \(([^)]*)\)\)/.exec(first)?.[1] ?? ''
    const old = [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1] ?? '')
    expect(old).toHaveLength(10)
    const codes = await t.services.database.db
      .selectFrom('key_groups')
      .select('code')
      .where('code', 'in', old)
      .execute()
    expect(codes.map((c) => c.code).sort()).toEqual([...old].sort())
  })

  it('TEST.MUST with grace 24 h: interval 7, negative 7 days ago is not overdue, 8 days ago is — and the code agrees', async () => {
    const community = r.communities[0]
    const now = Date.now()
    const seven = await t.createPerson(community)
    const eight = await t.createPerson(community)
    const never = await t.createPerson(community)
    await nat(seven.id, new Date(now - 7 * DAY))
    await nat(eight.id, new Date(now - 8 * DAY))
    // A later positive or pending result does not reset the schedule (only negatives count).
    await nat(eight.id, new Date(now - DAY), 'pending')
    expect((await join(seven.id, 'medical_staff', 7)).colour).toBe('green')
    expect((await join(eight.id, 'medical_staff', 7)).colour).toBe('yellow')
    expect((await join(never.id, 'medical_staff', 7)).colour).toBe('yellow')

    const page = await overdue(`regionCode=${community}&group=medical_staff`)
    const ids = page.items.map((m) => m.personId)
    expect(ids).toContain(eight.id)
    expect(ids).toContain(never.id)
    expect(ids).not.toContain(seven.id)
    const m = page.items.find((x) => x.personId === eight.id)
    // Masked as in the persons list; the region by name.
    expect(m?.phoneMasked).toMatch(/^\d{3}\*+\d{4}$/)
    expect(m?.idNumberMasked).toContain('*')
    expect(m?.regionName.length).toBeGreaterThan(0)
    expect(page.items.find((x) => x.personId === never.id)?.lastNegativeAt).toBeNull()
    expect(page.counts).toContainEqual(
      expect.objectContaining({ regionCode: community, group: 'medical_staff', overdue: 2 }),
    )
    expect(await colourOf(seven.id)).toBe('green')
    expect(await colourOf(eight.id)).toBe('yellow')
    // A fresh negative takes the member off the list and the code back to green.
    await nat(eight.id, new Date(now - 3_600_000))
    expect((await overdue(`regionCode=${community}`)).items.map((x) => x.personId)).not.toContain(eight.id)
    expect(await colourOf(eight.id)).toBe('green')

    // The read is audited as a read of personal data, naming the persons returned.
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'key_group.overdue.read')
      .execute()
    expect(audit.some((a) => JSON.stringify(a.details).includes(never.id))).toBe(true)
  })

  it('another region’s admin is refused the region (403) and sees none of its members', async () => {
    const p = await t.createPerson(r.communities[1])
    await join(p.id, 'eldercare_staff', 7)
    const refused = await send('GET', `/api/key-groups/overdue?regionCode=${r.district}`, otherAdmin)
    expect(refused.statusCode).toBe(403)
    expect(refused.json<ErrorBody>().error.code).toBe('OUT_OF_SCOPE')
    const own = await overdue('', otherAdmin)
    expect(own.items.map((m) => m.personId)).not.toContain(p.id)
    const notify = await send('POST', '/api/key-groups/overdue/notify', otherAdmin, {
      regionCode: r.district,
    })
    expect(notify.statusCode).toBe(403)
    const groups = (await send('GET', '/api/key-groups', otherAdmin)).json<KeyGroupList>()
    expect(groups.items.find((g) => g.code === 'eldercare_staff')?.members).toBe(0)
    const mine = (await send('GET', '/api/key-groups', worker)).json<KeyGroupList>()
    expect(mine.items.find((g) => g.code === 'eldercare_staff')?.members).toBeGreaterThanOrEqual(1)
    // A tester reads the lists but may not send reminders.
    const tester = await t.login('tester', r.district)
    expect((await send('GET', '/api/key-groups/overdue', tester)).statusCode).toBe(200)
    expect((await send('POST', '/api/key-groups/overdue/notify', tester, {})).statusCode).toBe(403)
  })

  it('reminds overdue members by SMS once per person per day, audited', async () => {
    const community = r.communities[2]
    const a = await t.createPerson(community, { phone: '13900000001' })
    const b = await t.createPerson(community, { phone: '13900000002' })
    await join(a.id, 'prison_staff', 7)
    await join(b.id, 'prison_staff', 7)
    const first = await send('POST', '/api/key-groups/overdue/notify', worker, { regionCode: community })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json<NotifyOverdueResult>()).toEqual({
      overdue: 2,
      sent: 2,
      alreadyToday: 0,
      noPhone: 0,
      failed: 0,
    })
    const second = await send('POST', '/api/key-groups/overdue/notify', worker, { regionCode: community })
    expect(second.json<NotifyOverdueResult>()).toEqual({
      overdue: 2,
      sent: 0,
      alreadyToday: 2,
      noPhone: 0,
      failed: 0,
    })
    const sms = await t.services.database.db
      .selectFrom('sms_outbox')
      .select(['phone', 'body', 'region_code'])
      .where('phone', 'in', ['13900000001', '13900000002'])
      .execute()
    expect(sms).toHaveLength(2)
    expect(sms[0]?.body).toContain('监所工作人员')
    expect(sms[0]?.region_code).toBe(community)
    expect((await overdue(`regionCode=${community}`)).items.every((m) => m.remindedToday)).toBe(true)
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'key_group.notify')
      .execute()
    expect(audit.some((x) => JSON.stringify(x.details).includes(a.id))).toBe(true)
  })

  it('imports memberships with a preview and per-row problems; good rows kept, colours recomputed', async () => {
    const community = r.communities[3]
    const known = await t.createPerson(community)
    const byId = await t.createPerson(community)
    const foreign = await t.createPerson(other.communities[0])
    const csv = [
      '身份证号码,人员编号,重点人群,来源,单位名称',
      `${known.idNumber},,medical_staff,staff_roster,第一人民医院`,
      `,${byId.id},入境人员,inbound,`,
      `110101199001011237,,medical_staff,staff_roster,`, // unknown person
      `${known.idNumber},,no_such_group,staff_roster,`, // unknown group
      `${foreign.idNumber},,medical_staff,staff_roster,`, // outside the importer's region
      `${known.idNumber},,medical_staff,carrier_pigeon,`, // unknown source
    ].join('\n')
    const res = await send('POST', '/api/imports/key-group-members/preview', worker, {
      filename: '医院名单.csv',
      contentBase64: b64(csv),
    })
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<ImportPreview>()
    expect(p.validCount).toBe(2)
    expect(p.issues.map((i) => [i.row, i.code])).toEqual([
      [4, 'personNotFound'],
      [5, 'groupNotFound'],
      [6, 'outOfScope'],
      [7, 'notAllowed'],
    ])
    // Nothing is written by a preview.
    const before = await t.services.database.db
      .selectFrom('key_group_memberships')
      .select('person_id')
      .where('person_id', 'in', [known.id, byId.id])
      .execute()
    expect(before).toEqual([])
    const done = await send('POST', `/api/imports/${p.previewId}/confirm`, worker)
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json<ImportResult>().inserted).toBe(2)
    const rows = await t.services.database.db
      .selectFrom('key_group_memberships')
      .select(['person_id', 'grp', 'source', 'unit_name', 'interval_days'])
      .where('person_id', 'in', [known.id, byId.id, foreign.id])
      .orderBy('grp')
      .execute()
    expect(rows).toEqual([
      { person_id: byId.id, grp: 'inbound', source: 'inbound', unit_name: null, interval_days: null },
      {
        person_id: known.id,
        grp: 'medical_staff',
        source: 'staff_roster',
        unit_name: '第一人民医院',
        interval_days: null,
      },
    ])
    // Never tested: overdue under the group's interval, and the code turned yellow.
    await t.services.colours.drainAll()
    expect(await colourOf(known.id)).toBe('yellow')
    const unit = await overdue(`regionCode=${community}&unit=${encodeURIComponent('第一人民医院')}`)
    expect(unit.items.map((m) => [m.personId, m.unitName, m.source])).toEqual([
      [known.id, '第一人民医院', 'staff_roster'],
    ])
  })

  it('defines a local group (TEST.WILL) in scope, usable in imports there; refuses duplicates and bad input with 4xx', async () => {
    const body = {
      code: `hotel_${kind}`,
      regionCode: r.district,
      nameZh: '隔离酒店工作人员',
      nameEn: 'quarantine hotel staff',
      intervalDays: 3,
    }
    const made = await send('POST', '/api/key-groups', epi, body)
    expect(made.statusCode, made.body).toBe(201)
    expect(made.json<KeyGroupItem>()).toMatchObject({ code: body.code, kind: 'local', intervalDays: 3 })
    expect((await send('POST', '/api/key-groups', epi, body)).json<ErrorBody>().error.code).toBe(
      'KEY_GROUP_EXISTS',
    )
    expect((await send('POST', '/api/key-groups', worker, { ...body, code: 'x_worker' })).statusCode).toBe(
      403,
    )
    const foreign = await send('POST', '/api/key-groups', epi, {
      ...body,
      code: 'x_far',
      regionCode: other.district,
    })
    expect(foreign.statusCode).toBe(403)
    // Visible here, not in the other region.
    expect(
      (await send('GET', '/api/key-groups', worker)).json<KeyGroupList>().items.map((g) => g.code),
    ).toContain(body.code)
    expect(
      (await send('GET', '/api/key-groups', otherAdmin)).json<KeyGroupList>().items.map((g) => g.code),
    ).not.toContain(body.code)
    const bad: object[] = [
      { ...body, code: 'b1', intervalDays: 0 },
      { ...body, code: 'b2', intervalDays: 1000 },
      { ...body, code: 'b3', nameZh: '酒店\u0000' },
      { ...body, code: 'b4', nameZh: '名'.repeat(100_000) },
      { ...body, code: 'b5', nameEn: 'x'.repeat(100_000) },
      { ...body, code: 'Bad Code' },
      { ...body, code: 'b6', nameZh: '   ' },
    ]
    for (const payload of bad) {
      const res = await send('POST', '/api/key-groups', epi, payload)
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
    }
    const groups = await t.services.database.db
      .selectFrom('key_groups')
      .select('code')
      .where('code', 'like', 'b%')
      .execute()
    expect(groups).toEqual([])
    // Other bad input on the lists: an unknown group is a 404, a NUL a 400, never a 500.
    expect((await send('GET', '/api/key-groups/overdue?group=no_such_group', worker)).statusCode).toBe(404)
    expect((await send('GET', '/api/key-groups/overdue?unit=a%00b', worker)).statusCode).toBe(400)
    expect((await send('GET', `/api/key-groups/overdue?unit=${'x'.repeat(101)}`, worker)).statusCode).toBe(
      400,
    )
    expect((await send('POST', '/api/key-groups/overdue/notify', worker, { group: 'BAD' })).statusCode).toBe(
      400,
    )
    // The local group's interval applies to its members (3 days, grace 24 h).
    const p = await t.createPerson(r.communities[0])
    await nat(p.id, new Date(Date.now() - 5 * DAY))
    const csv = `人员编号,重点人群,来源\n${p.id},隔离酒店工作人员,用人单位名单\n`
    const preview = await send('POST', '/api/imports/key-group-members/preview', worker, {
      filename: 'hotel.csv',
      contentBase64: b64(csv),
    })
    expect(preview.json<ImportPreview>().validCount, preview.body).toBe(1)
    await send('POST', `/api/imports/${preview.json<ImportPreview>().previewId}/confirm`, worker)
    const page = await overdue(`group=${body.code}`)
    expect(page.items.map((m) => [m.personId, m.intervalDays, m.source])).toEqual([
      [p.id, 3, 'employer_roster'],
    ])
  })

  it('PUT /api/key-groups takes a local group usable in the person’s region; its overdue reason names it in both languages (TEST.WILL)', async () => {
    const code = `drivers_${kind}`
    const made = await send('POST', '/api/key-groups', epi, {
      code,
      regionCode: r.streets[0],
      nameZh: '公交司机',
      nameEn: 'bus drivers',
      intervalDays: 3,
    })
    expect(made.statusCode, made.body).toBe(201)
    // Never tested: overdue at once (TEST.MUST schedule), yellow under the rule set.
    const p = await t.createPerson(r.communities[0])
    await join(p.id, code, 3)
    const res = await send('GET', `/api/persons/${p.id}/health-code`, epi)
    const reason = res
      .json<{ reasons: { code: string; text: Record<string, string> }[] }>()
      .reasons.find((x) => x.code === 'TEST_OVERDUE')
    expect(reason).toBeDefined()
    expect(reason?.text['zh-CN']).toMatch(/^公交司机应检尽检/)
    expect(reason?.text['en']).toContain('“bus drivers”')

    // Unknown, or local to another street (not this person's region or an ancestor): 404, nothing written.
    const elsewhere = await t.createPerson(r.communities[2])
    const refused = [
      await send('PUT', '/api/key-groups', worker, {
        personId: p.id,
        group: 'no_such_group',
        intervalDays: 7,
      }),
      await send('PUT', '/api/key-groups', worker, { personId: elsewhere.id, group: code, intervalDays: 7 }),
    ]
    for (const x of refused) {
      expect([x.statusCode, x.json<ErrorBody>().error.code]).toEqual([404, 'KEY_GROUP_NOT_FOUND'])
    }
    const bad = await send('PUT', '/api/key-groups', worker, {
      personId: p.id,
      group: 'Bad Group',
      intervalDays: 7,
    })
    expect(bad.statusCode).toBe(400)
    const rows = await t.services.database.db
      .selectFrom('key_group_memberships')
      .select(['person_id', 'grp'])
      .where('person_id', 'in', [p.id, elsewhere.id])
      .execute()
    expect(rows).toEqual([{ person_id: p.id, grp: code }])
  })
})
