import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  BOOKING_HORIZON_DAYS,
  freePlaces,
  isoWeekday,
  localInstant,
  openingHoursProblem,
  slotProblem,
  slotsOn,
  type OpeningPeriod,
} from './slots.js'
import { quarantineTestDays, testDueDates } from './test-days.js'
import { RULE_SET_PRESETS } from '../rules/rule-set.js'
import { localDate } from '../time/civil-time.js'

const SH = 'Asia/Shanghai'
const WEEKDAYS: OpeningPeriod = { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '11:30' }
const EVERY_DAY: OpeningPeriod = { weekdays: [1, 2, 3, 4, 5, 6, 7], from: '14:00', to: '16:00' }

describe('sampling-site slots (TEST.WILL 愿检尽检)', () => {
  it('knows the weekday of a date', () => {
    expect(isoWeekday('2026-12-07')).toBe(1) // a Monday
    expect(isoWeekday('2026-12-13')).toBe(7)
  })

  it('cuts opening hours into hourly slots of local time, the last one shorter', () => {
    const slots = slotsOn([WEEKDAYS, EVERY_DAY], '2026-12-07', SH).map((d) => d.toISOString())
    expect(slots).toEqual([
      '2026-12-07T00:00:00.000Z', // 08:00 in Shanghai (UTC+8)
      '2026-12-07T01:00:00.000Z',
      '2026-12-07T02:00:00.000Z',
      '2026-12-07T03:00:00.000Z', // 11:00–11:30
      '2026-12-07T06:00:00.000Z', // 14:00
      '2026-12-07T07:00:00.000Z',
    ])
    expect(slotsOn([WEEKDAYS], '2026-12-13', SH)).toEqual([]) // Sunday: closed
  })

  it('follows a zone with daylight saving (Berlin, 2026-03-29: 02:00 → 03:00)', () => {
    expect(localInstant('2026-03-29', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z')
    expect(localInstant('2026-03-28', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z')
  })

  it('refuses a time that is not a slot, a slot that is over, one too far ahead', () => {
    const now = new Date('2026-12-07T01:30:00Z') // Monday 09:30 local
    const p = [WEEKDAYS]
    expect(slotProblem(p, new Date('2026-12-07T01:00:00Z'), now, SH)).toBeNull() // 09:00 still running
    expect(slotProblem(p, new Date('2026-12-07T00:00:00Z'), now, SH)).toBe('past')
    expect(slotProblem(p, new Date('2026-12-07T01:15:00Z'), now, SH)).toBe('not_a_slot')
    expect(slotProblem(p, new Date('2026-12-07T05:00:00Z'), now, SH)).toBe('not_a_slot') // 13:00 closed
    expect(slotProblem(p, new Date('2026-12-12T01:00:00Z'), now, SH)).toBe('not_a_slot') // Saturday
    const far = new Date(`2026-12-${7 + BOOKING_HORIZON_DAYS + 1}T01:00:00Z`) // a Tuesday
    expect(slotProblem(p, far, now, SH)).toBe('too_far')
  })

  it('checks opening hours', () => {
    expect(openingHoursProblem([WEEKDAYS, EVERY_DAY])).toBeNull()
    expect(openingHoursProblem([{ weekdays: [1], from: '12:00', to: '08:00' }])).toMatch(/before/)
    expect(openingHoursProblem([{ weekdays: [8], from: '08:00', to: '09:00' }])).toMatch(/1 \(Monday\)/)
    expect(openingHoursProblem([{ weekdays: [], from: '08:00', to: '09:00' }])).toMatch(/no weekday/)
    expect(openingHoursProblem([{ weekdays: [1], from: '8:00', to: '09:00' }])).toMatch(/HH:mm/)
    expect(
      openingHoursProblem([
        { weekdays: [1], from: '08:00', to: '10:00' },
        { weekdays: [1, 2], from: '09:00', to: '11:00' },
      ]),
    ).toMatch(/overlaps/)
  })

  it('never has fewer than 0 or more than the capacity free (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), fc.nat(20000), (cap, taken) => {
        const free = freePlaces(cap, taken)
        expect(free).toBeGreaterThanOrEqual(0)
        expect(free).toBeLessThanOrEqual(cap)
        expect(free + Math.min(taken, cap)).toBe(cap)
      }),
    )
  })

  it('every slot of a day is on that local day and bookable before it ends (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 22 }), (offset, fromHour) => {
        const date = localDate(new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000), SH)
        const p: OpeningPeriod[] = [
          { weekdays: [1, 2, 3, 4, 5, 6, 7], from: `${String(fromHour).padStart(2, '0')}:00`, to: '23:30' },
        ]
        for (const s of slotsOn(p, date, SH)) {
          expect(localDate(s, SH)).toBe(date)
          expect(slotProblem(p, s, new Date(s.getTime() - 1), SH)).toBeNull()
        }
      }),
      { numRuns: 40 },
    )
  })
})

describe('quarantine test days (CC.TESTS, CC2.OBS, IN.FK8)', () => {
  const fk8 = RULE_SET_PRESETS.FK8.params
  it.each([
    ['CC.TESTS FK8 centralized 1, 4, 7, 14', 'close_contact', 'centralized', [1, 4, 7, 14]],
    ['CC.TESTS FK8 home monitoring 2, 7', 'close_contact', 'home_monitoring', [2, 7]],
    ['CC2.OBS FK8 secondary contacts 1, 4, 7', 'secondary_contact', 'centralized', [1, 4, 7]],
    ['IN.FK8 inbound centralized 1, 4, 7, 14', 'inbound', 'centralized', [1, 4, 7, 14]],
    ['IN.FK8 inbound home monitoring 2, 7', 'inbound', 'home_monitoring', [2, 7]],
    ['POOL.POSITIVE: re-sample ordered by the tube, none here', 'pool_positive', 'centralized', []],
  ] as const)('%s', (_name, reason, kind, days) => {
    expect(quarantineTestDays(fk8, reason, kind)).toEqual(days)
  })

  it('dates day n as the first day + n − 1 and drops days after the end', () => {
    expect(testDueDates('2026-12-08', '2026-12-22', [1, 4, 7, 14])).toEqual([
      '2026-12-08',
      '2026-12-11',
      '2026-12-14',
      '2026-12-21',
    ])
    expect(testDueDates('2026-12-08', '2026-12-12', [1, 4, 7, 14])).toEqual(['2026-12-08', '2026-12-11'])
  })
})
