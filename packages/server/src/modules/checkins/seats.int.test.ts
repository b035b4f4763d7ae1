import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord, MyHealthCode, ScanBatchResult, SelfCheckinResult, Venue } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

/**
 * Seats on transport check-ins (issue "Entry/exit": flights, trains and buses are venues with
 * seats), from the gate scan and the self check-in to the seat rules of an investigation.
 */
describe.each(TEST_DATABASES)('seats on transport check-ins on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let worker: string
  let gate: string
  let flight: Venue
  let market: Venue
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    worker = await t.login('community_worker', r.communities[0])
    gate = await t.login('checkpoint', r.communities[0])
    const venue = async (k: string, name: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/venues',
        headers: { cookie: worker },
        payload: { regionCode: r.communities[0], kind: k, name },
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json<Venue>()
    }
    flight = await venue('flight', 'CZ3101 广州—北京')
    market = await venue('market', '南门菜场')
  })
  afterAll(async () => t.close())

  const passenger = async () => {
    const p = await t.createPerson(r.communities[0])
    const cookie = await t.login('citizen', r.communities[0], { personId: p.id })
    const qr = (await t.app.inject({ url: '/api/codes/me', headers: { cookie } })).json<MyHealthCode>().qr
    return { p, cookie, qr }
  }
  const item = (venueId: string, qr: string, extra: object = {}) => ({
    clientScanId: randomUUID(),
    venueId,
    method: 'gate_scan',
    direction: 'in',
    scannedAt: new Date().toISOString(),
    code: qr,
    ...extra,
  })
  const batch = (scans: object[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/checkins/batch',
      headers: { cookie: gate },
      payload: { scans },
    })

  it('boarding scans keep the seat; the plane rule then picks rows r−3…r+3 only', async () => {
    const [ill, near, far, unseated] = [
      await passenger(),
      await passenger(),
      await passenger(),
      await passenger(),
    ]
    const res = await batch([
      item(flight.id, ill.qr, { seat: { row: 20 } }),
      item(flight.id, near.qr, { seat: { row: 23 } }),
      item(flight.id, far.qr, { seat: { row: 31 } }),
      item(flight.id, unseated.qr),
    ])
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<ScanBatchResult>()).toMatchObject({ accepted: 4, rejected: 0 })
    const stored = await t.services.database.db
      .selectFrom('checkins')
      .select(['person_id', 'seat'])
      .where('venue_id', '=', flight.id)
      .execute()
    expect(new Map(stored.map((s) => [s.person_id, s.seat]))).toEqual(
      new Map([
        [ill.p.id, { row: 20 }],
        [near.p.id, { row: 23 }],
        [far.p.id, { row: 31 }],
        [unseated.p.id, null],
      ]),
    )

    const epi = await t.login('epidemiologist', r.district)
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: epi },
      payload: { personId: ill.p.id, status: 'confirmed', onsetAt: new Date().toISOString() },
    })
    expect(c.statusCode, c.body).toBe(201)
    const inv = await t.app.inject({
      url: `/api/cases/${c.json<CaseRecord>().id}/investigation`,
      headers: { cookie: epi },
    })
    expect(inv.statusCode, inv.body).toBe(200)
    const rules = new Map(
      inv
        .json<{ candidates: { personId: string; strongest: { rule: string } }[] }>()
        .candidates.map((x) => [x.personId, x.strongest.rule]),
    )
    expect(rules.get(near.p.id)).toBe('plane_rows')
    expect(rules.has(far.p.id)).toBe(false)
    // No seat recorded: the conservative fallback keeps them as a candidate of the whole flight.
    expect(rules.get(unseated.p.id)).toBe('venue_overlap')
  })

  it('a seat where it does not belong is refused per item, and the good items go through', async () => {
    const a = await passenger()
    const res = await batch([
      item(market.id, a.qr, { seat: { row: 3 } }),
      item(flight.id, a.qr, { seat: { carriage: '5' } }),
      item(flight.id, a.qr, { seat: { row: 4 } }),
    ])
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json<ScanBatchResult>()
    expect(out.accepted).toBe(1)
    expect(out.outcomes.map((o) => o.error?.code ?? o.status)).toEqual([
      'SEAT_NOT_APPLICABLE',
      'SEAT_NOT_APPLICABLE',
      'accepted',
    ])
    expect(out.outcomes[0]?.error?.message).toMatch(/not a conveyance/)
    expect(out.outcomes[1]?.error?.message).toMatch(/needs a row/)
  })

  it.each([
    [{ row: 0 }, /row/],
    [{ row: 'twelve' }, /row/],
    [{}, /seat/],
    [{ row: 3, deck: 'upper' }, /deck|additional/i],
  ])('a malformed seat %j is a 400 naming it, and nothing is written', async (seat, message) => {
    const a = await passenger()
    const body = item(flight.id, a.qr, { seat })
    const res = await batch([body])
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatch(message)
    const rows = await t.services.database.db
      .selectFrom('checkins')
      .select('id')
      .where('client_scan_id', '=', body.clientScanId)
      .execute()
    expect(rows).toEqual([])
  })

  it('a passenger checks in on the flight code with a seat; on a market the seat is refused', async () => {
    const a = await passenger()
    const code = async (v: Venue) =>
      (await t.app.inject({ url: `/api/venues/${v.id}/code`, headers: { cookie: worker } })).json<{
        code: string
      }>().code
    const self = (venueCode: string, seat: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/checkins/self',
        headers: { cookie: a.cookie },
        payload: { venueCode, clientScanId: randomUUID(), seat },
      })
    const ok = await self(await code(flight), { row: 12 })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json<SelfCheckinResult>().status).toBe('accepted')
    const bad = await self(await code(market), { row: 12 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/not a conveyance/)
    const rows = await t.services.database.db
      .selectFrom('checkins')
      .select(['venue_id', 'seat'])
      .where('person_id', '=', a.p.id)
      .execute()
    expect(rows).toEqual([{ venue_id: flight.id, seat: { row: 12 } }])
  })
})
