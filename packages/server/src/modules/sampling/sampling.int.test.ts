import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addDays,
  estimatePrevalence,
  localDate,
  localInstant,
  poolAdvice,
  RULE_SET_PRESETS,
  slotsOn,
} from '@lianfang/core'
import type {
  Booking,
  PoolAdvice,
  SampledBooking,
  SamplingSite,
  SlotList,
  TestOrderPage,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

type ErrorBody = { error: { code: string; details?: { problem?: string; field?: string } } }
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7]

/**
 * Sampling sites, bookings (RULES TEST.WILL 愿检尽检), pool-size advice (POOL.WHO, POOL.MODES) and
 * test orders from quarantine orders (CC.TESTS, CC2.OBS) on both databases (#17).
 */
describe.each(TEST_DATABASES)('sampling on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let tester: string
  let otherAdmin: string
  let otherTester: string
  let epi: string
  let tz: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    other = await t.makeRegions()
    tester = await t.login('tester', r.district)
    epi = await t.login('epidemiologist', r.district)
    otherAdmin = await t.login('admin', other.district)
    otherTester = await t.login('tester', other.district)
    tz = t.config.timeZone
  })
  afterAll(async () => t.close())

  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const makeSite = async (body: Partial<Record<string, unknown>> = {}) => {
    const res = await send('POST', '/api/sampling-sites', tester, {
      regionCode: r.communities[0],
      name: '第一采样点',
      address: '人民路 1 号',
      openingHours: [{ weekdays: ALL_DAYS, from: '00:00', to: '23:59' }],
      capacityPerHour: 2,
      ...body,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<SamplingSite>()
  }
  const tomorrowAt = (minutes: number) => localInstant(addDays(localDate(new Date(), tz), 1), minutes, tz)
  /** The slot running now (sites open all day). */
  const currentSlot = () => {
    const today = localDate(new Date(), tz)
    const now = Date.now()
    return slotsOn([{ weekdays: ALL_DAYS, from: '00:00', to: '23:59' }], today, tz)
      .filter((s) => s.getTime() <= now)
      .at(-1)
  }

  describe('sites', () => {
    it('a tester opens a site in their region; it lists with its region name', async () => {
      const site = await makeSite()
      expect(site).toMatchObject({ regionCode: r.communities[0], capacityPerHour: 2, active: true })
      expect(site.regionName).toBe(`社区${r.communities[0]}`)
      const list = await send('GET', `/api/sampling-sites?regionCode=${r.district}`, tester)
      expect(list.json<{ items: SamplingSite[] }>().items.map((s) => s.id)).toContain(site.id)
      const patched = await send('PATCH', `/api/sampling-sites/${site.id}`, tester, { capacityPerHour: 5 })
      expect(patched.json<SamplingSite>().capacityPerHour).toBe(5)
    })

    it('another region’s admin gets 403 for the site and nothing in the list; cannot create in ours', async () => {
      const site = await makeSite()
      expect((await send('GET', `/api/sampling-sites/${site.id}`, otherAdmin)).statusCode).toBe(403)
      expect(
        (await send('PATCH', `/api/sampling-sites/${site.id}`, otherAdmin, { active: false })).statusCode,
      ).toBe(403)
      const list = await send('GET', '/api/sampling-sites', otherAdmin)
      expect(list.json<{ items: SamplingSite[] }>().items.map((s) => s.id)).not.toContain(site.id)
      const res = await send('POST', '/api/sampling-sites', otherAdmin, {
        regionCode: r.district,
        name: 'x',
        openingHours: [],
        capacityPerHour: 1,
      })
      expect(res.statusCode).toBe(403)
    })

    it.each([
      ['a NUL in the name', { name: 'a\u0000b' }],
      ['a 100 KB name', { name: 'x'.repeat(100_000) }],
      ['a 100 KB address', { address: 'x'.repeat(100_000) }],
      [
        'opening hours ending before they start',
        { openingHours: [{ weekdays: [1], from: '12:00', to: '08:00' }] },
      ],
      [
        'overlapping opening hours',
        {
          openingHours: [
            { weekdays: [1], from: '08:00', to: '12:00' },
            { weekdays: [1], from: '11:00', to: '13:00' },
          ],
        },
      ],
      ['weekday 8', { openingHours: [{ weekdays: [8], from: '08:00', to: '12:00' }] }],
      ['capacity 0', { capacityPerHour: 0 }],
      ['an unknown field', { colour: 'red' }],
    ])('refuses %s with a 4xx and writes nothing', async (_name, patch) => {
      const before = await t.services.database.db
        .selectFrom('sampling_sites')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      const res = await send('POST', '/api/sampling-sites', tester, {
        regionCode: r.communities[0],
        name: '坏采样点',
        openingHours: [{ weekdays: ALL_DAYS, from: '08:00', to: '12:00' }],
        capacityPerHour: 2,
        ...patch,
      })
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
      const after = await t.services.database.db
        .selectFrom('sampling_sites')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      expect(after.n).toBe(before.n)
    })
  })

  describe('bookings (TEST.WILL 愿检尽检)', () => {
    it('capacity per hour: two citizens take a 2-place slot, the third gets 409 SLOT_FULL; a cancel frees a place', async () => {
      const site = await makeSite({ capacityPerHour: 2 })
      const slot = tomorrowAt(10 * 60)
      const citizens = await Promise.all([0, 1, 2].map(() => t.login('citizen', r.communities[1])))
      const [a, b, c] = citizens as [string, string, string]
      const first = await send('POST', '/api/me/bookings', a, {
        siteId: site.id,
        slotStart: slot.toISOString(),
      })
      expect(first.statusCode, first.body).toBe(201)
      const booking = first.json<Booking>()
      expect(booking).toMatchObject({ siteId: site.id, status: 'booked', slotStart: slot.toISOString() })
      expect(booking.code).toMatch(/^BK[0-9A-Z]{10}$/)
      expect(
        (await send('POST', '/api/me/bookings', b, { siteId: site.id, slotStart: slot.toISOString() }))
          .statusCode,
      ).toBe(201)
      const full = await send('POST', '/api/me/bookings', c, {
        siteId: site.id,
        slotStart: slot.toISOString(),
      })
      expect(full.statusCode).toBe(409)
      expect(full.json<ErrorBody>().error.code).toBe('SLOT_FULL')
      const date = localDate(slot, tz)
      const slots = (
        await send('GET', `/api/me/sampling-sites/${site.id}/slots?date=${date}`, c)
      ).json<SlotList>()
      expect(slots.slots.find((s) => s.start === slot.toISOString())).toMatchObject({
        capacity: 2,
        free: 0,
        bookable: true,
      })
      expect(slots.slots).toHaveLength(24)
      const cancelled = await send('POST', `/api/me/bookings/${booking.id}/cancel`, a)
      expect(cancelled.json<Booking>().status).toBe('cancelled')
      expect(
        (await send('POST', '/api/me/bookings', c, { siteId: site.id, slotStart: slot.toISOString() }))
          .statusCode,
      ).toBe(201)
      // Only one's own bookings are seen and cancelled.
      expect((await send('POST', `/api/me/bookings/${booking.id}/cancel`, b)).statusCode).toBe(404)
      const mine = (await send('GET', '/api/me/bookings', a)).json<{ items: Booking[] }>()
      expect(mine.items.map((x) => x.id)).toEqual([booking.id])
    })

    it('a second open booking of the same slot is 409 BOOKING_EXISTS, even at another site', async () => {
      const one = await makeSite({ capacityPerHour: 10 })
      const two = await makeSite({ capacityPerHour: 10, name: '第二采样点' })
      const citizen = await t.login('citizen', r.communities[1])
      const slotStart = tomorrowAt(11 * 60).toISOString()
      expect(
        (await send('POST', '/api/me/bookings', citizen, { siteId: one.id, slotStart })).statusCode,
      ).toBe(201)
      const again = await send('POST', '/api/me/bookings', citizen, { siteId: two.id, slotStart })
      expect(again.statusCode).toBe(409)
      expect(again.json<ErrorBody>().error.code).toBe('BOOKING_EXISTS')
    })

    it.each([
      [
        'in the past',
        () => localInstant(addDays(localDate(new Date(), 'Asia/Shanghai'), -1), 9 * 60, 'Asia/Shanghai'),
        'past',
      ],
      ['outside the opening hours', () => tomorrowAt(13 * 60), 'not_a_slot'],
      ['not on the hour', () => tomorrowAt(9 * 60 + 30), 'not_a_slot'],
      [
        'beyond the 14-day window',
        () => localInstant(addDays(localDate(new Date(), 'Asia/Shanghai'), 20), 9 * 60, 'Asia/Shanghai'),
        'too_far',
      ],
    ])('a slot %s is 400 SLOT_INVALID', async (_name, at, problem) => {
      const site = await makeSite({ openingHours: [{ weekdays: ALL_DAYS, from: '08:00', to: '12:00' }] })
      const citizen = await t.login('citizen', r.communities[1])
      const res = await send('POST', '/api/me/bookings', citizen, {
        siteId: site.id,
        slotStart: at().toISOString(),
      })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json<ErrorBody>().error).toMatchObject({ code: 'SLOT_INVALID', details: { problem } })
    })

    it('refuses bad booking input and staff accounts', async () => {
      const site = await makeSite()
      const citizen = await t.login('citizen', r.communities[1])
      const bad = [
        { siteId: site.id, slotStart: 'tomorrow' },
        { siteId: 'x'.repeat(100_000), slotStart: tomorrowAt(600).toISOString() },
        { siteId: site.id, slotStart: `2026-12-08T10:00:00Z\u0000` },
      ]
      for (const body of bad)
        expect((await send('POST', '/api/me/bookings', citizen, body)).statusCode).toBe(400)
      const unknown = await send('POST', '/api/me/bookings', citizen, {
        siteId: '999999999',
        slotStart: tomorrowAt(600).toISOString(),
      })
      expect(unknown.statusCode).toBe(404)
      const staff = await send('POST', '/api/me/bookings', tester, {
        siteId: site.id,
        slotStart: tomorrowAt(600).toISOString(),
      })
      expect(staff.statusCode).toBe(403)
      // The open sites of the citizen's city are offered; a closed one is not.
      const closed = await makeSite({ name: '已关闭采样点' })
      await send('PATCH', `/api/sampling-sites/${closed.id}`, tester, { active: false })
      const offered = (await send('GET', '/api/me/sampling-sites', citizen))
        .json<SamplingSite[]>()
        .map((s) => s.id)
      expect(offered).toContain(site.id)
      expect(offered).not.toContain(closed.id)
    })

    it('the tester scans today’s code: sampled, with the person masked; again or another region is refused', async () => {
      const site = await makeSite({ capacityPerHour: 50 })
      const slot = currentSlot()
      if (!slot) return
      const person = await t.createPerson(r.communities[1], { name: '张三丰' })
      const citizen = await t.login('citizen', r.communities[1], { personId: person.id })
      const booked = await send('POST', '/api/me/bookings', citizen, {
        siteId: site.id,
        slotStart: slot.toISOString(),
      })
      expect(booked.statusCode, booked.body).toBe(201)
      const { code } = booked.json<Booking>()
      expect((await send('POST', '/api/sampling-bookings/scan', otherTester, { code })).statusCode).toBe(403)
      const scan = await send('POST', '/api/sampling-bookings/scan', tester, { code: code.toLowerCase() })
      expect(scan.statusCode, scan.body).toBe(200)
      expect(scan.json<SampledBooking>()).toMatchObject({
        personId: person.id,
        nameMasked: '张**',
        booking: { status: 'sampled' },
      })
      expect((await send('POST', '/api/sampling-bookings/scan', tester, { code })).statusCode).toBe(409)
      expect(
        (await send('POST', '/api/sampling-bookings/scan', tester, { code: 'BKNOSUCHCODE' })).statusCode,
      ).toBe(404)
      // A booking of tomorrow is not taken today.
      const later = await send('POST', '/api/me/bookings', citizen, {
        siteId: site.id,
        slotStart: tomorrowAt(600).toISOString(),
      })
      const early = await send('POST', '/api/sampling-bookings/scan', tester, {
        code: later.json<Booking>().code,
      })
      expect(early.statusCode).toBe(409)
    })
  })

  describe('pool-size advice (POOL.WHO, POOL.MODES)', () => {
    it('reads 14 days of individual results in the subtree and the risk level; the figures are core’s', async () => {
      const rr = await t.makeRegions()
      const commander = await t.login('commander', rr.district)
      const nurse = await t.login('epidemiologist', rr.district)
      const now = Date.now()
      const results: [number, string, boolean][] = [
        [1, 'negative', false],
        [2, 'negative', false],
        [3, 'negative', false],
        [4, 'positive', false],
        [5, 'positive', true], // a pooled tube's positive: not this person's
        [20, 'positive', false], // older than 14 days
      ]
      for (const [daysAgo, result, pooled] of results) {
        const p = await t.createPerson(rr.communities[2])
        const res = await send('POST', '/api/nat-results', nurse, {
          personId: p.id,
          sampledAt: new Date(now - daysAgo * 86_400_000).toISOString(),
          result,
          pooled,
        })
        expect(res.statusCode, res.body).toBe(201)
      }
      const low = await send('GET', `/api/pool-advice?regionCode=${rr.district}`, commander)
      expect(low.statusCode, low.body).toBe(200)
      const advice = low.json<PoolAdvice>()
      const prevalence = estimatePrevalence(1, 5)
      const expected = poolAdvice(RULE_SET_PRESETS.FK8.params, { prevalence, risk: 'low' })
      expect(advice).toMatchObject({
        tested: 5,
        positives: 1,
        risk: 'low',
        windowDays: 14,
        allowedSizes: [1, 5, 10],
      })
      expect(advice.prevalence).toBeCloseTo(prevalence, 12)
      expect(advice.recommended).toBe(expected.recommended)
      expect(advice.figures.map((f) => f.size)).toEqual([1, 5, 10])
      expect(advice.dilutionAllowed).toBe(false) // 10 % ≥ 0.1 %
      // A high-risk street caps its communities at single tubes (POOL.WHO high: 1).
      const set = await send('POST', '/api/risk-areas', commander, {
        regionCode: rr.streets[1],
        level: 'high',
      })
      expect(set.statusCode, set.body).toBe(201)
      const high = (
        await send('GET', `/api/pool-advice?regionCode=${rr.communities[2]}&keyArea=true`, commander)
      ).json<PoolAdvice>()
      expect(high).toMatchObject({
        risk: 'high',
        allowedSizes: [1],
        recommended: 1,
        keyArea: true,
        dilutionAllowed: false,
      })
      expect((await send('GET', `/api/pool-advice?regionCode=${rr.district}`, otherAdmin)).statusCode).toBe(
        403,
      )
      expect((await send('GET', '/api/pool-advice?regionCode=12', commander)).statusCode).toBe(400)
    })

    it('a quiet area with no results plans with the 0.1 % fallback: 10:1, and no dilution at 0.1 % (POOL.MODES DIL: below 0.1 % only)', async () => {
      const rr = await t.makeRegions()
      const commander = await t.login('commander', rr.district)
      const advice = (
        await send('GET', `/api/pool-advice?regionCode=${rr.communities[0]}`, commander)
      ).json<PoolAdvice>()
      expect(advice).toMatchObject({ tested: 0, positives: 0, prevalence: 0.001, recommended: 10 })
      expect(advice.dilutionAllowed).toBe(false) // 0.1 % is not below 0.1 %
    })
  })

  describe('test orders from quarantine orders', () => {
    const orderOf = async (personId: string, body: object) => {
      const res = await send('POST', '/api/quarantine-orders', epi, {
        personId,
        startsAt: new Date().toISOString(),
        ...body,
      })
      expect(res.statusCode, res.body).toBe(201)
    }
    const listOn = async (date: string, status = 'all', cookie = epi) => {
      const res = await send(
        'GET',
        `/api/test-orders?date=${date}&status=${status}&regionCode=${r.district}`,
        cookie,
      )
      expect(res.statusCode, res.body).toBe(200)
      return res.json<TestOrderPage>()
    }
    const dueDays = async (personId: string) =>
      (
        await t.services.database.db
          .selectFrom('test_orders')
          .select('due_on')
          .where('person_id', '=', personId)
          .orderBy('due_on')
          .execute()
      ).map((o) => o.due_on)
    const today = () => localDate(new Date(), tz)

    it.each([
      [
        'CC.TESTS FK8: a centralized close contact is tested on days 1, 4, 7, 14',
        'close_contact',
        'centralized',
        [1, 4, 7, 14],
      ],
      ['CC.TESTS FK8: home health monitoring on days 2 and 7', 'close_contact', 'home_monitoring', [2, 7]],
      ['CC2.OBS FK8: a secondary contact on days 1, 4, 7', 'secondary_contact', 'centralized', [1, 4, 7]],
      ['IN.FK8: an inbound traveller on days 1, 4, 7, 14', 'inbound', 'centralized', [1, 4, 7, 14]],
    ])('%s', async (_name, reason, kindOf, days) => {
      const p = await t.createPerson(r.communities[2])
      await orderOf(p.id, { kind: kindOf, reason })
      expect(await dueDays(p.id)).toEqual(days.map((d) => addDays(today(), d - 1)))
    })

    it('the day’s list shows the order masked, open until a sample arrives on or after the day; scoped and audited', async () => {
      const p = await t.createPerson(r.communities[3], { name: '李四' })
      await orderOf(p.id, { kind: 'centralized', reason: 'close_contact' })
      const open = await listOn(today(), 'open')
      const mine = open.items.find((o) => o.personId === p.id)
      expect(mine).toMatchObject({
        reason: 'quarantine_day',
        status: 'open',
        nameMasked: '李*',
        dueOn: today(),
      })
      expect(mine?.source).toMatch(/^quarantine_order:\d+$/)
      // A result sampled yesterday does not do today's order; one sampled now does.
      await send('POST', '/api/nat-results', epi, {
        personId: p.id,
        sampledAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        result: 'negative',
      })
      expect((await listOn(today(), 'open')).items.some((o) => o.personId === p.id)).toBe(true)
      const res = await send('POST', '/api/nat-results', epi, {
        personId: p.id,
        sampledAt: new Date().toISOString(),
        result: 'pending',
      })
      expect(res.statusCode, res.body).toBe(201)
      expect((await listOn(today(), 'open')).items.some((o) => o.personId === p.id)).toBe(false)
      const done = (await listOn(today(), 'done')).items.find((o) => o.personId === p.id)
      expect(done?.status).toBe('done')
      expect(done?.doneAt).not.toBeNull()
      // Day 4 is still open.
      expect((await listOn(addDays(today(), 3), 'open')).items.some((o) => o.personId === p.id)).toBe(true)
      // Another region sees nothing of it.
      const theirs = await send('GET', `/api/test-orders?date=${today()}&status=all`, otherAdmin)
      expect(theirs.json<TestOrderPage>().items.some((o) => o.personId === p.id)).toBe(false)
      expect((await send('GET', `/api/test-orders?regionCode=${r.district}`, otherAdmin)).statusCode).toBe(
        403,
      )
      const audit = await t.services.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'test_orders.read')
        .execute()
      expect(audit.length).toBeGreaterThan(0)
      expect((await send('GET', '/api/test-orders?date=2026-02-30', epi)).statusCode).toBe(400)
    })

    it('CC.TESTS FK8: a close contact a case confirms (centralized by the case) is tested on days 1, 4, 7, 14', async () => {
      const patient = await t.createPerson(r.communities[0])
      const contact = await t.createPerson(r.communities[1])
      const created = await send('POST', '/api/cases', epi, {
        status: 'confirmed',
        personId: patient.id,
        onsetAt: new Date(Date.now() - 86_400_000).toISOString(),
      })
      expect(created.statusCode, created.body).toBe(201)
      const res = await send('POST', `/api/cases/${created.json<{ id: string }>().id}/contacts`, epi, {
        contacts: [
          {
            personId: contact.id,
            degree: 'close',
            lastExposureAt: new Date(Date.now() - 60_000).toISOString(),
          },
        ],
      })
      expect(res.statusCode, res.body).toBe(200)
      expect(await dueDays(contact.id)).toEqual([1, 4, 7, 14].map((d) => addDays(today(), d - 1)))
    })

    it('orderTests places an order once per person, reason, day and source', async () => {
      const p = await t.createPerson(r.communities[0])
      const order = {
        personId: p.id,
        regionCode: r.communities[0],
        reason: 'resample' as const,
        dueOn: today(),
        source: 'tube:LF0001',
      }
      const ids = await t.services.database.db
        .transaction()
        .execute((tx) => t.services.sampling.orderTests(tx, [order, order]))
      expect(ids).toHaveLength(1)
      const again = await t.services.database.db
        .transaction()
        .execute((tx) => t.services.sampling.orderTests(tx, [order]))
      expect(again).toEqual([])
    })
  })
})
