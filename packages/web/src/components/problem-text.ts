import type { TFunction } from 'i18next'
import { PLAUSIBILITY_RULES, type PlausibilityRule } from '@lianfang/core'
import i18n from '../i18n'

/**
 * One problem of a VALIDATION_FAILED answer: a schema keyword (`installErrorHandler`) or a
 * plausibility rule of core (`details.rule`, with its `bound`, e.g. "60 days").
 */
export interface Problem {
  readonly path?: unknown
  readonly keyword?: unknown
  readonly field?: unknown
  readonly limit?: unknown
  readonly rule?: unknown
  readonly bound?: unknown
}

const plausibilityRule = (rule: unknown): PlausibilityRule | undefined =>
  PLAUSIBILITY_RULES.find((r) => r === rule)

/**
 * What is wrong with a field, from the catalogue: "at most 100 characters", "more than 60 days
 * from the onset". The server's English words are never shown.
 */
export function problemText(p: Problem, t: TFunction): string {
  const rule = plausibilityRule(p.rule)
  if (rule !== undefined) {
    const n = typeof p.bound === 'string' ? Number.parseInt(p.bound, 10) : NaN
    return t(`plausibility.${rule}`, { n: Number.isFinite(n) ? n : '' })
  }
  const keyword =
    typeof p.keyword === 'string' && i18n.exists(`validation.${p.keyword}`) ? p.keyword : 'invalid'
  return t(`validation.${keyword}` as 'validation.invalid', {
    limit: typeof p.limit === 'number' ? p.limit : '',
  })
}
