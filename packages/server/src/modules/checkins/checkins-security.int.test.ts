import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type {
  MyHealthCode,
  ScanBatchResult,
  ScanOutcome,
  SelfCheckinResult,
  Venue,
} from '@lianfang/contracts'
import { MAX_SCANS_PER_BATCH } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { checkinDigest } from './checkin-digest.js'
import { CHECKINS_RECORDED } from './checkin-writer.js'
import { PROXY_SCAN_AUDIT } from './checkins.service.js'

/**
 * Issue #14, entry and exit: a scan is stored once by its client scan id alone (whatever time a
 * retry carries); proxy scans (a person's colour by ID number) are audited one by one, and every
 * group-commit flush leaves one chained record per actor whose digest covers the rows it stored;
 * a batch is capped and its look-ups bounded.
 */
describe.each(TEST_DATABASES)('check-in security on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let worker: string
  let gate: string
  let gateUserId: string
  let venue: Venue
  let other: Venue
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    worker = await t.login('community_worker', r.communities[0])
    gate = await t.login('checkpoint', r.communities[0])
    gateUserId = (await t.app.inject({ url: '/api/auth/me', headers: { cookie: gate } })).json<{
      id: string
    }>().id
    const add = async (name: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/venues',
        headers: { cookie: worker },
        payload: { regionCode: r.communities[0], kind: 'market', name },
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json<Venue>()
    }
    venue = await add('安全菜市场')
    other = await add('另一个菜市场')
  })
  afterAll(async () => t.close())

  const db = () => t.services.database.db
  const citizen = async () => {
    const p = await t.createPerson(r.communities[0], { name: '孙悟空' })
    const cookie = await t.login('citizen', r.communities[0], { personId: p.id })
    const code = (await t.app.inject({ url: '/api/codes/me', headers: { cookie } })).json<MyHealthCode>()
    return { p, cookie, qr: code.qr }
  }
  const scan = (payload: object, cookie = gate) =>
    t.app.inject({ method: 'POST', url: '/api/gate/scan', headers: { cookie }, payload })
  const batch = (scans: object[], cookie = gate) =>
    t.app.inject({ method: 'POST', url: '/api/checkins/batch', headers: { cookie }, payload: { scans } })
  const gateItem = (qr: string, extra: object = {}) => ({
    clientScanId: randomUUID(),
    venueId: venue.id,
    method: 'gate_scan',
    direction: 'in',
    scannedAt: new Date(Date.now() - 120_000).toISOString(),
    code: qr,
    ...extra,
  })
  const proxyItem = (idNumber: string, extra: object = {}) => ({
    clientScanId: randomUUID(),
    venueId: venue.id,
    method: 'proxy',
    direction: 'in',
    scannedAt: new Date(Date.now() - 120_000).toISOString(),
    idType: 'resident',
    idNumber,
    ...extra,
  })
  const storedCount = async (clientScanId: string) =>
    Number(
      (
        await db()
          .selectFrom('checkins')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('client_scan_id', '=', clientScanId)
          .executeTakeFirstOrThrow()
      ).n,
    )

  describe('exactly once by the scan id alone', () => {
    it('a gate scan retried with a re-stamped time is stored once and answered as the first', async () => {
      const { qr } = await citizen()
      const first = gateItem(qr)
      const a = await scan(first)
      expect(a.statusCode, a.body).toBe(200)
      expect(a.json<ScanOutcome>()).toMatchObject({ status: 'accepted', decision: 'allow', colour: 'green' })
      const b = await scan({ ...first, scannedAt: new Date().toISOString() })
      expect(b.statusCode, b.body).toBe(200)
      const replay = b.json<ScanOutcome>()
      expect(replay.status).toBe('duplicate')
      expect({ ...replay, status: 'accepted' }).toEqual(a.json<ScanOutcome>())
      expect(await storedCount(first.clientScanId)).toBe(1)
      // In a batch too, upper-case id and another time again.
      const c = await batch([
        { ...first, clientScanId: first.clientScanId.toUpperCase(), scannedAt: new Date().toISOString() },
      ])
      expect(c.json<ScanBatchResult>()).toMatchObject({ accepted: 0, duplicates: 1 })
      expect(await storedCount(first.clientScanId)).toBe(1)
    })

    it('the replay answers with the stored decision, not one made again at the new time', async () => {
      const elder = await t.createPerson(r.communities[0], { name: '李奶奶' })
      const first = proxyItem(elder.idNumber)
      expect((await scan(first)).json<ScanOutcome>()).toMatchObject({ status: 'accepted', colour: 'green' })
      // The person turns red; a retry of the same scan still reports what was decided and stored.
      await db()
        .updateTable('checkins')
        .set({ colour: 'red', decision: 'deny', deny_reason: 'red_code' })
        .where('client_scan_id', '=', first.clientScanId)
        .execute()
      const again = (await scan({ ...first, scannedAt: new Date().toISOString() })).json<ScanOutcome>()
      expect(again).toMatchObject({
        status: 'duplicate',
        colour: 'red',
        decision: 'deny',
        reason: 'red_code',
      })
      expect(await storedCount(first.clientScanId)).toBe(1)
    })

    it('another scan under a used id is refused and told nothing of the first', async () => {
      const { qr } = await citizen()
      const first = gateItem(qr)
      expect((await scan(first)).statusCode).toBe(200)
      const elsewhere = await scan({ ...first, venueId: other.id, scannedAt: new Date().toISOString() })
      expect(elsewhere.statusCode, elsewhere.body).toBe(409)
      expect(elsewhere.json<{ error: { details: { code: string } } }>().error.details.code).toBe(
        'SCAN_ID_REUSED',
      )
      expect(elsewhere.body).not.toMatch(/green|allow/)
      expect(await storedCount(first.clientScanId)).toBe(1)
    })

    it('a self check-in retried (the server stamps a new time) is stored once, with the first time', async () => {
      const { cookie } = await citizen()
      const code = (
        await t.app.inject({ url: `/api/venues/${venue.id}/code`, headers: { cookie: worker } })
      ).json<{ code: string }>().code
      const body = { venueCode: code, clientScanId: randomUUID() }
      const self = () =>
        t.app.inject({ method: 'POST', url: '/api/checkins/self', headers: { cookie }, payload: body })
      const a = (await self()).json<SelfCheckinResult>()
      await new Promise((resolve) => setTimeout(resolve, 5))
      const b = await self()
      expect(b.statusCode, b.body).toBe(200)
      expect(b.json<SelfCheckinResult>()).toMatchObject({
        status: 'duplicate',
        colour: a.colour,
        checkedInAt: a.checkedInAt,
      })
      expect(await storedCount(body.clientScanId)).toBe(1)
    })
  })

  describe('audit', () => {
    const records = (action: string, actorUserId: string) =>
      db()
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .where('actor_user_id', '=', actorUserId)
        .orderBy('id')
        .execute()

    it('a proxy scan is audited with the person looked up and the reason given, replays too', async () => {
      const elder = await t.createPerson(r.communities[0], { name: '王爷爷' })
      const item = proxyItem(elder.idNumber, { reason: '老人无智能手机' })
      expect((await scan(item)).json<ScanOutcome>().status).toBe('accepted')
      expect((await scan(item)).json<ScanOutcome>().status).toBe('duplicate')
      const mine = (await records(PROXY_SCAN_AUDIT, gateUserId)).filter((a) => a.target_id === elder.id)
      expect(mine).toHaveLength(2) // each look-up shows the colour: each is audited
      expect(mine[0]).toMatchObject({ target_type: 'person', target_id: elder.id, reason: '老人无智能手机' })
      expect(mine[0]?.details).toMatchObject({ venueId: venue.id, clientScanId: item.clientScanId })
      // An unknown ID number reveals nothing and records no look-up of anyone.
      const before = (await records(PROXY_SCAN_AUDIT, gateUserId)).length
      expect((await scan(proxyItem('110101199001010000'))).statusCode).toBe(400)
      expect(await records(PROXY_SCAN_AUDIT, gateUserId)).toHaveLength(before)
    })

    it('a flush leaves one chained record per actor whose digest matches the rows it stored', async () => {
      const { qr } = await citizen()
      const elder = await t.createPerson(r.communities[0], { name: '赵奶奶' })
      const replayed = gateItem(qr)
      await scan(replayed)
      const before = await records(CHECKINS_RECORDED, gateUserId)
      // One batch (one flush): three new gate scans, a proxy scan and a replay.
      const items = [gateItem(qr), gateItem(qr), gateItem(qr), proxyItem(elder.idNumber), replayed]
      const res = await batch(items)
      expect(res.json<ScanBatchResult>()).toMatchObject({ accepted: 4, duplicates: 1 })
      const added = (await records(CHECKINS_RECORDED, gateUserId)).slice(before.length)
      expect(added).toHaveLength(1)
      const record = added[0]
      if (!record) throw new Error('no record')
      const details = record.details as {
        count: number
        ids: [string, string][]
        digest: string
        sources: Record<string, number>
      }
      expect(details.count).toBe(4)
      expect(details.sources).toEqual({ gate_scan: 3, proxy: 1 })
      const ids = details.ids.flatMap(([from, to]) => {
        const out: string[] = []
        for (let i = BigInt(from); i <= BigInt(to); i++) out.push(String(i))
        return out
      })
      const rows = await db()
        .selectFrom('checkins')
        .select(['id', 'client_scan_id', 'checked_in_at', 'venue_id', 'person_id', 'decision', 'colour'])
        .where('id', 'in', ids)
        .execute()
      expect(rows.map((x) => x.client_scan_id).sort()).toEqual(
        items
          .slice(0, 4)
          .map((i) => i.clientScanId)
          .sort(),
      )
      const digestOf = (list: typeof rows) =>
        checkinDigest(
          list.map((x) => ({
            id: x.id,
            clientScanId: x.client_scan_id ?? '',
            checkedInAt: x.checked_in_at,
            venueId: x.venue_id,
            personId: x.person_id,
            decision: x.decision,
            colour: x.colour,
          })),
        )
      expect(digestOf(rows)).toBe(details.digest)
      // The record is in the chain, and an edited or removed row no longer matches it.
      const previous = await db()
        .selectFrom('audit_log')
        .select('hash')
        .where('id', '<', record.id)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow()
      expect(record.prev_hash).toBe(previous.hash)
      expect((await t.services.audit.verify()).ok).toBe(true)
      const edited = rows.map((x, i): (typeof rows)[number] =>
        i === 0 ? { ...x, colour: 'green' === x.colour ? 'red' : 'green' } : x,
      )
      expect(digestOf(edited)).not.toBe(details.digest)
      expect(digestOf(rows.slice(1))).not.toBe(details.digest)
    })

    it('a self check-in is audited as the citizen', async () => {
      const { cookie, p } = await citizen()
      const citizenId = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json<{
        id: string
      }>().id
      const code = (
        await t.app.inject({ url: `/api/venues/${venue.id}/code`, headers: { cookie: worker } })
      ).json<{ code: string }>().code
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/checkins/self',
        headers: { cookie },
        payload: { venueCode: code, clientScanId: randomUUID() },
      })
      expect(res.statusCode, res.body).toBe(200)
      const mine = await records(CHECKINS_RECORDED, citizenId)
      expect(mine).toHaveLength(1)
      expect(mine[0]?.details).toMatchObject({ count: 1, sources: { self_scan: 1 } })
      const row = await db()
        .selectFrom('checkins')
        .select(['id', 'client_scan_id', 'checked_in_at', 'venue_id', 'person_id', 'decision', 'colour'])
        .where('person_id', '=', p.id)
        .executeTakeFirstOrThrow()
      expect((mine[0]?.details as { digest: string }).digest).toBe(
        checkinDigest([
          {
            id: row.id,
            clientScanId: row.client_scan_id ?? '',
            checkedInAt: row.checked_in_at,
            venueId: row.venue_id,
            personId: row.person_id,
            decision: row.decision,
            colour: row.colour,
          },
        ]),
      )
    })
  })

  describe('bounded work per request', () => {
    it(`a batch above ${String(MAX_SCANS_PER_BATCH)} scans is refused with a 400 naming the cap, and the route documents it`, async () => {
      const elder = await t.createPerson(r.communities[0], { name: '钱爷爷' })
      const items = Array.from({ length: MAX_SCANS_PER_BATCH + 1 }, () => proxyItem(elder.idNumber))
      const res = await batch(items)
      expect(res.statusCode, res.body).toBe(400)
      const error = res.json<{ error: { code: string; message: string } }>().error
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.message).toMatch(/scans/)
      expect(error.message).toMatch(new RegExp(String(MAX_SCANS_PER_BATCH)))
      expect(await storedCount(items[0]?.clientScanId ?? '')).toBe(0)
      const doc = t.app.swagger() as unknown as {
        paths: Record<
          string,
          Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>
        >
      }
      const schema = doc.paths['/api/checkins/batch']?.['post']?.requestBody.content['application/json']
        ?.schema as {
        properties: { scans: { maxItems: number; description: string } }
      }
      expect(schema.properties.scans.maxItems).toBe(MAX_SCANS_PER_BATCH)
      expect(schema.properties.scans.description).toMatch(String(MAX_SCANS_PER_BATCH))
    })

    it('the proxy look-ups of one batch run at most two at a time', async () => {
      const people = await Promise.all(Array.from({ length: 12 }, () => t.createPerson(r.communities[0])))
      const colours = t.services.colours
      const original = colours.current.bind(colours)
      let running = 0
      let most = 0
      const spy = vi.spyOn(colours, 'current').mockImplementation(async (personId) => {
        running++
        most = Math.max(most, running)
        try {
          await new Promise((resolve) => setTimeout(resolve, 5))
          return await original(personId)
        } finally {
          running--
        }
      })
      try {
        const res = await batch(people.map((p) => proxyItem(p.idNumber)))
        expect(res.json<ScanBatchResult>().accepted).toBe(people.length)
      } finally {
        spy.mockRestore()
      }
      expect(most).toBeGreaterThan(0)
      expect(most).toBeLessThanOrEqual(2)
    })
  })
})
