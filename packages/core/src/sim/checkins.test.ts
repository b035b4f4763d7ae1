import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { localDayStartMs, parseEpochDay } from './calendar.js'
import { checkinBatches, checkinRecords, countCheckins } from './checkins.js'
import { generateCity, type SyntheticCity } from './city.js'
import { MAX_CHECKINS_PER_PERSON_DAY } from './routines.js'
import { K } from './types.js'
import type { SimCheckin } from './types.js'

const DISTRICTS = [
  { code: '420102', name: '江岸区' },
  { code: '420106', name: '武昌区' },
  { code: '420111', name: '洪山区' },
]

/** Every check-in inside the simulated days, out > in, and no two of one person overlapping. */
function checkInvariants(city: SyntheticCity, checkins: readonly SimCheckin[]) {
  const start = localDayStartMs(parseEpochDay(city.params.startDate))
  const end = start + city.params.days * 86_400_000
  const last = new Map<number, number>()
  const perPersonDay = new Map<string, number>()
  const bad: SimCheckin[] = []
  for (const c of checkins) {
    // Generated day by day, each person's check-ins in time order: each starts after the last ended.
    const ok =
      c.checkedInAt >= start &&
      c.checkedOutAt <= end &&
      c.checkedOutAt > c.checkedInAt &&
      c.venue >= 0 &&
      c.venue < city.venues.count &&
      c.checkedInAt > (last.get(c.person) ?? -Infinity)
    if (!ok) bad.push(c)
    last.set(c.person, c.checkedOutAt)
    const key = `${c.person}:${Math.floor((c.checkedInAt - start) / 86_400_000)}`
    perPersonDay.set(key, (perPersonDay.get(key) ?? 0) + 1)
  }
  expect(bad).toEqual([])
  for (const n of perPersonDay.values()) expect(n).toBeLessThanOrEqual(MAX_CHECKINS_PER_PERSON_DAY)
}

describe('check-ins', () => {
  const city = generateCity({
    seed: 3,
    people: 5000,
    days: 7,
    startDate: '2026-11-02',
    cityCode: '420100',
    districts: DISTRICTS,
  })
  const all = [...checkinRecords(city)]

  it('stay inside the simulated days, never overlap for one person, and are deterministic', () => {
    checkInvariants(city, all)
    expect([...checkinRecords(city)].slice(0, 5000)).toEqual(all.slice(0, 5000))
    const other = generateCity({ ...city.params, seed: 4 })
    expect([...checkinRecords(other)].slice(0, 100)).not.toEqual(all.slice(0, 100))
  })

  it('number one to three a person a day (at least 10M for 1M people over 14 days)', () => {
    const perPersonDay = all.length / (5000 * 7)
    expect(perPersonDay).toBeGreaterThan(1)
    expect(perPersonDay).toBeLessThan(3)
    expect(countCheckins(city).reduce((a, b) => a + b, 0)).toBe(all.length)
  })

  it('follow routines: workplaces on weekdays, residential gates, markets in the morning', () => {
    const kinds = new Map<number, number>()
    for (const c of all)
      kinds.set(city.venues.kind[c.venue] ?? 0, (kinds.get(city.venues.kind[c.venue] ?? 0) ?? 0) + 1)
    for (const k of [K.residential_gate, K.office, K.school, K.market, K.supermarket, K.restaurant]) {
      expect(kinds.get(k) ?? 0).toBeGreaterThan(0)
    }
    // 2026-11-02 is a Monday, 11-07 and 11-08 the weekend: offices are busier on weekdays.
    const dayOf = (c: SimCheckin) =>
      Math.floor((c.checkedInAt - localDayStartMs(parseEpochDay('2026-11-02'))) / 86_400_000)
    const office = all.filter((c) => city.venues.kind[c.venue] === K.office)
    expect(office.filter((c) => dayOf(c) === 0).length).toBeGreaterThan(
      5 * office.filter((c) => dayOf(c) === 5).length,
    )
  })

  it('can be streamed for chosen days only, with the same rows', () => {
    const day3 = [...checkinBatches(city, { dayIndexes: [3] })].reduce((n, b) => n + b.length, 0)
    expect(day3).toBe(countCheckins(city)[3])
  })

  it('can be thinned to a share of the visits: the same routines, a seeded subset of the rows', () => {
    expect([...checkinRecords(generateCity({ ...city.params, checkinShare: 1 }))]).toEqual(all)
    const thin = generateCity({ ...city.params, checkinShare: 0.36 })
    const kept = [...checkinRecords(thin)]
    expect(kept.length / all.length).toBeGreaterThan(0.33)
    expect(kept.length / all.length).toBeLessThan(0.39)
    const key = (c: SimCheckin) => `${c.person}:${c.venue}:${c.checkedInAt}:${c.checkedOutAt}`
    const full = new Set(all.map(key))
    expect(kept.filter((c) => !full.has(key(c)))).toEqual([])
    expect(countCheckins(thin).reduce((a, b) => a + b, 0)).toBe(kept.length)
    expect([...checkinRecords(generateCity({ ...city.params, checkinShare: 0.36 }))]).toEqual(kept)
    checkInvariants(thin, kept)
    for (const bad of [0, -0.5, 1.5, Number.NaN])
      expect(() => generateCity({ ...city.params, checkinShare: bad })).toThrow(RangeError)
  })

  it('keep their invariants for any small city (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 3 }),
        (seed, people, days, offset, districts) => {
          const start = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
          const c = generateCity({
            seed,
            people,
            days,
            startDate: start,
            cityCode: '420100',
            districts: DISTRICTS.slice(0, districts),
          })
          expect(c.persons.count).toBe(people)
          checkInvariants(c, [...checkinRecords(c)])
        },
      ),
      { numRuns: 25 },
    )
  })
})
