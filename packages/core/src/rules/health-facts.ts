/**
 * The facts a health-code colour is computed from (GB/T 38962 data elements, as far as the
 * colour needs them). Assembled by the server from cases, contacts, quarantine orders, tests,
 * declarations and trips; pure data here.
 */
export type CaseKind = 'suspected' | 'confirmed' | 'asymptomatic'

export interface CaseFact {
  readonly kind: CaseKind
  /** Onset, or first positive sample for an asymptomatic infection. */
  readonly since: Date
  /** Discharged (confirmed) or released (asymptomatic); undefined while active. */
  readonly dischargedAt?: Date | undefined
  /** A suspected case excluded by the rules (CASE.SUSPECT.EXCLUDE) stops counting. */
  readonly excludedAt?: Date | undefined
}

export interface ContactFact {
  readonly degree: 'close' | 'secondary'
  readonly lastExposure: Date
}

export type QuarantineKind = 'centralized' | 'home_isolation' | 'home_monitoring'
export type QuarantineReason =
  'close_contact' | 'secondary_contact' | 'inbound' | 'risk_area' | 'pool_positive' | 'other'

export interface QuarantineFact {
  readonly kind: QuarantineKind
  readonly reason: QuarantineReason
  readonly start: Date
  readonly end: Date
  /** Released early (or on time) by staff. */
  readonly releasedAt?: Date | undefined
}

export interface TestFact {
  readonly sampledAt: Date
  readonly result: 'positive' | 'negative' | 'pending'
  /** A pooled (混采) tube: positive means "one of the pool", not this person. */
  readonly pooled: boolean
}

export interface TripFact {
  readonly regionCode: string
  readonly regionName: string
  /** When the person left the area (or was last there). */
  readonly leftAt: Date
  /** The area's risk level while the person was there. */
  readonly riskLevel: 'low' | 'medium' | 'high'
}

export interface DeclarationFact {
  readonly at: Date
  readonly temperatureC?: number | undefined
  readonly symptoms: readonly string[]
}

export interface FeverClinicFact {
  readonly at: Date
}

export interface KeyGroupFact {
  /** The 应检尽检 group (TEST.MUST, or a local one of TEST.WILL), e.g. 'medical_staff'. */
  readonly group: string
  /** A negative test is required every `intervalDays`. */
  readonly intervalDays: number
  /**
   * The group's names (the server carries them from `key_groups`, local groups' too), used in the
   * TEST_OVERDUE reason. Absent: a national group's default name, else a generic "key group".
   */
  readonly names?: { readonly 'zh-CN': string; readonly en: string }
}

export interface HealthFacts {
  readonly cases: readonly CaseFact[]
  readonly contacts: readonly ContactFact[]
  readonly quarantines: readonly QuarantineFact[]
  readonly tests: readonly TestFact[]
  readonly trips: readonly TripFact[]
  readonly declarations: readonly DeclarationFact[]
  readonly feverClinicVisits: readonly FeverClinicFact[]
  readonly keyGroups: readonly KeyGroupFact[]
}

export const NO_FACTS: HealthFacts = {
  cases: [],
  contacts: [],
  quarantines: [],
  tests: [],
  trips: [],
  declarations: [],
  feverClinicVisits: [],
  keyGroups: [],
}
