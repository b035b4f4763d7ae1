import type { RuleSetParams } from '../rules/rule-set.js'

/** An area's risk level (RISK.*), which caps the pool size (POOL.WHO). */
export type PoolRiskLevel = 'low' | 'medium' | 'high'

/** The assay as pooling sees it: the chance a tube with virus in it tests positive, and a clean one negative. */
export interface Assay {
  /** Sensitivity of one test of a tube (mixed sampling barely changes it: POOL.MODES). */
  readonly sensitivity: number
  /** Specificity of one test of a tube. */
  readonly specificity: number
}

/**
 * A real-time RT-PCR assay as the Chinese protocols assume it; not a RULES figure (no rule gives
 * one): the expected-tests arithmetic needs some value, and these are typical of the kits (the
 * commander's page prints them beside the figures).
 */
export const DEFAULT_ASSAY: Assay = { sensitivity: 0.95, specificity: 0.999 }

const check01 = (name: string, v: number) => {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be within [0, 1], got ${String(v)}`)
}

/**
 * Expected tests per person with two-stage (Dorfman) pooling of `k` swabs per tube (POOL.MODES,
 * POOL.POSITIVE: a positive tube is followed by a single-tube re-test of every member): one tube
 * test shared by k people, plus k re-tests when the tube tests positive — which happens with
 * probability Se·(1 − (1 − p)^k) + (1 − Sp)·(1 − p)^k. `k = 1` is one test per person.
 */
export function expectedTestsPerPerson(k: number, prevalence: number, assay: Assay = DEFAULT_ASSAY): number {
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`pool size must be a positive integer, got ${String(k)}`)
  check01('prevalence', prevalence)
  check01('sensitivity', assay.sensitivity)
  check01('specificity', assay.specificity)
  if (k === 1) return 1
  const clean = (1 - prevalence) ** k
  const positive = assay.sensitivity * (1 - clean) + (1 - assay.specificity) * clean
  return 1 / k + positive
}

/**
 * The pool sizes an area may use (POOL.MODES, POOL.WHO): single tubes always, and every size of
 * the rule set's `pool.sizes` up to the cap for the area's risk level (`pool.ratioByRisk`: low 10,
 * medium 5, high 1 in FK8's local practice). Ascending.
 */
export function allowedPoolSizes(params: RuleSetParams, risk: PoolRiskLevel): number[] {
  const cap = params.pool.ratioByRisk[risk]
  return [...new Set([1, ...params.pool.sizes.filter((s) => s <= cap)])].sort((a, b) => a - b)
}

/** One size's figure for the commander. */
export interface PoolSizeFigure {
  readonly size: number
  readonly expectedTestsPerPerson: number
  /** Tubes tested per 1,000 people, first stage and re-tests together. */
  readonly testsPer1000: number
}

export interface PoolAdvice {
  readonly prevalence: number
  readonly risk: PoolRiskLevel
  readonly assay: Assay
  /** Every allowed size with its expected tests per person. */
  readonly figures: readonly PoolSizeFigure[]
  /** The allowed size with the fewest expected tests per person (ties: the smaller size). */
  readonly recommended: number
  /** POOL.MODES (DIL): whether the lab may also dilution-pool here. */
  readonly dilutionAllowed: boolean
}

/**
 * POOL.MODES (DIL): lab dilution pooling (样本混合) only for mass screening when the prevalence is
 * below the rule set's limit (0.1 %), and never for key areas (recent-case compounds, old or
 * crowded compounds, migrant clusters, recent travellers) or hospital patients — `keyArea` says so.
 */
export function dilutionAllowed(params: RuleSetParams, prevalence: number, keyArea: boolean): boolean {
  check01('prevalence', prevalence)
  return !keyArea && prevalence < params.pool.dilutionMaxPrevalence
}

/**
 * Pool-size advice for an area (POOL.MODES, POOL.WHO): the expected tests per person of every
 * allowed size at the area's prevalence, and the size with the fewest.
 */
export function poolAdvice(
  params: RuleSetParams,
  input: { prevalence: number; risk: PoolRiskLevel; keyArea?: boolean; assay?: Assay },
): PoolAdvice {
  const assay = input.assay ?? DEFAULT_ASSAY
  const figures = allowedPoolSizes(params, input.risk).map((size) => {
    const e = expectedTestsPerPerson(size, input.prevalence, assay)
    return { size, expectedTestsPerPerson: e, testsPer1000: e * 1000 }
  })
  let best = figures[0]
  for (const f of figures)
    if (best === undefined || f.expectedTestsPerPerson < best.expectedTestsPerPerson) best = f
  return {
    prevalence: input.prevalence,
    risk: input.risk,
    assay,
    figures,
    recommended: best?.size ?? 1,
    dilutionAllowed: dilutionAllowed(params, input.prevalence, input.keyArea === true),
  }
}

/**
 * The prevalence to plan with from recent results in the area: `positives` of `tested` people,
 * estimated as the posterior mean under a Jeffreys prior, (x + ½) / (n + 1) — never 0 from a
 * small clean sample, close to x / n from a large one. No results: `fallback`.
 */
export function estimatePrevalence(positives: number, tested: number, fallback = 0.001): number {
  if (!Number.isInteger(positives) || !Number.isInteger(tested) || positives < 0 || tested < positives)
    throw new RangeError('positives and tested must be integers with 0 ≤ positives ≤ tested')
  if (tested === 0) return fallback
  return (positives + 0.5) / (tested + 1)
}
