import { Rng } from './prng.js'
import { K } from './types.js'
import type { Assignments } from './places.js'
import type { Persons } from './population.js'
import type { Venues } from './venues.js'
import type { WorkUnitKind } from '../tracing/work-units.js'

/** Team sizes (RULES.md CC.SETTINGS 4: office, workshop, team): each employer has its own target. */
export const TEAM_MIN = 5
export const TEAM_MAX = 40
/** Class sizes: each school grade has its own target in this range. */
export const CLASS_MIN = 30
export const CLASS_MAX = 50

/**
 * Work units and classes of a city as parallel arrays (index = unit index): every employed person
 * is in one unit of their employer, every pupil in one class of their school (grade = age).
 */
export interface Units {
  readonly count: number
  /** Venue index of each unit. */
  readonly venue: Int32Array
  readonly kind: readonly WorkUnitKind[]
  readonly name: readonly string[]
  /** Unit index of each person's work unit, or -1. */
  readonly workUnitOf: Int32Array
  /** Unit index of each person's class, or -1. */
  readonly classOf: Int32Array
}

const DEPARTMENTS = [
  '综合部',
  '财务部',
  '人事部',
  '市场部',
  '研发部',
  '客服部',
  '行政部',
  '技术部',
  '销售部',
  '运营部',
]
/** First age of each school level (1 kindergarten … 5 university), and its grade names. */
const GRADES: Readonly<Record<number, { from: number; names: readonly string[] }>> = {
  1: { from: 3, names: ['小', '中', '大'] },
  2: { from: 6, names: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'] },
  3: { from: 12, names: ['初一', '初二', '初三'] },
  4: { from: 15, names: ['高一', '高二', '高三'] },
  5: { from: 18, names: ['大一', '大二', '大三', '大四', '大五'] },
}

function workKind(venueKind: number): WorkUnitKind {
  return venueKind === K.office ? 'office' : venueKind === K.factory ? 'workshop' : 'team'
}

function workName(kind: WorkUnitKind, k: number): string {
  if (kind === 'office') return DEPARTMENTS[k - 1] ?? `第${k}部门`
  return kind === 'workshop' ? `第${k}车间` : `第${k}班组`
}

/** `一年级(2)班`, `初三(1)班`, `小(3)班` — by age, so unique within the school. */
function className(level: number, age: number, k: number): string {
  const g = GRADES[level]
  const grade = g?.names[age - g.from] ?? `${age}岁`
  return `${grade}(${k})班`
}

/**
 * How many units a group of `n` people is cut into, for a target size drawn in [min, max]: as near
 * the target as can be while every unit stays within [min, max]. A group smaller than `min` is one
 * unit; where no cut fits both bounds (56 pupils in classes of 30–50) no unit exceeds `max`.
 * Units of a group differ by at most one person.
 */
export function unitCount(n: number, target: number, min: number, max: number): number {
  const lo = Math.ceil(n / max)
  const hi = Math.max(1, Math.floor(n / min))
  return Math.max(lo, Math.min(hi, Math.max(1, Math.round(n / target))))
}

/**
 * Cuts each employer's staff into teams of 5–40 and each school grade into classes of 30–50
 * (targets drawn per employer and per grade from the seed), the members shuffled so that a unit is
 * not one neighbourhood. Deterministic: the same city gives the same units.
 */
export function assignUnits(key: number, persons: Persons, venues: Venues, a: Assignments): Units {
  const venue: number[] = []
  const kind: WorkUnitKind[] = []
  const name: string[] = []
  const workUnitOf = new Int32Array(persons.count).fill(-1)
  const classOf = new Int32Array(persons.count).fill(-1)
  const rng = new Rng(key, 0, 0)

  /** Shuffles `members`, cuts them into `n` units, and records each person's unit in `of`. */
  const cut = (
    members: number[],
    n: number,
    of: Int32Array,
    unit: (k: number) => [WorkUnitKind, string],
    v: number,
  ) => {
    for (let i = members.length - 1; i > 0; i--) {
      const j = rng.int(i + 1)
      const x = members[i] ?? 0
      members[i] = members[j] ?? 0
      members[j] = x
    }
    for (let k = 0; k < n; k++) {
      const u = venue.length
      const [uk, un] = unit(k + 1)
      venue.push(v)
      kind.push(uk)
      name.push(un)
      const from = Math.floor((k * members.length) / n)
      const to = Math.floor(((k + 1) * members.length) / n)
      for (let i = from; i < to; i++) of[members[i] ?? 0] = u
    }
  }

  const staff = byVenue(a.workplace, venues.count)
  for (let v = 0; v < venues.count; v++) {
    const members = staff[v]
    if (!members) continue
    rng.reseed(key, v, 601)
    const n = unitCount(members.length, rng.between(TEAM_MIN, TEAM_MAX), TEAM_MIN, TEAM_MAX)
    const k = workKind(venues.kind[v] ?? 0)
    cut(members, n, workUnitOf, (i) => [k, workName(k, i)], v)
  }

  const pupils = byVenue(a.school, venues.count)
  for (let v = 0; v < venues.count; v++) {
    const members = pupils[v]
    if (!members) continue
    const level = venues.schoolLevel[v] ?? 0
    const byAge = new Map<number, number[]>()
    for (const p of members) {
      const age = persons.age[p] ?? 0
      const list = byAge.get(age)
      if (list) list.push(p)
      else byAge.set(age, [p])
    }
    for (const age of [...byAge.keys()].sort((x, y) => x - y)) {
      const grade = byAge.get(age) ?? []
      rng.reseed(key, v * 128 + age, 602)
      const n = unitCount(grade.length, rng.between(CLASS_MIN, CLASS_MAX), CLASS_MIN, CLASS_MAX)
      cut(grade, n, classOf, (i) => ['classroom', className(level, age, i)], v)
    }
  }

  return { count: venue.length, venue: Int32Array.from(venue), kind, name, workUnitOf, classOf }
}

/** One unit as the loader stores it. */
export interface SimUnit {
  readonly index: number
  /** Venue index of the employer or school. */
  readonly venue: number
  readonly kind: WorkUnitKind
  readonly name: string
}

/** The persons of each venue (by a person → venue array), in person order; undefined for none. */
function byVenue(of: Int32Array, venues: number): (number[] | undefined)[] {
  const out = new Array<number[] | undefined>(venues)
  for (let p = 0; p < of.length; p++) {
    const v = of[p] ?? -1
    if (v < 0) continue
    const list = out[v]
    if (list) list.push(p)
    else out[v] = [p]
  }
  return out
}
