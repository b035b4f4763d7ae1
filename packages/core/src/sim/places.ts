import { AliasTable } from './alias-table.js'
import { Rng } from './prng.js'
import { K, ROLE, VENUE_KINDS } from './types.js'
import type { Layout } from './layout.js'
import type { Persons } from './population.js'
import type { Venues } from './venues.js'

const KINDS = VENUE_KINDS.length

/**
 * Where people go: for each street and venue kind, a capacity-weighted sampler over the venues
 * of that kind nearby — in the street for everyday places (markets, restaurants, stations),
 * in the district for hospitals, cinemas and hotels, in the city for buses, trains and flights;
 * falling back to the wider area when the nearer one has none. Bigger venues get more visitors.
 */
export class PlaceIndex {
  private readonly tables: (AliasTable | undefined)[]

  constructor(layout: Layout, districtCount: number, venues: Venues) {
    const byStreet = new Map<number, [number[], number[]]>()
    const byDistrict = new Map<number, [number[], number[]]>()
    const byCity = new Map<number, [number[], number[]]>()
    const push = (map: Map<number, [number[], number[]]>, key: number, v: number) => {
      let entry = map.get(key)
      if (!entry) map.set(key, (entry = [[], []]))
      entry[0].push(v)
      entry[1].push(venues.capacity[v] ?? 1)
    }
    for (let v = 0; v < venues.count; v++) {
      const kind = venues.kind[v] ?? 0
      if (kind === K.residential_gate || kind === K.office || kind === K.factory || kind === K.school)
        continue
      const s = venues.street[v] ?? -1
      const d = venues.district[v] ?? -1
      if (s >= 0) push(byStreet, s * KINDS + kind, v)
      if (d >= 0) push(byDistrict, d * KINDS + kind, v)
      push(byCity, kind, v)
    }
    const table = (entry: [number[], number[]] | undefined) =>
      entry ? new AliasTable(entry[0], entry[1]) : undefined
    const districtTables = Array.from({ length: districtCount * KINDS }, (_, i) => table(byDistrict.get(i)))
    const cityTables = Array.from({ length: KINDS }, (_, k) => table(byCity.get(k)))
    this.tables = new Array<AliasTable | undefined>(layout.streets.length * KINDS)
    for (let s = 0; s < layout.streets.length; s++) {
      const d = layout.streetDistrict[s] ?? 0
      for (let k = 0; k < KINDS; k++) {
        const scope =
          k === K.bus || k === K.train || k === K.flight
            ? 2
            : k === K.hospital || k === K.cinema || k === K.hotel
              ? 1
              : 0
        this.tables[s * KINDS + k] =
          (scope === 0 ? table(byStreet.get(s * KINDS + k)) : undefined) ??
          (scope <= 1 ? districtTables[d * KINDS + k] : undefined) ??
          cityTables[k]
      }
    }
  }

  /** A venue of `kind` near `street`, or -1 when the city has none. */
  pick(kind: number, street: number, rng: Rng): number {
    const t = this.tables[street * KINDS + kind]
    return t ? t.sample(rng) : -1
  }
}

/** Per-person places fixed for the whole simulation: employer, school, usual transport. */
export interface Assignments {
  readonly workplace: Int32Array
  readonly school: Int32Array
  /** A metro station or bus line the person commutes through, or -1. */
  readonly commute: Int32Array
}

const SERVICE_JOB_SHARE = 0.12

/**
 * Gives workers an employer (offices and factories by capacity, a share in shops, restaurants,
 * hospitals, hotels and schools), pupils a school of their level in their district, students a
 * university, and some commuters a station or bus line.
 */
export function assignPlaces(
  key: number,
  layout: Layout,
  persons: Persons,
  venues: Venues,
  places: PlaceIndex,
): Assignments {
  const workplace = new Int32Array(persons.count).fill(-1)
  const school = new Int32Array(persons.count).fill(-1)
  const commute = new Int32Array(persons.count).fill(-1)
  const collect = (keep: (v: number) => boolean) => {
    const ids: number[] = []
    const weights: number[] = []
    for (let v = 0; v < venues.count; v++) {
      if (keep(v)) {
        ids.push(v)
        weights.push(venues.capacity[v] ?? 1)
      }
    }
    return ids.length > 0 ? new AliasTable(ids, weights) : undefined
  }
  const employers = collect((v) => venues.kind[v] === K.office || venues.kind[v] === K.factory)
  const service = collect((v) => {
    const k = venues.kind[v]
    return (
      k === K.restaurant ||
      k === K.market ||
      k === K.supermarket ||
      k === K.hospital ||
      k === K.hotel ||
      k === K.school
    )
  })
  const schools = new Map<number, AliasTable | undefined>()
  const schoolTable = (district: number, level: number) => {
    const k = district * 8 + level
    if (!schools.has(k)) {
      schools.set(
        k,
        collect((v) => venues.schoolLevel[v] === level && (level === 5 || venues.district[v] === district)),
      )
    }
    return schools.get(k)
  }
  const rng = new Rng(key, 0, 0)
  for (let p = 0; p < persons.count; p++) {
    rng.reseed(key, p, 401)
    const street = layout.communityStreet[persons.community[p] ?? 0] ?? 0
    const district = layout.streetDistrict[street] ?? 0
    const role = persons.role[p] ?? 0
    if (role === ROLE.worker) {
      const table = rng.chance(SERVICE_JOB_SHARE) ? (service ?? employers) : employers
      if (table) workplace[p] = table.sample(rng)
      if (rng.chance(0.35)) commute[p] = places.pick(rng.chance(0.6) ? K.station : K.bus, street, rng)
    } else if (role === ROLE.pupil || role === ROLE.student) {
      const level = persons.schoolLevel[p] ?? 0
      const table = schoolTable(district, level)
      if (table) school[p] = table.sample(rng)
      if (level >= 3 && rng.chance(level === 5 ? 0.3 : 0.15)) commute[p] = places.pick(K.bus, street, rng)
    }
  }
  return { workplace, school, commute }
}
