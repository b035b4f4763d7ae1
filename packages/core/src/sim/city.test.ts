import { describe, expect, it } from 'vitest'
import { parseResidentId } from '../ids/resident-id.js'
import { ageOn, parseEpochDay } from './calendar.js'
import {
  cityRegions,
  generateCity,
  householdRecords,
  personRecords,
  venueRecords,
  type SyntheticCity,
} from './city.js'
import { COMMUNITY_MAX, COMMUNITY_MIN } from './layout.js'
import { VENUE_KINDS, type SimulationParams } from './types.js'

export const WUHAN: SimulationParams['districts'] = [
  { code: '420102', name: '江岸区' },
  { code: '420103', name: '江汉区' },
  { code: '420104', name: '硚口区' },
  { code: '420105', name: '汉阳区' },
  { code: '420106', name: '武昌区' },
  { code: '420111', name: '洪山区' },
]
const base = {
  seed: 11,
  people: 12_000,
  days: 2,
  startDate: '2026-11-02',
  cityCode: '420100',
  districts: WUHAN,
}
const city = generateCity(base)

describe('generateCity', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateCity(base)
    const other = generateCity({ ...base, seed: 12 })
    const sample = (c: SyntheticCity) => [...personRecords(c)].slice(0, 200)
    expect(sample(again)).toEqual(sample(city))
    expect([...venueRecords(again)]).toEqual([...venueRecords(city)])
    expect(sample(other)).not.toEqual(sample(city))
  })

  it('gives every person a valid resident ID matching birth date, sex and district, unique in the city', () => {
    const seen = new Set<string>()
    const start = parseEpochDay(base.startDate)
    for (const p of personRecords(city)) {
      const parsed = parseResidentId(p.idNumber)
      expect(parsed.ok).toBe(true)
      if (!parsed.ok) continue
      expect(parsed.value.birthDate).toBe(p.birthDate)
      expect(parsed.value.sex).toBe(p.sex)
      expect(p.regionCode.startsWith(parsed.value.addressCode)).toBe(true)
      expect(ageOn(parseEpochDay(p.birthDate), start)).toBe(p.age)
      expect(seen.has(p.idNumber)).toBe(false)
      seen.add(p.idNumber)
      expect(p.phone === null || /^1[3-9]\d{9}$/.test(p.phone)).toBe(true)
      if (p.age < 10) expect(p.phone).toBeNull()
      expect(p.name.length).toBeGreaterThanOrEqual(2)
    }
    expect(seen.size).toBe(base.people)
  })

  it('builds households of 1–6 and communities of 1,000–3,000 under the right codes', () => {
    const sizes = [...householdRecords(city)].map((h) => h.size)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6)
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length
    expect(mean).toBeGreaterThan(2.2)
    expect(mean).toBeLessThan(3.1)
    for (const size of city.layout.communitySize) {
      expect(size).toBeGreaterThanOrEqual(COMMUNITY_MIN)
      expect(size).toBeLessThanOrEqual(COMMUNITY_MAX)
    }
    for (const r of cityRegions(city)) {
      expect(r.code.startsWith(r.parentCode)).toBe(true)
      expect(r.code).toMatch(r.level === 'street' ? /^\d{9}$/ : /^\d{12}$/)
      expect(r.name).toMatch(r.level === 'street' ? /街道$/ : /社区$/)
    }
  })

  it('has a plausible age pyramid: children, working age and about a fifth over 60', () => {
    const ages = Array.from(city.persons.age)
    const share = (f: (a: number) => boolean) => ages.filter(f).length / ages.length
    expect(share((a) => a < 15)).toBeGreaterThan(0.1)
    expect(share((a) => a >= 60)).toBeGreaterThan(0.12)
    expect(share((a) => a >= 60)).toBeLessThan(0.3)
    expect(Math.max(...ages)).toBeLessThanOrEqual(100)
  })

  it('creates venues of the schema kinds, one residential gate per community, with heavy-tailed capacities', () => {
    const venues = [...venueRecords(city)]
    for (const v of venues) expect(VENUE_KINDS).toContain(v.kind)
    expect(venues.filter((v) => v.kind === 'residential_gate')).toHaveLength(city.layout.communities.length)
    for (const kind of [
      'market',
      'supermarket',
      'restaurant',
      'office',
      'factory',
      'school',
      'hospital',
      'station',
      'bus',
    ]) {
      expect(venues.some((v) => v.kind === kind)).toBe(true)
    }
    const employers = venues
      .filter((v) => v.kind === 'office' || v.kind === 'factory')
      .map((v) => v.capacity)
      .sort((a, b) => b - a)
    const median = employers[Math.floor(employers.length / 2)] ?? 1
    const total = employers.reduce((a, b) => a + b, 0)
    const top = employers.slice(0, Math.ceil(employers.length / 10)).reduce((a, b) => a + b, 0)
    expect((employers[0] ?? 0) / median).toBeGreaterThan(20)
    expect(top / total).toBeGreaterThan(0.4)
  })

  it('points workers at employers and pupils at schools', () => {
    let workers = 0
    let pupils = 0
    for (const p of personRecords(city)) {
      if (p.workplace !== null) {
        workers++
        expect(p.age).toBeGreaterThanOrEqual(15)
      }
      if (p.school !== null) {
        pupils++
        expect(p.age).toBeLessThan(25)
      }
    }
    expect(workers / base.people).toBeGreaterThan(0.35)
    expect(pupils / base.people).toBeGreaterThan(0.08)
  })

  it('rejects bad parameters', () => {
    expect(() => generateCity({ ...base, people: 0 })).toThrow(RangeError)
    expect(() => generateCity({ ...base, days: 0 })).toThrow(RangeError)
    expect(() => generateCity({ ...base, cityCode: '420102' })).toThrow(RangeError)
    expect(() => generateCity({ ...base, districts: [{ code: '110101', name: '东城区' }] })).toThrow(
      RangeError,
    )
    expect(() => generateCity({ ...base, startDate: '2026-02-30' })).toThrow(RangeError)
    expect(() => generateCity({ ...base, seed: -1 })).toThrow(RangeError)
  })

  it('gives a second population other streets and other ID numbers', () => {
    const second = generateCity({ ...base, people: 3000, population: 1 })
    const first = generateCity({ ...base, people: 3000 })
    const codes = new Set(cityRegions(first).map((r) => r.code))
    for (const r of cityRegions(second)) expect(codes.has(r.code)).toBe(false)
    const ids = new Set([...personRecords(first)].map((p) => p.idNumber))
    for (const p of personRecords(second)) expect(ids.has(p.idNumber)).toBe(false)
  })
})
