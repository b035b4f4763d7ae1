import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sql } from 'kysely'
import type {
  MyHealthCode,
  ScanBatchResult,
  ScanOutcome,
  SelfCheckinResult,
  Venue,
  VenueStats,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { dropExpiredCheckinPartitions } from './retention.js'

describe.each(TEST_DATABASES)('entry and exit on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let worker: string
  let gate: string
  let venue: Venue
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    worker = await t.login('community_worker', r.communities[0])
    gate = await t.login('checkpoint', r.communities[0])
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/venues',
      headers: { cookie: worker },
      payload: { regionCode: r.communities[0], kind: 'residential_gate', name: '幸福里小区南门' },
    })
    expect(res.statusCode, res.body).toBe(201)
    venue = res.json<Venue>()
  })
  afterAll(async () => t.close())

  const citizen = async (community: string) => {
    const p = await t.createPerson(community, { name: '孙悟空' })
    const cookie = await t.login('citizen', community, { personId: p.id })
    const code = (await t.app.inject({ url: '/api/codes/me', headers: { cookie } })).json<MyHealthCode>()
    return { p, cookie, qr: code.qr }
  }
  const scan = (payload: object, cookie = gate) =>
    t.app.inject({ method: 'POST', url: '/api/gate/scan', headers: { cookie }, payload })
  const item = (qr: string, extra: object = {}) => ({
    clientScanId: randomUUID(),
    venueId: venue.id,
    method: 'gate_scan',
    direction: 'in',
    scannedAt: new Date().toISOString(),
    code: qr,
    ...extra,
  })

  it('a green resident is allowed and recorded once, however often the scan is replayed', async () => {
    const { p, qr } = await citizen(r.communities[0])
    const body = item(qr)
    const first = await scan(body)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json<ScanOutcome>()).toMatchObject({
      status: 'accepted',
      decision: 'allow',
      colour: 'green',
      maskedName: '孙**',
      resident: true,
    })
    const again = await scan(body)
    expect(again.json<ScanOutcome>().status).toBe('duplicate')
    const rows = await t.services.database.db
      .selectFrom('checkins')
      .select(['person_id', 'source'])
      .where('client_scan_id', '=', body.clientScanId)
      .execute()
    expect(rows).toEqual([{ person_id: p.id, source: 'gate_scan' }])
  })

  it('a known person is refreshed in the background after a minute: that scan does not wait for it', async () => {
    const { p, qr } = await citizen(r.communities[0])
    const resident = async () => {
      const res = await scan(item(qr))
      expect(res.statusCode, res.body).toBe(200)
      return res.json<ScanOutcome>().resident
    }
    expect(await resident()).toBe(true)
    const moveTo = (community: string) =>
      t.services.database.db
        .updateTable('persons')
        .set({ region_code: community })
        .where('id', '=', p.id)
        .execute()
    await moveTo(r.communities[2]) // moved out of the compound
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      expect(await resident()).toBe(true) // within the minute: from memory
      vi.setSystemTime(Date.now() + 61_000)
      expect(await resident()).toBe(true) // from memory while it is read again
      await vi.waitFor(async () => {
        expect(await resident()).toBe(false)
      })
      // Not scanned for more than ten minutes: read again before it is used.
      await moveTo(r.communities[0])
      vi.setSystemTime(Date.now() + 12 * 60_000)
      expect(await resident()).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('a visitor with a yellow code is denied with the reason, and the denial is recorded', async () => {
    const { cookie } = await citizen(r.communities[3])
    await t.app.inject({
      method: 'POST',
      url: '/api/declarations/health',
      headers: { cookie },
      payload: { temperatureC: 38.3, symptoms: [] },
    })
    const qr = (await t.app.inject({ url: '/api/codes/me', headers: { cookie } })).json<MyHealthCode>().qr
    const res = (await scan(item(qr))).json<ScanOutcome>()
    expect(res).toMatchObject({
      status: 'accepted',
      decision: 'deny',
      reason: 'yellow_code',
      resident: false,
    })
    expect(res.reasonText?.['zh-CN']).toBe('黄码，禁止通行')
  })

  it('forged, future-dated, wrong-venue and malformed scans are refused with the reason', async () => {
    const { qr } = await citizen(r.communities[0])
    const forged = await scan(item(qr.slice(0, -3) + (qr.endsWith('A') ? 'BBB' : 'AAA')))
    expect(forged.statusCode).toBe(400)
    const future = await scan(item(qr, { scannedAt: new Date(Date.now() + 3600_000).toISOString() }))
    expect(future.statusCode).toBe(400)
    expect(future.json<{ error: { message: string } }>().error.message).toMatch(/future/)
    const other = await t.makeRegions()
    const elsewhere = await t.services.database.db
      .insertInto('venues')
      .values({ region_code: other.communities[0], kind: 'market', name: '别处市场' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect((await scan(item(qr, { venueId: elsewhere.id }))).statusCode).toBe(403)
    expect((await scan({ ...item(qr), clientScanId: 'not-a-uuid' })).statusCode).toBe(400)
    expect((await scan({ ...item(qr), extra: 1 })).statusCode).toBe(400)
  })

  it('a batch (the offline queue) accepts good items, reports duplicates and lists each rejected item', async () => {
    const a = await citizen(r.communities[0])
    const b = await citizen(r.communities[1])
    const good1 = item(a.qr, { scannedAt: new Date(Date.now() - 600_000).toISOString() })
    const good2 = item(b.qr)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/checkins/batch',
      headers: { cookie: gate },
      payload: { scans: [good1, item('LF1:garbage'), good2, good1, item(a.qr, { venueId: '999999999' })] },
    })
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json<ScanBatchResult>()
    expect(out).toMatchObject({ accepted: 2, duplicates: 1, rejected: 2 })
    expect(out.outcomes.map((o) => o.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
      'duplicate',
      'rejected',
    ])
    expect(out.outcomes[1]?.error?.code).toBe('BAD_CODE')
    expect(out.outcomes[4]?.error?.code).toBe('VENUE_NOT_FOUND')
    const replay = (
      await t.app.inject({
        method: 'POST',
        url: '/api/checkins/batch',
        headers: { cookie: gate },
        payload: { scans: [good1, good2] },
      })
    ).json<ScanBatchResult>()
    expect(replay).toMatchObject({ accepted: 0, duplicates: 2 })
  })

  it('proxy scans record a person without a phone, with a companion; check-out closes the visit', async () => {
    const elder = await t.createPerson(r.communities[0], { name: '李奶奶' })
    const companion = await t.createPerson(r.communities[0], { name: '李小明' })
    const inScan = {
      clientScanId: randomUUID(),
      venueId: venue.id,
      method: 'proxy',
      direction: 'in',
      scannedAt: new Date(Date.now() - 60_000).toISOString(),
      idType: 'resident',
      idNumber: elder.idNumber,
      companionIdNumber: companion.idNumber,
    }
    const res = (await scan(inScan)).json<ScanOutcome>()
    expect(res).toMatchObject({ status: 'accepted', decision: 'allow', maskedName: '李**' })
    const out = (
      await scan({
        ...inScan,
        clientScanId: randomUUID(),
        direction: 'out',
        scannedAt: new Date().toISOString(),
      })
    ).json<ScanOutcome>()
    expect(out.status).toBe('accepted')
    const row = await t.services.database.db
      .selectFrom('checkins')
      .select(['companion_person_id', 'checked_out_at', 'source'])
      .where('client_scan_id', '=', inScan.clientScanId)
      .executeTakeFirstOrThrow()
    expect(row.companion_person_id).toBe(companion.id)
    expect(row.source).toBe('proxy')
    expect(row.checked_out_at).not.toBeNull()
    const unknown = await scan({
      ...inScan,
      clientScanId: randomUUID(),
      idNumber: 'G0000001',
      idType: 'passport',
      companionIdNumber: undefined,
    })
    expect(unknown.statusCode).toBe(400)
  })

  it('a citizen scans the venue code: recorded, own colour shown; a forged venue code is refused', async () => {
    const { cookie } = await citizen(r.communities[1])
    const code = (
      await t.app.inject({ url: `/api/venues/${venue.id}/code`, headers: { cookie: worker } })
    ).json<{ code: string }>().code
    expect(code).toMatch(/^LFV1:/)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/checkins/self',
      headers: { cookie },
      payload: { venueCode: code, clientScanId: randomUUID() },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<SelfCheckinResult>()).toMatchObject({
      status: 'accepted',
      colour: 'green',
      venue: { name: '幸福里小区南门' },
    })
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/checkins/self',
      headers: { cookie },
      payload: { venueCode: code.slice(0, -4) + '0000', clientScanId: randomUUID() },
    })
    expect(bad.statusCode).toBe(400)
  })

  it('the community view counts entries, exits, residents, visitors and denials by hour', async () => {
    const res = await t.app.inject({ url: `/api/venues/${venue.id}/stats`, headers: { cookie: worker } })
    expect(res.statusCode, res.body).toBe(200)
    const s = res.json<VenueStats>()
    expect(s.entries).toBeGreaterThanOrEqual(3)
    expect(s.exits).toBeGreaterThanOrEqual(1)
    expect(s.residents).toBeGreaterThanOrEqual(1)
    expect(s.visitors).toBeGreaterThanOrEqual(1)
    expect(s.denied).toContainEqual({ reason: 'yellow_code', count: 1 })
    expect(s.hourly).toHaveLength(24)
    expect(s.hourly.reduce((n, h) => n + h.entries, 0)).toBe(s.entries)
  })

  it('retention drops whole day-partitions past the period, and logs it', async () => {
    const db = t.services.database.db
    await sql`select ensure_checkin_partition('2020-01-05'::date)`.execute(db)
    await sql`insert into checkins (region_code, venue_id, person_id, checked_in_at) values (${r.communities[0]}, ${venue.id}, null, '2020-01-05T10:00:00Z')`.execute(
      db,
    )
    const dropped = await dropExpiredCheckinPartitions(t.services.database, t.services.audit, 28, undefined)
    expect(dropped).toContain('checkins_20200105')
    const left = await sql<{
      n: string
    }>`select count(*)::text as n from checkins where checked_in_at < '2020-02-01'`.execute(db)
    expect(left.rows[0]?.n).toBe('0')
    const logged = await db
      .selectFrom('checkin_partition_drops')
      .select('day')
      .where('partition_name', '=', 'checkins_20200105')
      .executeTakeFirst()
    expect(logged?.day).toBe('2020-01-05')
    const recent = await sql<{ n: string }>`select count(*)::text as n from checkins`.execute(db)
    expect(Number(recent.rows[0]?.n)).toBeGreaterThan(0)
  })

  it('two processes running retention at once drop and audit each partition once', async () => {
    const db = t.services.database.db
    for (const d of ['2020-02-03', '2020-02-04'])
      await sql`select ensure_checkin_partition(${d}::date)`.execute(db)
    const runs = await Promise.all([
      dropExpiredCheckinPartitions(t.services.database, t.services.audit, 28, undefined),
      dropExpiredCheckinPartitions(t.services.database, t.services.audit, 28, undefined),
    ])
    const all = runs.flat().filter((n) => n === 'checkins_20200203' || n === 'checkins_20200204')
    expect(all.sort()).toEqual(['checkins_20200203', 'checkins_20200204'])
    const audited = await db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'checkins.partition_dropped')
      .where('target_id', 'in', ['checkins_20200203', 'checkins_20200204'])
      .execute()
    expect(audited.map((a) => a.target_id).sort()).toEqual(['checkins_20200203', 'checkins_20200204'])
  })

  it('a deactivated gate refuses scans at once (no cache), and takes them again when reactivated', async () => {
    const v = (
      await t.app.inject({
        method: 'POST',
        url: '/api/venues',
        headers: { cookie: worker },
        payload: { regionCode: r.communities[0], kind: 'market', name: '临时关闭的菜场' },
      })
    ).json<Venue>()
    const { qr } = await citizen(r.communities[0])
    expect((await scan(item(qr, { venueId: v.id }))).statusCode).toBe(200)
    const setActive = (active: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/venues/${v.id}/active`,
        headers: { cookie: worker },
        payload: { active },
      })
    expect((await setActive(false)).statusCode).toBe(200)
    const refused = await scan(item(qr, { venueId: v.id }))
    expect(refused.statusCode).toBe(400)
    expect(refused.json<{ error: { details: { code: string } } }>().error.details.code).toBe('VENUE_INACTIVE')
    expect((await setActive(true)).statusCode).toBe(200)
    expect((await scan(item(qr, { venueId: v.id }))).statusCode).toBe(200)
  })
})
