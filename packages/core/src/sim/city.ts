import { makeResidentId } from '../ids/resident-id.js'
import { regionLevel } from '../regions/region-code.js'
import { formatEpochDay, parseEpochDay } from './calendar.js'
import { planLayout, type Layout } from './layout.js'
import { drawGivenName, drawMobile, drawSurname } from './names.js'
import { generatePopulation, RELATION, type Households, type Persons } from './population.js'
import { assignPlaces, PlaceIndex, type Assignments } from './places.js'
import { Rng, seedKey } from './prng.js'
import {
  MAX_POPULATIONS,
  VENUE_KINDS,
  type SimHousehold,
  type SimPerson,
  type SimRegion,
  type SimulationParams,
  type SimVenue,
} from './types.js'
import { generateVenues, type Venues } from './venues.js'
import { assignUnits, type SimUnit, type Units } from './units.js'

/** Limits that keep a run meaningful and inside the code space (3-digit streets, 1-byte ages…). */
export const MAX_PEOPLE = 50_000_000
export const MAX_DAYS = 366

/**
 * A synthetic city: the region tree, households, people, venues and their fixed relations,
 * held as typed arrays. Person, household and venue records (names, ID numbers…) are built
 * on demand from the seed, so a city of a million people takes tens of megabytes.
 */
export interface SyntheticCity {
  readonly params: Required<SimulationParams>
  /** 32-bit key derived from the seed; every random stream is keyed by it. */
  readonly key: number
  readonly startDay: number
  readonly layout: Layout
  readonly persons: Persons
  readonly households: Households
  readonly venues: Venues
  readonly assignments: Assignments
  /** Work units of the employers and classes of the schools (CC.SETTINGS 4). */
  readonly units: Units
  readonly places: PlaceIndex
  /** District index of each community. */
  readonly communityDistrict: Int32Array
}

/**
 * Generates the city for `params`. Deterministic: the same params give the same city.
 * Throws RangeError on parameters out of range (people 1…50M, days 1…366, a city code,
 * at least one district code under it, population 0…18, checkinShare in (0, 1]).
 */
export function generateCity(params: SimulationParams): SyntheticCity {
  const { seed, people, days, startDate, cityCode, districts } = params
  const population = params.population ?? 0
  const checkinShare = params.checkinShare ?? 1
  if (!Number.isInteger(people) || people < 1 || people > MAX_PEOPLE)
    throw new RangeError(`people must be 1…${MAX_PEOPLE}`)
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw new RangeError(`days must be 1…${MAX_DAYS}`)
  if (!Number.isInteger(population) || population < 0 || population >= MAX_POPULATIONS) {
    throw new RangeError(`population must be 0…${MAX_POPULATIONS - 1}`)
  }
  if (!(checkinShare > 0 && checkinShare <= 1)) throw new RangeError('checkinShare must be in (0, 1]')
  if (regionLevel(cityCode) !== 'city') throw new RangeError(`${cityCode} is not a city code`)
  for (const d of districts) {
    if (regionLevel(d.code) !== 'district' || d.code.slice(0, 4) !== cityCode.slice(0, 4)) {
      throw new RangeError(`${d.code} is not a district of ${cityCode}`)
    }
  }
  const key = seedKey(seed)
  const startDay = parseEpochDay(startDate)
  const layout = planLayout(key, people, districts, population)
  const { persons, households } = generatePopulation(key, startDay, layout, districts.length, population)
  const venues = generateVenues(key, layout, districts, persons)
  const places = new PlaceIndex(layout, districts.length, venues)
  const assignments = assignPlaces(key, layout, persons, venues, places)
  const units = assignUnits(key, persons, venues, assignments)
  const communityDistrict = Int32Array.from(
    layout.communities,
    (_, c) => layout.streetDistrict[layout.communityStreet[c] ?? 0] ?? 0,
  )
  return {
    params: { seed, people, days, startDate, cityCode, districts, population, checkinShare },
    key,
    startDay,
    layout,
    persons,
    households,
    venues,
    assignments,
    units,
    places,
    communityDistrict,
  }
}

/** All synthetic regions, parents first (streets, then communities). */
export function cityRegions(city: SyntheticCity): SimRegion[] {
  return [...city.layout.streets, ...city.layout.communities]
}

/** One household with its address (`XX社区3栋2单元502室`). */
export function householdRecord(city: SyntheticCity, h: number): SimHousehold {
  const c = city.households.community[h] ?? 0
  const community = city.layout.communities[c]
  const n = city.households.ordinal[h] ?? 0
  // 24 flats per building: 6 floors × 2 entrances (单元) × 2 flats.
  const building = Math.floor(n / 24) + 1
  const unit = Math.floor((n % 24) / 12) + 1
  const floor = Math.floor((n % 12) / 2) + 1
  const flat = (n % 2) + 1
  return {
    index: h,
    community: c,
    regionCode: community?.code ?? '',
    address: `${community?.name ?? ''}${building}栋${unit}单元${floor}0${flat}室`,
    size: city.households.size[h] ?? 0,
  }
}

/** Generator of all households in index order. */
export function* householdRecords(city: SyntheticCity): Generator<SimHousehold, void, undefined> {
  for (let h = 0; h < city.households.count; h++) yield householdRecord(city, h)
}

/** One venue. */
export function venueRecord(city: SyntheticCity, v: number): SimVenue {
  const { venues } = city
  return {
    index: v,
    kind: VENUE_KINDS[venues.kind[v] ?? 0] ?? 'other',
    name: venues.name[v] ?? '',
    regionCode: venues.regionCode[v] ?? '',
    capacity: venues.capacity[v] ?? 0,
    address: venues.address[v] ?? '',
  }
}

/** Generator of all venues in index order. */
export function* venueRecords(city: SyntheticCity): Generator<SimVenue, void, undefined> {
  for (let v = 0; v < city.venues.count; v++) yield venueRecord(city, v)
}

/** One work unit or class. */
export function unitRecord(city: SyntheticCity, u: number): SimUnit {
  const { units } = city
  return { index: u, venue: units.venue[u] ?? 0, kind: units.kind[u] ?? 'other', name: units.name[u] ?? '' }
}

/** Generator of all work units and classes in index order. */
export function* unitRecords(city: SyntheticCity): Generator<SimUnit, void, undefined> {
  for (let u = 0; u < city.units.count; u++) yield unitRecord(city, u)
}

/** The unit indexes of a person's work unit and class, or null. */
export function unitsOfPerson(
  city: SyntheticCity,
  p: number,
): { workUnit: number | null; classUnit: number | null } {
  const w = city.units.workUnitOf[p] ?? -1
  const c = city.units.classOf[p] ?? -1
  return { workUnit: w >= 0 ? w : null, classUnit: c >= 0 ? c : null }
}

const birthDates = new Map<number, string>()
function birthDateString(day: number): string {
  let s = birthDates.get(day)
  if (s === undefined) {
    s = formatEpochDay(day)
    if (birthDates.size < 100_000) birthDates.set(day, s)
  }
  return s
}

/**
 * One person. Children share the head's surname; the phone (mobile, from about age 10) and the
 * name are drawn from the person's own stream, so records can be built in any order.
 */
export function personRecord(
  city: SyntheticCity,
  p: number,
  rng: Rng = new Rng(city.key, p, 501),
): SimPerson {
  const { persons, key } = city
  rng.reseed(key, p, 501)
  const h = persons.household[p] ?? 0
  const c = persons.community[p] ?? 0
  const male = persons.sex[p] === 1
  const age = persons.age[p] ?? 0
  const relation = persons.relation[p] ?? 0
  const ownSurname = drawSurname(rng)
  let surname = ownSurname
  if (relation === RELATION.child || relation === RELATION.head) {
    surname = drawSurname(rng.reseed(key, h, 502))
    rng.reseed(key, p, 503)
  }
  const phoneShare = age < 10 ? 0 : age < 14 ? 0.6 : age < 18 ? 0.9 : age <= 75 ? 0.99 : 0.8
  const phone = rng.chance(phoneShare) ? drawMobile(rng) : null
  const birthDate = birthDateString(persons.birthDay[p] ?? 0)
  const districtCode = city.params.districts[city.communityDistrict[c] ?? 0]?.code ?? ''
  const workplace = city.assignments.workplace[p] ?? -1
  const school = city.assignments.school[p] ?? -1
  return {
    index: p,
    household: h,
    community: c,
    regionCode: city.layout.communities[c]?.code ?? '',
    name: surname + drawGivenName(rng, male),
    sex: male ? 'male' : 'female',
    birthDate,
    age,
    phone,
    idNumber: makeResidentId(districtCode, birthDate, persons.idSequence[p] ?? 0),
    address: householdRecord(city, h).address,
    workplace: workplace >= 0 ? workplace : null,
    school: school >= 0 ? school : null,
  }
}

/** Generator of all persons in index order (one record at a time: memory stays flat). */
export function* personRecords(city: SyntheticCity): Generator<SimPerson, void, undefined> {
  const rng = new Rng(city.key, 0, 0)
  for (let p = 0; p < city.persons.count; p++) yield personRecord(city, p, rng)
}
