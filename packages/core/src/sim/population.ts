import { AliasTable } from './alias-table.js'
import { ageOn } from './calendar.js'
import { Rng } from './prng.js'
import { ID_SEQUENCES_PER_POPULATION, ROLE } from './types.js'
import type { Layout } from './layout.js'

/**
 * Household sizes 1–6 with the shares of China's 2020 census (family households: 25% one
 * person, 30% two, 21% three, 13% four, 6% five, 5% six or more; mean about 2.6).
 */
const HOUSEHOLD_SIZE_WEIGHTS = [25.4, 29.7, 20.9, 13.2, 6.2, 4.6]

/**
 * Population by five-year age band, per cent (China 2020 census, rounded): the pyramid
 * adults' ages are drawn from; children's and grandparents' ages follow from their parents'.
 */
const AGE_BAND_WEIGHTS = [
  5.4, 6.3, 5.9, 5.3, 5.3, 6.6, 8.8, 7.0, 6.7, 8.2, 8.6, 7.2, 5.2, 5.0, 3.5, 2.2, 1.4, 0.8, 0.3, 0.1,
]
const MAX_AGE = 100

export const RELATION = { head: 0, spouse: 1, child: 2, parent: 3, other: 4 } as const

/** Per-person attributes as typed arrays (memory stays small at millions of people). */
export interface Persons {
  readonly count: number
  readonly household: Int32Array
  readonly community: Int32Array
  /** Epoch day of birth. */
  readonly birthDay: Int32Array
  /** Completed years on the first simulated day. */
  readonly age: Uint8Array
  /** 1 male, 2 female. */
  readonly sex: Uint8Array
  readonly relation: Uint8Array
  /** The 3-digit sequence of the resident ID number (odd for men, even for women). */
  readonly idSequence: Uint16Array
  /** ROLE code. */
  readonly role: Uint8Array
  /** 0 none, else 1 + index in SCHOOL_LEVELS. */
  readonly schoolLevel: Uint8Array
}

export interface Households {
  readonly count: number
  readonly community: Int32Array
  readonly size: Uint8Array
  readonly firstPerson: Int32Array
  /** Household number within its community (for the address). */
  readonly ordinal: Int32Array
}

interface Member {
  age: number
  male: boolean
  relation: number
}

const bands = new AliasTable(
  AGE_BAND_WEIGHTS.map((_, i) => i),
  AGE_BAND_WEIGHTS,
)
const householdSizes = new AliasTable([1, 2, 3, 4, 5, 6], HOUSEHOLD_SIZE_WEIGHTS)

/** An age from the census pyramid within [lo, hi] (rejection, then uniform as a fallback). */
function drawAge(rng: Rng, lo: number, hi: number): number {
  for (let i = 0; i < 24; i++) {
    const a = bands.sample(rng) * 5 + rng.int(5)
    if (a >= lo && a <= hi) return a
  }
  return rng.between(lo, hi)
}

function childOf(rng: Rng, parentAge: number): number {
  return Math.max(0, Math.min(parentAge - 18, parentAge - rng.between(22, 36)))
}

/** Who lives in a household of `size`: couples, children and grandparents with consistent ages. */
function members(rng: Rng, size: number): Member[] {
  const out: Member[] = []
  const headMale = rng.chance(0.85)
  const add = (age: number, male: boolean, relation: number) =>
    out.push({ age: Math.min(MAX_AGE, age), male, relation })
  const couple = (lo: number, hi: number) => {
    const a = drawAge(rng, lo, hi)
    add(a, headMale, RELATION.head)
    add(Math.max(20, a + rng.between(-4, 4)), !headMale, RELATION.spouse)
    return a
  }
  const grandparents = (parentAge: number, n: number) => {
    const g = Math.min(MAX_AGE - 2, parentAge + rng.between(22, 34))
    if (n === 2) {
      add(g, true, RELATION.parent)
      add(g + rng.between(-4, 2), false, RELATION.parent)
    } else add(g, rng.chance(0.4), RELATION.parent)
  }
  const child = (parentAge: number) => add(childOf(rng, parentAge), rng.chance(0.515), RELATION.child)
  switch (size) {
    case 1:
      // Many one-person households are widowed elderly people.
      add(rng.chance(0.45) ? drawAge(rng, 60, 95) : drawAge(rng, 18, 59), rng.chance(0.5), RELATION.head)
      break
    case 2: {
      // Two-person households are mostly "empty nest" couples whose children live elsewhere.
      const u = rng.float()
      if (u < 0.45) couple(55, 90)
      else if (u < 0.65) couple(22, 54)
      else if (u < 0.9) {
        const p = drawAge(rng, 30, 80)
        add(p, rng.chance(0.4), RELATION.head)
        child(p)
      } else {
        add(drawAge(rng, 18, 60), rng.chance(0.5), RELATION.head)
        add(drawAge(rng, 18, 60), rng.chance(0.5), RELATION.other)
      }
      break
    }
    case 3: {
      const a = rng.chance(0.85) ? couple(24, 60) : couple(50, 80)
      child(a)
      break
    }
    case 4: {
      const a = couple(26, 55)
      child(a)
      if (rng.chance(0.6)) child(a)
      else grandparents(a, 1)
      break
    }
    case 5: {
      const a = couple(26, 50)
      child(a)
      if (rng.chance(0.6)) grandparents(a, 2)
      else {
        child(a)
        grandparents(a, 1)
      }
      break
    }
    default: {
      const a = couple(26, 50)
      child(a)
      child(a)
      grandparents(a, 2)
      for (let i = 6; i < size; i++) child(a)
    }
  }
  return out.slice(0, size)
}

/** The weekday role and school level of a person of this age. */
function roleFor(rng: Rng, age: number, male: boolean): [role: number, schoolLevel: number] {
  if (age < 3) return [ROLE.infant, 0]
  if (age < 6) return rng.chance(0.88) ? [ROLE.pupil, 1] : [ROLE.infant, 0]
  if (age < 12) return [ROLE.pupil, 2]
  if (age < 15) return [ROLE.pupil, 3]
  if (age < 18) return rng.chance(0.92) ? [ROLE.pupil, 4] : [ROLE.worker, 0]
  if (age < 23) {
    const u = rng.float()
    return u < 0.45 ? [ROLE.student, 5] : u < 0.85 ? [ROLE.worker, 0] : [ROLE.home, 0]
  }
  if (age < 60) return rng.chance(male ? 0.86 : 0.72) ? [ROLE.worker, 0] : [ROLE.home, 0]
  if (age < 65) return rng.chance(0.25) ? [ROLE.worker, 0] : [ROLE.retired, 0]
  return [ROLE.retired, 0]
}

/**
 * Fills every community with households and people. Each person's birth date is drawn to match
 * the age on the first simulated day, and gets a resident-ID sequence number unique within
 * (district, birth date, population block); on the rare overflow the birth date moves a day.
 */
export function generatePopulation(
  key: number,
  startDay: number,
  layout: Layout,
  districtCount: number,
  population: number,
): { persons: Persons; households: Households } {
  const people = layout.communitySize.reduce((a, b) => a + b, 0)
  const household = new Int32Array(people)
  const community = new Int32Array(people)
  const birthDay = new Int32Array(people)
  const age = new Uint8Array(people)
  const sex = new Uint8Array(people)
  const relation = new Uint8Array(people)
  const idSequence = new Uint16Array(people)
  const role = new Uint8Array(people)
  const schoolLevel = new Uint8Array(people)
  const hhCommunity: number[] = []
  const hhSize: number[] = []
  const hhFirst: number[] = []
  const hhOrdinal: number[] = []

  const minBirthDay = startDay - (MAX_AGE + 2) * 366
  const span = startDay - minBirthDay + 400
  const used = new Uint8Array(districtCount * span * 2)
  const rng = new Rng(key, 0, 0)
  let p = 0
  for (let c = 0; c < layout.communities.length; c++) {
    const district = layout.streetDistrict[layout.communityStreet[c] ?? 0] ?? 0
    let remaining = layout.communitySize[c] ?? 0
    let ordinal = 0
    while (remaining > 0) {
      const h = hhCommunity.length
      rng.reseed(key, h, 201)
      const size = Math.min(remaining, householdSizes.sample(rng))
      hhCommunity.push(c)
      hhSize.push(size)
      hhFirst.push(p)
      hhOrdinal.push(ordinal++)
      remaining -= size
      for (const m of members(rng, size)) {
        household[p] = h
        community[p] = c
        relation[p] = m.relation
        sex[p] = m.male ? 1 : 2
        // Born between `age` years and `age + 1` years before the first day.
        let born = startDay - Math.floor(m.age * 365.2425) - rng.between(1, 364)
        let slot = ((district * span + (born - minBirthDay)) << 1) | (m.male ? 0 : 1)
        while ((used[slot] ?? 0) >= ID_SEQUENCES_PER_POPULATION && born < startDay - 1) {
          born++
          slot += 2
        }
        const k = used[slot] ?? 0
        used[slot] = k + 1
        const n = population * ID_SEQUENCES_PER_POPULATION + Math.min(k, ID_SEQUENCES_PER_POPULATION - 1) + 1
        idSequence[p] = m.male ? 2 * n - 1 : 2 * n
        birthDay[p] = born
        const a = Math.max(0, ageOn(born, startDay))
        age[p] = a
        const [r, level] = roleFor(rng, a, m.male)
        role[p] = r
        schoolLevel[p] = level
        p++
      }
    }
  }
  return {
    persons: {
      count: people,
      household,
      community,
      birthDay,
      age,
      sex,
      relation,
      idSequence,
      role,
      schoolLevel,
    },
    households: {
      count: hhCommunity.length,
      community: Int32Array.from(hhCommunity),
      size: Uint8Array.from(hhSize),
      firstPerson: Int32Array.from(hhFirst),
      ordinal: Int32Array.from(hhOrdinal),
    },
  }
}
