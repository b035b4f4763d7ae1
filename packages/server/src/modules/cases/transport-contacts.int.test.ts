import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type {
  ContactOutcome,
  GeneralContactsPage,
  GeneralContactsSummary,
  Investigation,
  SecondaryInvestigation,
  Seat,
  Venue,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addCheckin, addVenue, DAY, HOUR, MINUTE, reportCase } from '../../testing/cases-kit.js'

/**
 * Conveyances in an investigation (RULES.md CC.TRANSPORT.*, GC.DEF, CC2.DEF), the ventilation read
 * from the venue as the server stores it (`POST`/`PATCH /api/venues`): an enclosed air-conditioned
 * train makes the whole carriage close, an ordinary one the bay ±1; a soft sleeper its compartment;
 * a sealed coach the whole bus, a ventilated one rows ±3; a ship the cabin. Fellow travellers outside
 * the seat zone are listed as general contacts (GC.DEF), not dropped; secondary tracing reads seats.
 */
describe.each(TEST_DATABASES)('conveyances in investigations on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  let worker: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
    worker = await t.login('community_worker', r.communities[1])
  })
  afterAll(async () => t.close())

  const get = async <T>(url: string) => {
    const res = await t.app.inject({ url, headers: { cookie: epi } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<T>()
  }
  /** A conveyance registered through the API, its ventilation as the console sends it. */
  const conveyance = async (k: Venue['kind'], name: string, enclosed?: boolean) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/venues',
      headers: { cookie: worker },
      payload: {
        regionCode: r.communities[1],
        kind: k,
        name,
        ...(enclosed === undefined ? {} : { enclosed }),
      },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<Venue>()
  }
  const t0 = new Date(Date.now() - DAY)
  /** A two-hour trip from t0, in a seat (`null`: none recorded — a crew member). */
  const aboard = async (venueId: string, personId: string, seat: Seat | null, ms = 0) => {
    const db = t.services.database.db
    const at = new Date(t0.getTime() + ms)
    await sql`select ensure_checkin_partition(${at.toISOString().slice(0, 10)}::date)`.execute(db)
    await db
      .insertInto('checkins')
      .values({
        region_code: r.communities[1],
        venue_id: venueId,
        person_id: personId,
        checked_in_at: at,
        checked_out_at: new Date(at.getTime() + 2 * HOUR),
        seat: seat === null ? null : JSON.stringify(seat),
      })
      .execute()
  }
  const person = async () => (await t.createPerson(r.communities[2])).id
  const caseOf = async (personId: string) =>
    (await reportCase(t, epi, { personId, onsetAt: new Date(Date.now() - DAY / 2).toISOString() })).id
  /** Candidate rules by person, and the general contacts (GC.DEF) aboard the venue. */
  const traced = async (caseId: string, venueId: string) => {
    const inv = await get<Investigation>(`/api/cases/${caseId}/investigation`)
    const close = new Map(inv.candidates.map((c) => [c.personId, c.strongest.rule]))
    const list = await get<GeneralContactsPage>(
      `/api/cases/${caseId}/investigation/general-contacts?venueId=${venueId}&limit=200`,
    )
    const summary = await get<GeneralContactsSummary>(
      `/api/cases/${caseId}/investigation/general-contacts/summary`,
    )
    return { close, general: list.items, summary }
  }

  /** The same seating on a train: the case in carriage 05 bay 4; A bay 5, B bay 9, C carriage 06. */
  const seatTrain = async (venueId: string) => {
    const [ill, a, b, c] = [await person(), await person(), await person(), await person()]
    await aboard(venueId, ill, { carriage: '05', bay: 4 })
    await aboard(venueId, a, { carriage: '05', bay: 5 })
    await aboard(venueId, b, { carriage: '05', bay: 9 })
    await aboard(venueId, c, { carriage: '06', bay: 4 })
    return { caseId: await caseOf(ill), a, b, c }
  }

  it('CC.TRANSPORT.TRAIN: enclosed air-conditioned → the whole carriage; ordinary → the bay ±1; the rest general (GC.DEF)', async () => {
    const g = await conveyance('train', 'G101 武汉—北京', true)
    const k = await conveyance('train', 'K202 武汉—广州', false)
    const onG = await seatTrain(g.id)
    const onK = await seatTrain(k.id)

    const enclosed = await traced(onG.caseId, g.id)
    expect(enclosed.close.get(onG.a)).toBe('train_carriage')
    expect(enclosed.close.get(onG.b)).toBe('train_carriage')
    expect(enclosed.close.has(onG.c)).toBe(false)
    expect(enclosed.general.map((x) => x.personId)).toEqual([onG.c])
    expect(enclosed.general[0]?.strongest).toMatchObject({
      rule: 'venue_copresence_general',
      venueId: g.id,
      caseSeat: { carriage: '05', bay: 4 },
      contactSeat: { carriage: '06', bay: 4 },
    })
    expect(enclosed.summary).toMatchObject({
      total: 1,
      byVenue: [{ venueId: g.id, venueName: 'G101 武汉—北京', kind: 'train', count: 1 }],
    })

    // The same seats on an ordinary train: bay 4 ± 1 only; B and C are general contacts.
    const ordinary = await traced(onK.caseId, k.id)
    expect(ordinary.close.get(onK.a)).toBe('train_bay')
    expect(ordinary.close.has(onK.b)).toBe(false)
    expect(ordinary.close.has(onK.c)).toBe(false)
    expect(new Set(ordinary.general.map((x) => x.personId))).toEqual(new Set([onK.b, onK.c]))
    expect(ordinary.summary.byVenue).toEqual([
      { venueId: k.id, venueName: 'K202 武汉—广州', kind: 'train', count: 2 },
    ])

    // The ventilation is the server's data: recorded as enclosed, the K train's carriage is close.
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/venues/${k.id}`,
      headers: { cookie: worker },
      payload: { enclosed: true },
    })
    expect(patched.statusCode, patched.body).toBe(200)
    expect(patched.json<Venue>().enclosed).toBe(true)
    const after = await traced(onK.caseId, k.id)
    expect(after.close.get(onK.b)).toBe('train_carriage')
    expect(after.general.map((x) => x.personId)).toEqual([onK.c])
  })

  it('CC.TRANSPORT.TRAIN: a soft sleeper → the same compartment; the attendant of the carriage is close (enclosed)', async () => {
    const z = await conveyance('train', 'Z38 武汉—北京', true)
    const [ill, mate, next, attendant] = [await person(), await person(), await person(), await person()]
    await aboard(z.id, ill, { carriage: '08', compartment: '3' })
    await aboard(z.id, mate, { carriage: '08', compartment: '3' })
    await aboard(z.id, next, { carriage: '08', compartment: '4' })
    await aboard(z.id, attendant, { carriage: '08' })
    const s = await traced(await caseOf(ill), z.id)
    expect(s.close.get(mate)).toBe('train_bay')
    expect(s.close.get(attendant)).toBe('train_carriage')
    expect(s.close.has(next)).toBe(false)
    expect(s.general.map((x) => x.personId)).toEqual([next])
  })

  it('CC.TRANSPORT.BUS: sealed air-conditioned → everyone aboard; ventilated → rows ±3 (busVentilatedRows 3)', async () => {
    const sealed = await conveyance('bus', '机场大巴', true)
    const open = await conveyance('bus', '城乡公交 12 路', false)
    const ride = async (venueId: string) => {
      const [ill, near, far] = [await person(), await person(), await person()]
      await aboard(venueId, ill, { row: 5 })
      await aboard(venueId, near, { row: 8 })
      await aboard(venueId, far, { row: 9 })
      return { caseId: await caseOf(ill), near, far }
    }
    const onSealed = await ride(sealed.id)
    const s = await traced(onSealed.caseId, sealed.id)
    expect(s.close.get(onSealed.near)).toBe('bus_vehicle')
    expect(s.close.get(onSealed.far)).toBe('bus_vehicle')
    expect(s.general).toEqual([])
    const onOpen = await ride(open.id)
    const o = await traced(onOpen.caseId, open.id)
    expect(o.close.get(onOpen.near)).toBe('bus_rows')
    expect(o.close.has(onOpen.far)).toBe(false)
    expect(o.general.map((x) => x.personId)).toEqual([onOpen.far])
  })

  it('CC.TRANSPORT.SHIP: the same cabin; the other cabins are general contacts', async () => {
    const ship = await conveyance('ship', '长江三峡 1 号')
    expect(ship).toMatchObject({ kind: 'ship', enclosed: null })
    const [ill, mate, other, crew] = [await person(), await person(), await person(), await person()]
    await aboard(ship.id, ill, { compartment: 'A101' })
    await aboard(ship.id, mate, { compartment: 'A101' })
    await aboard(ship.id, other, { compartment: 'B202' })
    await aboard(ship.id, crew, null)
    const s = await traced(await caseOf(ill), ship.id)
    expect(s.close.get(mate)).toBe('ship_cabin')
    // Crew without a cabin: the seat rule cannot tell, so the venue overlap (the safe side).
    expect(s.close.get(crew)).toBe('venue_overlap')
    expect(s.close.has(other)).toBe(false)
    expect(s.general.map((x) => x.personId)).toEqual([other])
  })

  it('CC2.DEF: secondary tracing reads the seats and the ventilation of the close contact’s conveyances', async () => {
    const db = t.services.database.db
    const gym = await addVenue(db, r.communities[1], 'gym', '健身房')
    const flight = await conveyance('flight', 'CZ3101 广州—北京')
    const bus = await conveyance('bus', '城乡公交 15 路', false)
    const [ill, a, nearRow, farRow, nearBus, farBus] = [
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
    ]
    await addCheckin(db, { venueId: gym, personId: ill, regionCode: r.communities[1], at: t0, minutes: 40 })
    await addCheckin(db, {
      venueId: gym,
      personId: a,
      regionCode: r.communities[1],
      at: new Date(t0.getTime() + 10 * MINUTE),
      minutes: 20,
    })
    // A, after meeting the case: a flight in row 10 and a ventilated bus in row 5.
    await aboard(flight.id, a, { row: 10 }, 3 * HOUR)
    await aboard(flight.id, nearRow, { row: 13 }, 3 * HOUR)
    await aboard(flight.id, farRow, { row: 14 }, 3 * HOUR)
    await aboard(bus.id, a, { row: 5 }, 6 * HOUR)
    await aboard(bus.id, nearBus, { row: 2 }, 6 * HOUR)
    await aboard(bus.id, farBus, { row: 1 }, 6 * HOUR)
    const caseId = await caseOf(ill)
    const inv = await get<Investigation>(`/api/cases/${caseId}/investigation`)
    const candA = inv.candidates.find((x) => x.personId === a)
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/contacts`,
      headers: { cookie: epi },
      payload: {
        contacts: [
          { personId: a, degree: 'close', lastExposureAt: candA?.lastExposureAt, reasons: candA?.reasons },
        ],
      },
    })
    expect(confirmed.json<ContactOutcome[]>()[0]?.status, confirmed.body).toBe('confirmed')
    const sec = await get<SecondaryInvestigation>(`/api/cases/${caseId}/investigation/secondary`)
    const byId = new Map(sec.candidates.map((x) => [x.personId, x.strongest]))
    // CC.TRANSPORT.PLANE: rows r−3..r+3 around A's row 10.
    expect(byId.get(nearRow)).toMatchObject({
      rule: 'plane_rows',
      via: a,
      caseSeat: { row: 10 },
      contactSeat: { row: 13 },
    })
    expect(byId.has(farRow)).toBe(false)
    // CC.TRANSPORT.BUS, ventilated: rows ±3 around A's row 5.
    expect(byId.get(nearBus)).toMatchObject({ rule: 'bus_rows', via: a })
    expect(byId.has(farBus)).toBe(false)
  })
})
