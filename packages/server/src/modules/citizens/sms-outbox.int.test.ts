import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

interface Outbox {
  items: { phone: string; body: string }[]
  total: number
}

/**
 * Issue #14: the development SMS outbox carries live one-time codes. An admin reads the messages
 * to numbers of their region only; messages to numbers tied to no region only the node's
 * operators (admins of LIANFANG_NODE_REGION) read; every reading is audited.
 */
describe.each(TEST_DATABASES)('SMS outbox scoping on %s', (kind) => {
  let t: TestApp
  let wuhan: TestRegions
  beforeAll(async () => {
    t = await createTestApp(kind)
    wuhan = await t.makeRegions()
    await t.services.regionsRepo.insertMissing([
      { code: '420200', parentCode: '420000', level: 'city', name: '黄石市' },
    ])
  })
  afterAll(async () => t.close())

  const read = async (cookie: string) => {
    const res = await t.app.inject({ url: '/api/admin/sms-outbox?pageSize=100', headers: { cookie } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<Outbox>()
  }
  const phones = (o: Outbox) => o.items.map((m) => m.phone)

  it('each admin sees the codes of their region; regionless codes only the node operator; reads audited', async () => {
    const residentPhone = `13512${String(process.pid % 1_000_000).padStart(6, '0')}`
    const strangerPhone = `13513${String(process.pid % 1_000_000).padStart(6, '0')}`
    await t.createPerson(wuhan.communities[0], { phone: residentPhone })
    for (const phone of [residentPhone, strangerPhone]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/citizen/otp', payload: { phone } })
      expect(res.statusCode).toBe(200)
    }
    const rows = await t.services.database.db
      .selectFrom('sms_outbox')
      .select(['phone', 'region_code'])
      .where('phone', 'in', [residentPhone, strangerPhone])
      .execute()
    expect(rows).toEqual(
      expect.arrayContaining([
        { phone: residentPhone, region_code: wuhan.communities[0] },
        { phone: strangerPhone, region_code: null },
      ]),
    )

    const operator = await t.login('admin', t.config.nodeRegion)
    expect(phones(await read(operator))).toEqual(expect.arrayContaining([residentPhone, strangerPhone]))

    const districtAdmin = await t.login('admin', wuhan.district)
    const district = await read(districtAdmin)
    expect(phones(district)).toContain(residentPhone)
    expect(phones(district)).not.toContain(strangerPhone)

    const huangshi = await t.login('admin', '420200')
    const other = await read(huangshi)
    expect(other).toMatchObject({ items: [], total: 0 })

    const otherDistrict = await t.makeRegions()
    const neighbour = await read(await t.login('admin', otherDistrict.district))
    expect(phones(neighbour)).not.toContain(residentPhone)

    const audited = await t.services.database.db
      .selectFrom('audit_log')
      .select(['actor_region', 'details'])
      .where('action', '=', 'sms.read')
      .execute()
    expect(audited.map((a) => a.actor_region)).toEqual(
      expect.arrayContaining([t.config.nodeRegion, wuhan.district, '420200']),
    )
    expect(audited.find((a) => a.actor_region === '420200')?.details).toMatchObject({ ids: [] })
  })
})
