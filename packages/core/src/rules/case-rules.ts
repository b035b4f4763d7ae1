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
  readonly symptomsImproved: boolean
  readonly imagingImproved: boolean
}

export interface Criterion {
  readonly id: string
  readonly met: boolean
  readonly detail: string
}

const DAY = 86_400_000
const FEVER_C = 37.3

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
    const afebrile = recent.length > 0 && recent.every((t) => t.celsius < FEVER_C) && coveredDays.size >= days
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
    criteria.push(
      twoNegatives(input.tests, input.firstPositiveSampleAt ?? input.onsetAt, c.negTests, c.minGapHours),
    )
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
    const e = params.confirmed
    criteria.push(twoNegatives(input.tests, undefined, e.negTests, e.minGapHours))
  } else {
    criteria.push({ id: 'STATUS', met: false, detail: 'an excluded case is not discharged' })
  }
  return { met: criteria.every((c) => c.met), criteria }
}
