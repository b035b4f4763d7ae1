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

/** A structured parameter of a criterion's detail: a number, or a date (ISO 8601) or domain word. */
export type CriterionParam = number | string

/**
 * One criterion of the discharge / release / exclusion check. `variant` says which of the
 * criterion's situations applies (e.g. `gapTooShort`) and `params` its figures, so the console
 * words it in the reader's language (`cases.discharge.criteria.<id>.detail_<variant>`); `detail`
 * is the same in English for the API's plain readers (CLI, error messages).
 */
export interface Criterion {
  readonly id: string
  readonly met: boolean
  readonly variant: string
  readonly params: Readonly<Record<string, CriterionParam>>
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
  const id = 'NAT_NEGATIVE_TWICE'
  const done = tests
    .filter((t) => t.result !== 'pending' && (!since || t.sampledAt >= since))
    .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime())
  const last = done.slice(-need)
  const allNegative = last.length === need && last.every((t) => t.result === 'negative')
  let shortest = Infinity
  for (let i = 1; i < last.length; i++) {
    const a = last[i - 1]
    const b = last[i]
    if (a && b) shortest = Math.min(shortest, b.sampledAt.getTime() - a.sampledAt.getTime())
  }
  if (!allNegative) {
    const negatives = last.filter((t) => t.result === 'negative').length
    return {
      id,
      met: false,
      variant: 'notEnough',
      params: { need, gapHours, negatives, of: last.length },
      detail: `needs ${need} consecutive negative results ≥ ${gapHours} h apart (have ${negatives} of the last ${last.length})`,
    }
  }
  if (shortest < gapHours * 3_600_000) {
    const apartHours = Math.floor((shortest / 3_600_000) * 10) / 10
    return {
      id,
      met: false,
      variant: 'gapTooShort',
      params: { need, gapHours, apartHours },
      detail: `the last ${need} results are negative but only ${apartHours} h apart (less than ${gapHours} h)`,
    }
  }
  return {
    id,
    met: true,
    variant: 'met',
    params: { need, gapHours },
    detail: `the last ${need} results are negative, ≥ ${gapHours} h apart`,
  }
}

/**
 * The readings CONF.DISCHARGE's temperature criterion reads: normal for more than `afebrileDaysGt`
 * days means a reading on each of the last `afebrileDaysGt + 1` days (24-hour days back from now).
 */
export function afebrileWindow(params: RuleSetParams, now: Date): { from: Date; days: number } {
  const days = params.confirmed.afebrileDaysGt + 1
  return { from: new Date(now.getTime() - days * DAY), days }
}

/** CONF.DISCHARGE: body temperature normal for more than `afebrileDaysGt` days — a reading on each of the last days. */
function afebrile(input: DischargeInput, params: RuleSetParams, now: Date): Criterion {
  const id = 'AFEBRILE'
  const gt = params.confirmed.afebrileDaysGt
  const { days } = afebrileWindow(params, now)
  const from = now.getTime() - days * DAY
  const recent = input.temperatures.filter((t) => t.at.getTime() >= from && t.at <= now)
  const covered = new Set(recent.map((t) => Math.floor((now.getTime() - t.at.getTime()) / DAY))).size
  const thresholdC = params.healthCode.feverThresholdC
  const fever = recent
    .filter((t) => t.celsius >= thresholdC)
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0]
  if (fever)
    return {
      id,
      met: false,
      variant: 'fever',
      params: { days, afebrileDaysGt: gt, thresholdC, celsius: fever.celsius, at: fever.at.toISOString() },
      detail: `${fever.celsius} °C on ${fever.at.toISOString()} (fever from ${thresholdC} °C): needs normal temperatures on each of the last ${days} days`,
    }
  if (covered < days)
    return {
      id,
      met: false,
      variant: 'missingDays',
      params: { days, afebrileDaysGt: gt, thresholdC, covered },
      detail: `needs normal temperatures recorded on each of the last ${days} days (more than ${gt} days afebrile); readings on ${covered} of them`,
    }
  return {
    id,
    met: true,
    variant: 'met',
    params: { days, afebrileDaysGt: gt, thresholdC },
    detail: `normal temperature on each of the last ${days} days`,
  }
}

/** A clinician's attestation (symptoms, imaging, infectiousness). */
function attested(id: string, met: boolean, detail: string, params: Criterion['params'] = {}): Criterion {
  return { id, met, variant: met ? 'met' : 'unattested', params, detail }
}

/**
 * Checks the discharge (confirmed: CONF.DISCHARGE) or release (asymptomatic: ASYM.ISO) criteria
 * of the rule set, or exclusion (suspected: CASE.SUSPECT.EXCLUDE); says which are met and which
 * missing. Clinical judgements (symptoms, imaging, infectiousness) are attested by the clinician.
 *
 * ZL8's path (CONF.DISCHARGE): NAT still positive more than `persistentPositiveWeeks` after the
 * first positive sample, with the temperature criterion met → the clinician's infectiousness
 * assessment (antibody tests or virus culture) takes the place of the two negatives. The path is
 * decided on the measured criteria alone, so the check shows it before the clinician attests
 * symptoms and imaging (they are attested in the same discharge, and still required).
 */
export function checkDischarge(
  input: DischargeInput,
  params: RuleSetParams,
  now: Date,
): { met: boolean; criteria: Criterion[] } {
  const criteria: Criterion[] = []
  if (input.status === 'confirmed') {
    const c = params.confirmed
    const temperature = afebrile(input, params, now)
    criteria.push(temperature)
    criteria.push(
      attested(
        'SYMPTOMS_IMPROVED',
        input.symptomsImproved,
        'respiratory symptoms markedly improved (clinician)',
      ),
    )
    criteria.push(
      attested('IMAGING_IMPROVED', input.imagingImproved, 'lung imaging markedly improved (clinician)'),
    )
    const since = input.firstPositiveSampleAt ?? input.onsetAt
    const nat = twoNegatives(input.tests, since, c.negTests, c.minGapHours)
    const weeks = since ? (now.getTime() - since.getTime()) / (7 * DAY) : 0
    const lastResult = input.tests
      .filter((t) => t.result !== 'pending' && t.sampledAt <= now)
      .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime())
      .at(-1)
    if (
      !nat.met &&
      temperature.met &&
      weeks > c.persistentPositiveWeeks &&
      lastResult?.result === 'positive'
    ) {
      criteria.push(
        attested(
          'PERSISTENT_POSITIVE_ASSESSED',
          input.infectivityAssessed === true,
          `NAT still positive after more than ${c.persistentPositiveWeeks} weeks: infectiousness assessed by antibody tests or virus culture (clinician)`,
          { weeks: c.persistentPositiveWeeks, sinceWeeks: Math.floor(weeks * 10) / 10 },
        ),
      )
    } else criteria.push(nat)
  } else if (input.status === 'asymptomatic') {
    const a = params.asymptomatic
    const start = input.firstPositiveSampleAt ?? input.onsetAt
    const days = start ? (now.getTime() - start.getTime()) / DAY : 0
    const met = days >= a.centralizedDays
    criteria.push({
      id: 'OBSERVATION_DAYS',
      met,
      variant: met ? 'met' : 'notYet',
      params: { need: a.centralizedDays, days: Math.floor(days) },
      detail: `at least ${a.centralizedDays} days of observation since the first positive sample (${Math.floor(days)} so far)`,
    })
    criteria.push(twoNegatives(input.tests, start, a.releaseNegTests, a.minGapHours))
  } else if (input.status === 'suspected') {
    // CASE.SUSPECT.EXCLUDE: two negative NATs ≥ 24 h apart AND IgM and IgG negative ≥ 7 days after onset.
    const e = params.case.suspectExclude
    criteria.push(twoNegatives(input.tests, undefined, e.negTests, e.minGapHours))
    criteria.push(antibodiesNegative(input, e.antibodyAfterOnsetDays, now))
  } else {
    criteria.push({
      id: 'STATUS',
      met: false,
      variant: 'excluded',
      params: {},
      detail: 'an excluded case is not discharged',
    })
  }
  return { met: criteria.every((c) => c.met), criteria }
}

/**
 * CASE.SUSPECT.EXCLUDE's serology: an IgM and IgG result, both negative, from a serum sampled at
 * least `afterOnsetDays` after onset — the latest such result counts. A serum taken earlier (or
 * before the onset) is no evidence the antibodies stayed negative: it does not count, and the
 * criterion names how many such results there are and when the first one that counts may be taken.
 * Without an onset date the criterion cannot be met (the days are counted from it) and says so.
 */
function antibodiesNegative(input: DischargeInput, afterOnsetDays: number, now: Date): Criterion {
  const id = 'ANTIBODIES_NEGATIVE'
  if (!input.onsetAt)
    return {
      id,
      met: false,
      variant: 'noOnset',
      params: { afterOnsetDays },
      detail: `needs the onset date: IgM and IgG must be negative ≥ ${afterOnsetDays} days after onset`,
    }
  const onset = input.onsetAt
  const from = onset.getTime() + afterOnsetDays * DAY
  const fromIso = new Date(from).toISOString()
  const all = (input.antibodies ?? []).filter((a) => a.sampledAt <= now)
  const late = all
    .filter((a) => a.sampledAt.getTime() >= from)
    .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime())
  const last = late[late.length - 1]
  if (!last) {
    const early = all.length
    const beforeOnset = all.filter((a) => a.sampledAt < onset).length
    return early === 0
      ? {
          id,
          met: false,
          variant: 'none',
          params: { afterOnsetDays, from: fromIso },
          detail: `needs IgM and IgG results from a serum sampled ≥ ${afterOnsetDays} days after onset (none recorded)`,
        }
      : {
          id,
          met: false,
          variant: 'tooEarly',
          params: { afterOnsetDays, from: fromIso, early, beforeOnset },
          detail: `${early} IgM/IgG result(s) sampled less than ${afterOnsetDays} days after onset (${beforeOnset} before it) do not count: needs a serum sampled from ${fromIso}`,
        }
  }
  const met = last.igm === 'negative' && last.igg === 'negative'
  const sampledAt = last.sampledAt.toISOString()
  return met
    ? {
        id,
        met,
        variant: 'met',
        params: { afterOnsetDays, sampledAt },
        detail: `IgM and IgG negative ≥ ${afterOnsetDays} days after onset (sampled ${sampledAt})`,
      }
    : {
        id,
        met,
        variant: 'positive',
        params: { afterOnsetDays, sampledAt, igm: last.igm, igg: last.igg },
        detail: `IgM ${last.igm}, IgG ${last.igg} ≥ ${afterOnsetDays} days after onset: not excluded`,
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
  const reportDue = new Date((c.diagnosedAt ?? c.reportedAt).getTime() + r.reportHours * 3_600_000)
  const investigationDue = new Date(c.reportedAt.getTime() + r.investigationHours * 3_600_000)
  return {
    report: deadline(reportDue, c.reportedAt, now),
    investigation: deadline(investigationDue, c.investigationCompletedAt, now),
  }
}

/**
 * A deadline from its due time: overdue when done after it, or not done and `now` is past it
 * (CASE.REPORT's clocks; the server keeps each case's due times as they were when it was reported).
 */
export function deadline(dueAt: Date, doneAt: Date | undefined, now: Date): Deadline {
  const overdue = doneAt ? doneAt.getTime() > dueAt.getTime() : now.getTime() > dueAt.getTime()
  return { dueAt, doneAt, overdue }
}
