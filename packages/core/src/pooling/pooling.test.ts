import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { RULE_SET_PRESETS } from '../rules/rule-set.js'
import {
  allowedPoolSizes,
  dilutionAllowed,
  estimatePrevalence,
  expectedTestsPerPerson,
  poolAdvice,
} from './pooling.js'

const FK8 = RULE_SET_PRESETS.FK8.params
const PERFECT = { sensitivity: 1, specificity: 1 }

describe('expected tests per person (Dorfman two-stage pooling, POOL.MODES / POOL.POSITIVE)', () => {
  it.each([
    // [k, prevalence, expected] with a perfect assay: 1/k + 1 − (1 − p)^k.
    [1, 0.01, 1],
    [5, 0.01, 0.2 + 1 - 0.99 ** 5],
    [10, 0.01, 0.1 + 1 - 0.99 ** 10],
    [10, 0.1, 0.1 + 1 - 0.9 ** 10],
    [20, 0.0001, 0.05 + 1 - 0.9999 ** 20],
    [5, 0, 0.2],
  ])('k=%i, p=%f → %f', (k, p, e) => {
    expect(expectedTestsPerPerson(k, p, PERFECT)).toBeCloseTo(e, 12)
  })

  it('an imperfect assay re-tests fewer infected tubes (Se) and some clean ones (1 − Sp)', () => {
    const clean = 0.99 ** 10
    expect(expectedTestsPerPerson(10, 0.01, { sensitivity: 0.9, specificity: 0.99 })).toBeCloseTo(
      0.1 + 0.9 * (1 - clean) + 0.01 * clean,
      12,
    )
  })

  it('refuses a pool size that is not a positive integer and probabilities outside [0, 1]', () => {
    expect(() => expectedTestsPerPerson(0, 0.01)).toThrow(RangeError)
    expect(() => expectedTestsPerPerson(2.5, 0.01)).toThrow(RangeError)
    expect(() => expectedTestsPerPerson(5, 1.5)).toThrow(RangeError)
    expect(() => expectedTestsPerPerson(5, Number.NaN)).toThrow(RangeError)
    expect(() => expectedTestsPerPerson(5, 0.1, { sensitivity: 2, specificity: 1 })).toThrow(RangeError)
  })

  it('is at least 1/k and at most 1/k + 1 for every prevalence (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (k, p) => {
        const e = expectedTestsPerPerson(k, p)
        return e >= 1 / k - 1e-12 && e <= 1 / k + 1 + 1e-12
      }),
    )
  })
})

describe('allowed sizes by risk level (POOL.WHO: low 10, medium 5, high 1; POOL.MODES sizes 5, 10)', () => {
  it.each([
    ['low', [1, 5, 10]],
    ['medium', [1, 5]],
    ['high', [1]],
  ] as const)('FK8, %s risk → %j', (risk, sizes) => {
    expect(allowedPoolSizes(FK8, risk)).toEqual(sizes)
  })

  it('20:1 only where the rule set allows it (from Jan 2022, not in FK8)', () => {
    const with20 = {
      ...FK8,
      pool: { ...FK8.pool, sizes: [5, 10, 20], ratioByRisk: { low: 20, medium: 5, high: 1 } },
    }
    expect(allowedPoolSizes(with20, 'low')).toEqual([1, 5, 10, 20])
    expect(allowedPoolSizes(FK8, 'low')).not.toContain(20)
  })
})

describe('pool advice', () => {
  it.each([
    // [prevalence, risk, recommended]
    [0.0001, 'low', 10],
    [0.01, 'low', 10],
    [0.1, 'low', 5],
    [0.3, 'low', 1],
    [0.01, 'medium', 5],
    [0.0001, 'high', 1],
  ] as const)('p=%f, %s risk → %i:1', (prevalence, risk, size) => {
    expect(poolAdvice(FK8, { prevalence, risk, assay: PERFECT }).recommended).toBe(size)
  })

  it('recommends the allowed size with the fewest expected tests (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('low', 'medium', 'high' as const),
        (p, risk) => {
          const a = poolAdvice(FK8, { prevalence: p, risk })
          const best = Math.min(...a.figures.map((f) => f.expectedTestsPerPerson))
          return a.figures.find((f) => f.size === a.recommended)?.expectedTestsPerPerson === best
        },
      ),
    )
  })

  it('dilution pooling only below 0.1 % and never in a key area (POOL.MODES, DIL)', () => {
    expect(FK8.pool.dilutionMaxPrevalence).toBe(0.001)
    expect(dilutionAllowed(FK8, 0.0009, false)).toBe(true)
    expect(dilutionAllowed(FK8, 0.001, false)).toBe(false)
    expect(dilutionAllowed(FK8, 0.0001, true)).toBe(false)
    expect(poolAdvice(FK8, { prevalence: 0.0001, risk: 'low', keyArea: true }).dilutionAllowed).toBe(false)
  })
})

describe('prevalence from recent results', () => {
  it('is the Jeffreys posterior mean, never 0 from a clean sample; the fallback without results', () => {
    expect(estimatePrevalence(0, 999)).toBeCloseTo(0.0005, 12)
    expect(estimatePrevalence(10, 999)).toBeCloseTo(0.0105, 12)
    expect(estimatePrevalence(0, 0)).toBe(0.001)
    expect(() => estimatePrevalence(5, 4)).toThrow(RangeError)
    expect(() => estimatePrevalence(-1, 4)).toThrow(RangeError)
  })
})
