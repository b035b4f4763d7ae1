/**
 * Rule sets: the epidemiological parameters of the national protocol as versioned data
 * (shared/RULES.md §A11 skeleton). Presets per edition of the 防控方案: FK6 (2020-03-07), FK7
 * (2020-09) and FK8 (2021-05-11, the default for new nodes). A region may switch presets or
 * override single parameters; every decision records the rule-set version it used.
 */

import { DEFAULT_DWELL_MINUTES } from '../entry/dwell.js'
import type { VenueKind } from '../sim/types.js'
import type { QuarantineReason } from './health-facts.js'

export const EDITIONS = ['FK6', 'FK7', 'FK8'] as const
export type Edition = (typeof EDITIONS)[number]
export type CodeColour = 'green' | 'yellow' | 'red'

/**
 * What co-presence at a venue of a kind makes (RULES.md CC.SETTINGS, GC.DEF): `close` — the
 * venue is one enclosed space shared at close range (a restaurant, a gym, a cinema, a conveyance,
 * where the seat rules then decide), so co-presence makes a candidate close contact; `general` —
 * sharing the venue is a shared setting or a common exposure in a public place, a general contact
 * (一般接触者), and the close contacts there come from the household, workplace and class groups.
 */
export const OVERLAP_TIERS = ['close', 'general'] as const
export type OverlapTier = (typeof OVERLAP_TIERS)[number]

/**
 * How each reason colours the code (RULES.md A8). Durations are not here: each comes from the
 * domain's own parameter (close contacts' observation from `closeContact`, post-discharge from
 * `confirmed`, …), so a regional edit cannot make the code and the order disagree (#16).
 */
export interface HealthCodeParams {
  /** Colour of an active suspected / confirmed / asymptomatic case (HC.ZJ.2021: red). */
  readonly activeCaseColour: CodeColour
  /** Colour during post-discharge observation (HC.HZ.TRIGGERS: red until it ends; HC.HUBEI: yellow). */
  readonly postDischargeColour: CodeColour
  /**
   * Colour of isolation medical observation, per reason (HC.ZJ.2021: red for close contacts and
   * inbound travellers; HC.HUBEI: a close contact is yellow). A close or secondary contact's
   * observation and a quarantine order of that reason take the same colour.
   */
  readonly isolationColour: Readonly<Record<QuarantineReason, CodeColour>>
  /** Colour of home health monitoring (HC.ZJ.2021: yellow), e.g. FK8's "+7" after a close contact's 14. */
  readonly homeMonitoringColour: CodeColour
  /** Look-back for trips (days after leaving the area) and the colour per risk level then. */
  readonly tripLookbackDays: number
  readonly tripColour: { readonly high: CodeColour; readonly medium: CodeColour }
  /** Self-reported symptoms: fever threshold (no RULES source: the clinical convention). */
  readonly feverThresholdC: number
  readonly symptomColour: CodeColour
  /** Consecutive days of normal health declarations that clear symptoms (HC.HZ.YELLOW: 7). */
  readonly normalDeclarationDaysToGreen: number
  /** A negative NAT sampled after the symptoms also clears them. */
  readonly negativeTestClearsSymptoms: boolean
  /** A fever-clinic visit not yet cleared by a negative NAT ("unexplained fever", HC.ZJ.2021: red). */
  readonly feverClinicColour: CodeColour
  /**
   * Days after which an uncleared fever-clinic visit stops colouring the code; 0 = never, only a
   * negative NAT clears it (HC.ZJ.2021 gives no lapse; fever-clinic patients must be tested, TEST.MUST 3).
   */
  readonly feverClinicLapseDays: number
  /** Member of a positive pool awaiting the single-tube re-test (POOL.POSITIVE: isolated). */
  readonly poolPositiveColour: CodeColour
  /**
   * An individual positive NAT not yet classified as a case; it is cleared only as a suspected
   * case is excluded (CASE.SUSPECT.EXCLUDE: `case.suspectExclude` negatives), never by one negative.
   */
  readonly positiveTestColour: CodeColour
  /** Key groups (应检尽检): colour when the scheduled test is overdue, after a grace period. */
  readonly overdueTestColour: CodeColour
  readonly overdueGraceHours: number
  /** How long a green colour is valid before it is recomputed anyway. */
  readonly greenValidHours: number
}

export interface RuleSetParams {
  /** Case definitions and deadlines (RULES.md A1). */
  readonly case: {
    /** CASE.SUSPECT.EXCLUDE: negatives, their gap, and negative IgM and IgG this many days after onset. */
    readonly suspectExclude: {
      readonly negTests: number
      readonly minGapHours: number
      readonly antibodyAfterOnsetDays: number
    }
    /** CASE.REPORT: direct report within `reportHours` of diagnosis; investigation within `investigationHours`. */
    readonly report: { readonly reportHours: number; readonly investigationHours: number }
  }
  readonly closeContact: {
    readonly windowBeforeOnsetDays: number
    readonly centralizedDays: number
    readonly homeMonitorDays: number
    readonly testDays: readonly number[]
    readonly homeTestDays: readonly number[]
    readonly releaseDoubleSample: boolean
    readonly transport: {
      readonly planeRowsBefore: number
      readonly planeRowsAfter: number
      readonly busVentilatedRows: number
    }
    /**
     * Per venue kind, what co-presence there makes: a candidate close contact or a general
     * contact (`OverlapTier`). A kind missing here counts as `close` (the safe side).
     */
    readonly overlapTier: Readonly<Record<VenueKind, OverlapTier>>
    /**
     * Per venue kind, the stay assumed when no check-out is recorded, in whole minutes from
     * `MIN_DWELL_MINUTES` (1) to `MAX_DWELL_MINUTES` (1440: no stay is longer than `MAX_STAY_MS`),
     * so that overlaps can be computed (`dwellMinutesOf`, `assumedCheckout`). A kind missing here
     * takes `DEFAULT_DWELL_MINUTES`.
     */
    readonly dwellMinutes: Readonly<Record<VenueKind, number>>
  }
  readonly secondaryContact: {
    readonly centralizedDays: number
    readonly testDays: readonly number[]
    readonly releaseRequiresCcFirstNegativeTests: number
    readonly upgradeToCcIfCcPositive: boolean
  }
  readonly asymptomatic: {
    readonly centralizedDays: number
    readonly releaseNegTests: number
    readonly minGapHours: number
    readonly afterReleaseDays: number
    readonly followupWeeks: readonly number[]
  }
  readonly confirmed: {
    readonly afebrileDaysGt: number
    readonly negTests: number
    readonly minGapHours: number
    readonly persistentPositiveWeeks: number
    readonly afterDischargeDays: number
    readonly followupWeeks: readonly number[]
  }
  readonly cluster: {
    readonly windowDays: number
    readonly minCases: number
    readonly countAsymptomatic: boolean
  }
  readonly inbound: {
    readonly centralizedDays: number
    readonly testDays: readonly number[]
    readonly homeMonitorDays: number
  }
  /** Pooled testing (RULES.md A7). */
  readonly pool: {
    /** POOL.MODES: tube sizes allowed for mixed sampling (20 from Jan 2022, not in FK8). */
    readonly sizes: readonly number[]
    /** POOL.WHO: pool size by the area's risk level (1 = single tube). */
    readonly ratioByRisk: { readonly low: number; readonly medium: number; readonly high: number }
    /** POOL.MODES (DIL): lab dilution pooling only below this prevalence. */
    readonly dilutionMaxPrevalence: number
    /**
     * Days of the temporary individual isolation ordered for a positive pool's members
     * (POOL.POSITIVE names no period: "until the single-tube re-test"; no RULES source).
     */
    readonly positiveIsolationDays: number
  }
  readonly healthCode: HealthCodeParams
}

export interface RuleSet {
  /** Stable id of the preset or region rule set, e.g. "FK8" or "420100-2026-11". */
  readonly id: string
  readonly edition: Edition
  /** Monotonic version; every issued colour records `${id}@${version}`. */
  readonly version: number
  readonly params: RuleSetParams
}

const HEALTH_CODE_FK8: HealthCodeParams = {
  activeCaseColour: 'red',
  postDischargeColour: 'red',
  isolationColour: {
    close_contact: 'red',
    secondary_contact: 'red',
    inbound: 'red',
    risk_area: 'red',
    pool_positive: 'red',
    other: 'red',
  },
  homeMonitoringColour: 'yellow',
  tripLookbackDays: 14,
  tripColour: { high: 'red', medium: 'yellow' },
  feverThresholdC: 37.3,
  symptomColour: 'yellow',
  normalDeclarationDaysToGreen: 7,
  negativeTestClearsSymptoms: true,
  feverClinicColour: 'red',
  feverClinicLapseDays: 0,
  poolPositiveColour: 'red',
  positiveTestColour: 'red',
  overdueTestColour: 'yellow',
  overdueGraceHours: 24,
  greenValidHours: 24,
}

/**
 * CC.SETTINGS 4) names the office, workshop, team, elevator, canteen and classroom — the unit,
 * not the building: co-presence in an office building, a factory, a school, a hospital, a
 * station, a market, a supermarket or at a residential gate is a common exposure (GC.DEF), and
 * the close contacts there are the workplace, class and household groups. Restaurants, gyms and
 * cinemas are shared meals or entertainment in an enclosed environment (CC.SETTINGS 5);
 * conveyances are close, the seat rules of CC.TRANSPORT.* then decide. Hotels (rooms apart) and
 * unknown settings (`other`) stay close: the safe side until an investigator narrows them.
 */
const OVERLAP_TIER: Readonly<Record<VenueKind, OverlapTier>> = {
  residential_gate: 'general',
  market: 'general',
  supermarket: 'general',
  restaurant: 'close',
  office: 'general',
  factory: 'general',
  school: 'general',
  hospital: 'general',
  station: 'general',
  bus: 'close',
  train: 'close',
  flight: 'close',
  ship: 'close',
  gym: 'close',
  cinema: 'close',
  hotel: 'close',
  other: 'close',
}

const FK8: RuleSetParams = {
  case: {
    suspectExclude: { negTests: 2, minGapHours: 24, antibodyAfterOnsetDays: 7 },
    report: { reportHours: 2, investigationHours: 24 },
  },
  closeContact: {
    windowBeforeOnsetDays: 2,
    centralizedDays: 14,
    homeMonitorDays: 7,
    testDays: [1, 4, 7, 14],
    homeTestDays: [2, 7],
    releaseDoubleSample: true,
    transport: { planeRowsBefore: 3, planeRowsAfter: 3, busVentilatedRows: 3 },
    overlapTier: OVERLAP_TIER,
    dwellMinutes: DEFAULT_DWELL_MINUTES,
  },
  secondaryContact: {
    centralizedDays: 7,
    testDays: [1, 4, 7],
    releaseRequiresCcFirstNegativeTests: 2,
    upgradeToCcIfCcPositive: true,
  },
  asymptomatic: {
    centralizedDays: 14,
    releaseNegTests: 2,
    minGapHours: 24,
    afterReleaseDays: 14,
    followupWeeks: [2, 4],
  },
  confirmed: {
    afebrileDaysGt: 3,
    negTests: 2,
    minGapHours: 24,
    persistentPositiveWeeks: 4,
    afterDischargeDays: 14,
    followupWeeks: [2, 4],
  },
  cluster: { windowDays: 14, minCases: 5, countAsymptomatic: true },
  inbound: { centralizedDays: 14, testDays: [1, 4, 7, 14], homeMonitorDays: 7 },
  pool: {
    sizes: [5, 10],
    ratioByRisk: { low: 10, medium: 5, high: 1 },
    dilutionMaxPrevalence: 0.001,
    positiveIsolationDays: 2,
  },
  healthCode: HEALTH_CODE_FK8,
}

/** FK7 (2020-09): no "+7" home monitoring; secondary contacts defined (7 days assumed, RULES.md A12 #2). */
const FK7: RuleSetParams = {
  ...FK8,
  closeContact: { ...FK8.closeContact, homeMonitorDays: 0, homeTestDays: [], releaseDoubleSample: false },
  inbound: { ...FK8.inbound, homeMonitorDays: 0 },
}

/** FK6 (2020-03-07): no secondary contacts; clusters from 2 cases; ZL6 discharge gap of 1 day. */
const FK6: RuleSetParams = {
  ...FK7,
  secondaryContact: { ...FK7.secondaryContact, centralizedDays: 0, testDays: [] },
  cluster: { windowDays: 14, minCases: 2, countAsymptomatic: true },
}

export const RULE_SET_PRESETS: Readonly<Record<Edition, RuleSet>> = {
  FK6: { id: 'FK6', edition: 'FK6', version: 1, params: FK6 },
  FK7: { id: 'FK7', edition: 'FK7', version: 1, params: FK7 },
  FK8: { id: 'FK8', edition: 'FK8', version: 1, params: FK8 },
}

export const DEFAULT_EDITION: Edition = 'FK8'

/** `${id}@${version}`: what every decision records. */
export function ruleSetVersion(rs: RuleSet): string {
  return `${rs.id}@${rs.version}`
}
