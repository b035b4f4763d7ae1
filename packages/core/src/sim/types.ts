/** Shared vocabulary of the synthetic city generator. */

/** Venue kinds, exactly as the `venues.kind` CHECK constraint lists them. */
export const VENUE_KINDS = [
  'residential_gate',
  'market',
  'supermarket',
  'restaurant',
  'office',
  'factory',
  'school',
  'hospital',
  'station',
  'bus',
  'train',
  'flight',
  'ship',
  'gym',
  'cinema',
  'hotel',
  'other',
] as const
export type VenueKind = (typeof VENUE_KINDS)[number]

/** Numeric codes of the venue kinds (their index in VENUE_KINDS), for typed arrays. */
export const K = Object.fromEntries(VENUE_KINDS.map((k, i) => [k, i])) as {
  readonly [P in VenueKind]: number
}

/** What a person does on a weekday; decides the daily routine. */
export const ROLE = { infant: 0, pupil: 1, student: 2, worker: 3, home: 4, retired: 5 } as const

/** School levels: kindergarten, primary, middle, high school, university. */
export const SCHOOL_LEVELS = ['kindergarten', 'primary', 'middle', 'high', 'university'] as const
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number]

/**
 * Street numbers are handed out in blocks of 50 per load so that a second synthetic population
 * in the same city gets streets of its own (block p uses street numbers 50p+1 … 50p+50), and
 * resident-ID sequence numbers in blocks of 24 per sex (so two populations never share a number).
 */
export const STREETS_PER_POPULATION = 50
export const ID_SEQUENCES_PER_POPULATION = 24
/** Populations 0 … 18 fit in both the 3-digit street numbers and the 3-digit ID sequence. */
export const MAX_POPULATIONS = 19

export interface SimDistrict {
  readonly code: string
  readonly name: string
}

/** What the caller decides; everything else follows from the seed. */
export interface SimulationParams {
  readonly seed: number
  readonly people: number
  readonly days: number
  /** First simulated local day (Asia/Shanghai), YYYY-MM-DD. */
  readonly startDate: string
  /** GB/T 2260 city code (e.g. 420100 Wuhan). */
  readonly cityCode: string
  /** The city's real districts; the population is spread over them. */
  readonly districts: readonly SimDistrict[]
  /** Which synthetic population of this city this is (0 for the first load); see STREETS_PER_POPULATION. */
  readonly population?: number
  /**
   * Share of visits recorded as check-ins, in (0, 1] (default 1: every visit is scanned). People
   * still go everywhere their routine takes them; only the scans are thinned, each visit kept or
   * dropped by its own seeded draw, so a lower share gives the same days with fewer rows (e.g.
   * 0.36 for about 10 million check-ins from 1 million people over 14 days).
   */
  readonly checkinShare?: number
}

export interface SimRegion {
  readonly code: string
  readonly parentCode: string
  readonly level: 'street' | 'community'
  readonly name: string
}

export interface SimVenue {
  readonly index: number
  readonly kind: VenueKind
  readonly name: string
  /** The region the venue lies in: community (gates), street or district. */
  readonly regionCode: string
  readonly capacity: number
  readonly address: string
}

export interface SimHousehold {
  readonly index: number
  readonly community: number
  readonly regionCode: string
  readonly address: string
  readonly size: number
}

export interface SimPerson {
  readonly index: number
  readonly household: number
  readonly community: number
  readonly regionCode: string
  readonly name: string
  readonly sex: 'male' | 'female'
  readonly birthDate: string
  /** Completed years on the first simulated day. */
  readonly age: number
  readonly phone: string | null
  /** 18-character resident ID number (GB 11643) issued in the person's district. */
  readonly idNumber: string
  readonly address: string
  /** Venue index of the employer, or null. */
  readonly workplace: number | null
  /** Venue index of the school or university, or null. */
  readonly school: number | null
}

export interface SimCheckin {
  readonly person: number
  readonly venue: number
  /** Epoch milliseconds (UTC). */
  readonly checkedInAt: number
  readonly checkedOutAt: number
}
