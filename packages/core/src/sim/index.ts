export {
  VENUE_KINDS,
  K as VENUE_KIND_CODES,
  ROLE as SIM_ROLES,
  SCHOOL_LEVELS,
  STREETS_PER_POPULATION,
  ID_SEQUENCES_PER_POPULATION,
  MAX_POPULATIONS,
  type VenueKind,
  type SchoolLevel,
  type SimDistrict,
  type SimulationParams,
  type SimRegion,
  type SimVenue,
  type SimHousehold,
  type SimPerson,
  type SimCheckin,
} from './types.js'
export * from './prng.js'
export * from './alias-table.js'
export * from './calendar.js'
export * from './names.js'
export { COMMUNITY_MAX, COMMUNITY_MIN, type Layout } from './layout.js'
export { RELATION, type Households, type Persons } from './population.js'
export type { Venues } from './venues.js'
export { PlaceIndex, type Assignments } from './places.js'
export { CLASS_MAX, CLASS_MIN, TEAM_MAX, TEAM_MIN, unitCount, type SimUnit, type Units } from './units.js'
export * from './city.js'
export { MAX_CHECKINS_PER_PERSON_DAY, type CheckinSink } from './routines.js'
export * from './checkins.js'
