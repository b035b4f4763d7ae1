import { describe, expect, it } from 'vitest'
import { generateCity, personRecords, unitRecords, unitsOfPerson } from './city.js'
import { CLASS_MAX, CLASS_MIN, TEAM_MAX, TEAM_MIN, unitCount } from './units.js'

const WUHAN = [
  { code: '420102', name: '江岸区' },
  { code: '420103', name: '江汉区' },
  { code: '420106', name: '武昌区' },
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

/** Members per unit index. */
function sizes(of: Int32Array): Map<number, number[]> {
  const out = new Map<number, number[]>()
  of.forEach((u, p) => {
    if (u >= 0) out.set(u, [...(out.get(u) ?? []), p])
  })
  return out
}

describe('work units and classes of the synthetic city (CC.SETTINGS 4)', () => {
  it('CC.SETTINGS 4: every employed person is in one team of 5–40 of their own employer (an employer of fewer is one team)', () => {
    const teams = sizes(city.units.workUnitOf)
    for (const p of personRecords(city)) {
      const { workUnit } = unitsOfPerson(city, p.index)
      expect(workUnit === null, `person ${p.index}`).toBe(p.workplace === null)
      if (workUnit !== null) expect(city.units.venue[workUnit]).toBe(p.workplace)
    }
    const staffOf = new Map<number, number>()
    for (const v of city.assignments.workplace) if (v >= 0) staffOf.set(v, (staffOf.get(v) ?? 0) + 1)
    for (const [u, members] of teams) {
      const staff = staffOf.get(city.units.venue[u] ?? -1) ?? 0
      if (staff >= TEAM_MIN) {
        expect(members.length).toBeGreaterThanOrEqual(TEAM_MIN)
        expect(members.length).toBeLessThanOrEqual(TEAM_MAX)
      } else expect(members.length).toBe(staff)
    }
    // Big employers are cut into many teams, not one.
    const biggest = Math.max(...staffOf.values())
    expect(biggest).toBeGreaterThan(TEAM_MAX)
  })

  it('CC.SETTINGS 4: every pupil is in one class of 30–50 of their own school and age (a smaller grade is one class)', () => {
    const classes = sizes(city.units.classOf)
    for (const p of personRecords(city)) {
      const { classUnit } = unitsOfPerson(city, p.index)
      expect(classUnit === null).toBe(p.school === null)
      if (classUnit !== null) expect(city.units.venue[classUnit]).toBe(p.school)
    }
    const grades = new Map<string, number>()
    const gradeOf = (p: number) => `${city.assignments.school[p] ?? -1}:${city.persons.age[p] ?? 0}`
    city.assignments.school.forEach((v, p) => {
      if (v >= 0) grades.set(gradeOf(p), (grades.get(gradeOf(p)) ?? 0) + 1)
    })
    let full = 0
    for (const members of classes.values()) {
      const ages = new Set(members.map((p) => city.persons.age[p]))
      expect(ages.size).toBe(1)
      expect(members.length).toBeLessThanOrEqual(CLASS_MAX)
      // A grade of 51–59 cannot be cut into classes of 30–50: two of 25–29 rather than one too big.
      const grade = grades.get(gradeOf(members[0] ?? 0)) ?? 0
      if (grade >= 2 * CLASS_MIN) expect(members.length).toBeGreaterThanOrEqual(CLASS_MIN)
      else if (grade > CLASS_MAX) expect(members.length).toBeGreaterThanOrEqual(Math.floor(grade / 2))
      else expect(members.length).toBe(grade)
      if (members.length >= CLASS_MIN) full++
    }
    expect(full).toBeGreaterThan(0)
  })

  it('names units uniquely within their venue, and is deterministic for a seed', () => {
    const seen = new Set<string>()
    for (const u of unitRecords(city)) {
      const key = `${u.venue}:${u.name}`
      expect(seen.has(key), key).toBe(false)
      seen.add(key)
    }
    const again = generateCity(base)
    expect([...unitRecords(again)]).toEqual([...unitRecords(city)])
    expect(again.units.workUnitOf).toEqual(city.units.workUnitOf)
    expect(again.units.classOf).toEqual(city.units.classOf)
    expect(generateCity({ ...base, seed: 12 }).units.workUnitOf).not.toEqual(city.units.workUnitOf)
  })

  // prettier-ignore
  const counts: [n: number, target: number, units: number][] = [
    [3, 20, 1], [5, 40, 1], [40, 5, 8], [41, 40, 2], [2000, 12, 167], [2000, 40, 50], [100, 30, 3],
  ]
  it.each(counts)('unitCount(%i people, target %i) = %i, every unit within 5–40', (n, target, units) => {
    expect(unitCount(n, target, TEAM_MIN, TEAM_MAX)).toBe(units)
    if (n >= TEAM_MIN) {
      expect(Math.floor(n / units)).toBeGreaterThanOrEqual(TEAM_MIN)
      expect(Math.ceil(n / units)).toBeLessThanOrEqual(TEAM_MAX)
    }
  })
})
