import type { RuleSetParams } from './rule-set.js'

/** Case classifications (RULES.md A1) and which re-classifications the rules allow. */
export type CaseStatus = 'suspected' | 'confirmed' | 'asymptomatic' | 'excluded'

const ALLOWED: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  // CASE.SUSPECT → confirmed (CASE.CONFIRM), asymptomatic (positive, no symptoms), or excluded (CASE.SUSPECT.EXCLUDE)
  suspected: ['confirmed', 'asymptomatic', 'excluded'],
  // CASE.ASYM (b): symptoms appear in the incubation period → 订正 as confirmed
  asymptomatic: ['confirmed'],
  // severity may change; a confirmed case is never "un-confirmed"
  confirmed: ['confirmed'],
  excluded: [],
}

export function reclassificationProblem(
  from: CaseStatus,
  to: CaseStatus,
  hasOnset: boolean,
): string | undefined {
  if (!ALLOWED[from].includes(to)) return `a ${from} case cannot become ${to}`
  if (from === 'asymptomatic' && to === 'confirmed' && !hasOnset)
    return 'an asymptomatic infection becomes confirmed when symptoms appear: give onsetAt'
  return undefined
}

export interface DischargeInput {
  readonly status: CaseStatus
  readonly onsetAt: Date | undefined
  readonly firstPositiveSampleAt: Date | undefined
  /** Individual (not pooled) nucleic-acid results. */
  readonly tests: readonly {
    readonly sampledAt: Date
    readonly result: 'positive' | 'negative' | 'pending'
  }[]
  readonly temperatures: readonly { readonly at: Date; readonly celsius: number }[]
  /** Serum antibody results (IgM and IgG), for excluding a suspected case (CASE.SUSPECT.EXCLUDE). */
  readonly antibodies?: readonly AntibodyResult[]
  readonly symptomsImproved: boolean
  readonly imagingImproved: boolean
  /**
   * CONF.DISCHARGE (ZL8): NAT still positive after `persistentPositiveWeeks` with the other
   * criteria met — the clinician attests that antibody tests or virus culture show the patient is
   * not infectious.
   */
  readonly infectivityAssessed?: boolean
}

export interface AntibodyResult {
  readonly sampledAt: Date
  readonly igm: 'positive' | 'negative'
  readonly igg: 'positive' | 'negative'
}

export interface Criterion {
  readonly id: string
  readonly met: boolean
  readonly detail: string
}

const DAY = 86_400_000

/** The last two results (in time) are negative and at least `gapHours` apart (CONF.DISCHARGE, ASYM.ISO). */
function twoNegatives(
  tests: DischargeInput['tests'],
  since: Date | undefined,
  need: number,
  gapHours: number,
): Criterion {
  const done = tests
    .filter((t) => t.result !== 'pending' && (!since || t.sampledAt >= since))
    .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime())
  const last = done.slice(-need)
  const allNegative = last.length === need && last.every((t) => t.result === 'negative')
  let gapsOk = allNegative
  for (let i = 1; i < last.length && gapsOk; i++) {
    const a = last[i - 1]
    const b = last[i]
    if (a && b && b.sampledAt.getTime() - a.sampledAt.getTime() < gapHours * 3_600_000) gapsOk = false
  }
  return {
    id: 'NAT_NEGATIVE_TWICE',
    met: allNegative && gapsOk,
    detail: allNegative
      ? gapsOk
        ? `the last ${need} results are negative, ≥ ${gapHours} h apart`
        : `the last ${need} results are negative but less than ${gapHours} h apart`
      : `needs ${need} consecutive negative results ≥ ${gapHours} h apart (have ${last.filter((t) => t.result === 'negative').length} of the last ${last.length})`,
  }
}

/**
 * Checks the discharge (confirmed: CONF.DISCHARGE) or release (asymptomatic: ASYM.ISO) criteria
 * of the rule set, or exclusion (suspected: CASE.SUSPECT.EXCLUDE); says which are met and which
 * missing. Clinical judgements (symptoms, imaging) are attested by the clinician.
 */
export function checkDischarge(
  input: DischargeInput,
  params: RuleSetParams,
  now: Date,
): { met: boolean; criteria: Criterion[] } {
  const criteria: Criterion[] = []
  if (input.status === 'confirmed') {
    const c = params.confirmed
    const days = c.afebrileDaysGt + 1
    const from = now.getTime() - days * DAY
    const recent = input.temperatures.filter((t) => t.at.getTime() >= from && t.at <= now)
    const coveredDays = new Set(recent.map((t) => Math.floor((now.getTime() - t.at.getTime()) / DAY)))
    const fever = params.healthCode.feverThresholdC
    const afebrile = recent.length > 0 && recent.every((t) => t.celsius < fever) && coveredDays.size >= days
    criteria.push({
      id: 'AFEBRILE',
      met: afebrile,
      detail: afebrile
        ? `normal temperature on each of the last ${days} days`
        : `needs normal temperatures recorded on each of the last ${days} days (more than ${c.afebrileDaysGt} days afebrile)`,
    })
    criteria.push({
      id: 'SYMPTOMS_IMPROVED',
      met: input.symptomsImproved,
      detail: 'respiratory symptoms markedly improved (clinician)',
    })
    criteria.push({
      id: 'IMAGING_IMPROVED',
      met: input.imagingImproved,
      detail: 'lung imaging markedly improved (clinician)',
    })
    const nat = twoNegatives(
      input.tests,
      input.firstPositiveSampleAt ?? input.onsetAt,
      c.negTests,
      c.minGapHours,
    )
    const since = input.firstPositiveSampleAt ?? input.onsetAt
    const weeks = since ? (now.getTime() - since.getTime()) / (7 * DAY) : 0
    const othersMet = criteria.every((x) => x.met)
    const lastResult = input.tests.filter((t) => t.result !== 'pending' && t.sampledAt <= now).at(-1)
    if (!nat.met && othersMet && weeks > c.persistentPositiveWeeks && lastResult?.result === 'positive') {
      // ZL8: positive for more than 4 weeks with the rest met → assessment instead of negatives.
      criteria.push({
        id: 'PERSISTENT_POSITIVE_ASSESSED',
        met: input.infectivityAssessed === true,
        detail: `NAT still positive after more than ${c.persistentPositiveWeeks} weeks: infectiousness assessed by antibody tests or virus culture (clinician)`,
      })
    } else criteria.push(nat)
  } else if (input.status === 'asymptomatic') {
    const a = params.asymptomatic
    const start = input.firstPositiveSampleAt ?? input.onsetAt
    const days = start ? (now.getTime() - start.getTime()) / DAY : 0
    criteria.push({
      id: 'OBSERVATION_DAYS',
      met: days >= a.centralizedDays,
      detail: `at least ${a.centralizedDays} days of observation since the first positive sample (${Math.floor(days)} so far)`,
    })
    criteria.push(twoNegatives(input.tests, start, a.releaseNegTests, a.minGapHours))
  } else if (input.status === 'suspected') {
    // CASE.SUSPECT.EXCLUDE: two negative NATs ≥ 24 h apart AND IgM and IgG negative ≥ 7 days after onset.
    const e = params.case.suspectExclude
    criteria.push(twoNegatives(input.tests, undefined, e.negTests, e.minGapHours))
    criteria.push(antibodiesNegative(input, e.antibodyAfterOnsetDays))
  } else {
    criteria.push({ id: 'STATUS', met: false, detail: 'an excluded case is not discharged' })
  }
  return { met: criteria.every((c) => c.met), criteria }
}

/**
 * CASE.SUSPECT.EXCLUDE's serology: an IgM and IgG result, both negative, from a serum sampled at
 * least `afterOnsetDays` after onset — the latest such result counts. Without an onset date the
 * criterion cannot be met (the days are counted from it) and says so.
 */
function antibodiesNegative(input: DischargeInput, afterOnsetDays: number): Criterion {
  const id = 'ANTIBODIES_NEGATIVE'
  if (!input.onsetAt)
    return {
      id,
      met: false,
      detail: `needs the onset date: IgM and IgG must be negative ≥ ${afterOnsetDays} days after onset`,
    }
  const from = input.onsetAt.getTime() + afterOnsetDays * DAY
  const late = (input.antibodies ?? [])
    .filter((a) => a.sampledAt.getTime() >= from)
    .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime())
  const last = late[late.length - 1]
  if (!last)
    return {
      id,
      met: false,
      detail: `needs IgM and IgG results from a serum sampled ≥ ${afterOnsetDays} days after onset (none recorded)`,
    }
  const met = last.igm === 'negative' && last.igg === 'negative'
  return {
    id,
    met,
    detail: met
      ? `IgM and IgG negative ≥ ${afterOnsetDays} days after onset`
      : `IgM ${last.igm}, IgG ${last.igg} ≥ ${afterOnsetDays} days after onset: not excluded`,
  }
}

/** The times CASE.REPORT's clocks run from. */
export interface CaseClock {
  /** When the case was diagnosed (the direct report's clock starts); unknown → the report time. */
  readonly diagnosedAt: Date | undefined
  /** When the case was reported (created in the system). */
  readonly reportedAt: Date
  /** When the epidemiologist closed the case investigation (contacts registered with it). */
  readonly investigationCompletedAt: Date | undefined
}

/** One deadline of CASE.REPORT: due, done or not, and whether it was (or is) late. */
export interface Deadline {
  readonly dueAt: Date
  readonly doneAt: Date | undefined
  /** Done after the due time, or not done and the due time has passed. */
  readonly overdue: boolean
}

/**
 * CASE.REPORT: a case is reported (online direct report) within `reportHours` (2) of diagnosis,
 * and its investigation completed within `investigationHours` (24) of the report.
 */
export function caseDeadlines(
  c: CaseClock,
  params: RuleSetParams,
  now: Date,
): { report: Deadline; investigation: Deadline } {
  const r = params.case.report
  const late = (due: Date, done: Date | undefined) =>
    done ? done.getTime() > due.getTime() : now.getTime() > due.getTime()
  const reportDue = new Date((c.diagnosedAt ?? c.reportedAt).getTime() + r.reportHours * 3_600_000)
  const investigationDue = new Date(c.reportedAt.getTime() + r.investigationHours * 3_600_000)
  return {
    report: { dueAt: reportDue, doneAt: c.reportedAt, overdue: late(reportDue, c.reportedAt) },
    investigation: {
      dueAt: investigationDue,
      doneAt: c.investigationCompletedAt,
      overdue: late(investigationDue, c.investigationCompletedAt),
    },
  }
}
