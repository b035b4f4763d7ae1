/**
 * `npm run bench -- pooling [--size small|large]`: how good is the pool-size advice (POOL.MODES,
 * POOL.WHO) when it only knows the area's recent results? For each true prevalence (0.01 %, 0.1 %,
 * 1 %, 5 %, 10 %), `trials` times: draw the recent results of `tested` people (binomial, seeded),
 * estimate the prevalence from them (core `estimatePrevalence`), take core `poolAdvice`'s size, and
 * price it at the TRUE prevalence against the exact Dorfman optimum among the allowed sizes. The
 * figure is the expected tests per person of the recommendation in the worst trial, the baseline
 * that trial's optimum: the ratio is the worst case of recommended / optimal (goal ≤ 1.01).
 * Two rule sets: FK8 (sizes 5 and 10) and one that allows 20:1 in low-risk areas (from Jan 2022).
 */
import {
  allowedPoolSizes,
  DEFAULT_ASSAY,
  estimatePrevalence,
  expectedTestsPerPerson,
  poolAdvice,
  RULE_SET_PRESETS,
  Rng,
  type RuleSetParams,
} from '@lianfang/core'
import type { BenchContext, BenchResult } from './run.js'

const SIZES = {
  small: { tested: 2_000, trials: 200 },
  large: { tested: 20_000, trials: 2_000 },
}
const PREVALENCES = [0.0001, 0.001, 0.01, 0.05, 0.1]

const FK8 = RULE_SET_PRESETS.FK8.params
const WITH_20: RuleSetParams = {
  ...FK8,
  pool: { ...FK8.pool, sizes: [5, 10, 20], ratioByRisk: { ...FK8.pool.ratioByRisk, low: 20 } },
}

/** A binomial draw by summing Bernoulli trials (n ≤ 20,000: fast enough, exact). */
function binomial(rng: Rng, n: number, p: number): number {
  let x = 0
  for (let i = 0; i < n; i++) if (rng.float() < p) x++
  return x
}

interface Row {
  ruleSet: string
  prevalence: number
  optimalSize: number
  optimal: number
  /** The size recommended at the true prevalence (what perfect knowledge would say). */
  recommendedAtTruth: number
  worstRecommended: number
  worstSize: number
  meanRatio: number
  worstRatio: number
}

export function run(context: BenchContext): Promise<BenchResult> {
  const { tested, trials } = SIZES[context.size]
  const rng = new Rng(20261207)
  const rows: Row[] = []
  for (const [name, params] of [
    ['FK8', FK8],
    ['20:1 allowed', WITH_20],
  ] as const) {
    for (const p of PREVALENCES) {
      const sizes = allowedPoolSizes(params, 'low')
      const priced = sizes.map((k) => ({ k, e: expectedTestsPerPerson(k, p, DEFAULT_ASSAY) }))
      const optimum = priced.reduce((a, b) => (b.e < a.e ? b : a))
      let worst = { ratio: 0, e: 0, k: 0 }
      let sum = 0
      for (let t = 0; t < trials; t++) {
        const estimate = estimatePrevalence(binomial(rng, tested, p), tested)
        const k = poolAdvice(params, { prevalence: estimate, risk: 'low' }).recommended
        const e = expectedTestsPerPerson(k, p, DEFAULT_ASSAY)
        const ratio = e / optimum.e
        sum += ratio
        if (ratio > worst.ratio) worst = { ratio, e, k }
      }
      rows.push({
        ruleSet: name,
        prevalence: p,
        optimalSize: optimum.k,
        optimal: optimum.e,
        recommendedAtTruth: poolAdvice(params, { prevalence: p, risk: 'low' }).recommended,
        worstRecommended: worst.e,
        worstSize: worst.k,
        meanRatio: sum / trials,
        worstRatio: worst.ratio,
      })
      context.log(
        `${name.padEnd(12)} p=${(p * 100).toFixed(2).padStart(6)} %  optimum ${String(optimum.k).padStart(2)}:1 ` +
          `${optimum.e.toFixed(4)} tests/person; recommended (worst of ${String(trials)} trials) ` +
          `${String(worst.k).padStart(2)}:1 ${worst.e.toFixed(4)}  ratio worst ${worst.ratio.toFixed(4)} mean ${(sum / trials).toFixed(4)}`,
      )
    }
  }
  const worstRow = rows.reduce((a, b) => (b.worstRatio > a.worstRatio ? b : a))
  return Promise.resolve({
    figure: {
      name: 'recommended size, expected tests per person (worst trial)',
      value: worstRow.worstRecommended,
      unit: 'tests/person',
    },
    baseline: {
      name: 'exact Dorfman optimum among allowed sizes (same prevalence)',
      value: worstRow.optimal,
      unit: 'tests/person',
    },
    extra: { tested, trials, assay: DEFAULT_ASSAY, worst: worstRow, rows },
  })
}
