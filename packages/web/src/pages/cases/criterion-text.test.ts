/**
 * Every situation core's discharge check can report (criterion id × variant) has its text in both
 * languages, using only the params the check gives (#16): rows cite RULES.md CONF.DISCHARGE,
 * ASYM.ISO and CASE.SUSPECT.EXCLUDE.
 */
import { describe, expect, it } from 'vitest'
import { checkDischarge, RULE_SET_PRESETS, type Criterion, type DischargeInput } from '@lianfang/core'
import { leaves } from '../../i18n/parity'
import zhCN from '../../i18n/cases.zh-CN.json'
import en from '../../i18n/cases.en.json'

const P = RULE_SET_PRESETS.FK8.params
const NOW = new Date('2026-11-20T04:00:00Z')
const ago = (h: number) => new Date(NOW.getTime() - h * 3_600_000)
const neg = (h: number) => ({ sampledAt: ago(h), result: 'negative' as const })
const pos = (h: number) => ({ sampledAt: ago(h), result: 'positive' as const })
const temps = (n: number, c = 36.6) =>
  Array.from({ length: n }, (_, i) => ({ at: ago(1 + 24 * i), celsius: c }))
const base: DischargeInput = {
  status: 'confirmed',
  onsetAt: ago(24 * 20),
  firstPositiveSampleAt: ago(24 * 19),
  tests: [pos(24 * 19), neg(49), neg(25)],
  temperatures: temps(4),
  symptomsImproved: true,
  imagingImproved: true,
}
const serum = (h: number, igg: 'positive' | 'negative' = 'negative') => ({
  sampledAt: ago(h),
  igm: 'negative' as const,
  igg,
})
const suspected = (over: Partial<DischargeInput>): DischargeInput => ({
  ...base,
  status: 'suspected',
  onsetAt: ago(24 * 10),
  ...over,
})

/** Inputs that between them make every criterion report every variant. */
const INPUTS: DischargeInput[] = [
  base, // CONF.DISCHARGE all met
  { ...base, temperatures: temps(2), symptomsImproved: false, imagingImproved: false }, // missing days, unattested
  { ...base, temperatures: [...temps(4), { at: ago(2), celsius: 38.2 }] }, // fever (≥ 37.3)
  { ...base, tests: [pos(24 * 19), neg(47), neg(24)] }, // 23 h apart
  { ...base, tests: [pos(24 * 19), neg(24)] }, // one negative
  { ...base, firstPositiveSampleAt: ago(24 * 29), tests: [pos(24 * 29), pos(24)] }, // ZL8 > 4 weeks
  { ...base, firstPositiveSampleAt: ago(24 * 29), tests: [pos(24 * 29), pos(24)], infectivityAssessed: true },
  { ...base, status: 'asymptomatic', firstPositiveSampleAt: ago(24 * 14) }, // ASYM.ISO day 14
  { ...base, status: 'asymptomatic', firstPositiveSampleAt: ago(24 * 13) }, // day 13
  suspected({ onsetAt: undefined }), // CASE.SUSPECT.EXCLUDE no onset
  suspected({ antibodies: [] }), // none
  suspected({ antibodies: [serum(24 * 11), serum(24 * 5)] }), // before onset, day 5
  suspected({ antibodies: [serum(24)] }), // day 9 negative
  suspected({ antibodies: [serum(24, 'positive')] }), // IgG positive
  { ...base, status: 'excluded' },
]

const criteria = new Map<string, Criterion>()
for (const input of INPUTS)
  for (const c of checkDischarge(input, P, NOW).criteria) criteria.set(`${c.id}.detail_${c.variant}`, c)

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '')

describe.each([
  ['zh-CN', leaves(zhCN)],
  ['en', leaves(en)],
])('discharge criteria texts (%s)', (_lang, texts) => {
  it('covers every variant the rules produce', () => {
    expect(criteria.size).toBe(20)
  })
  it.each([...criteria.keys()])('%s has a text using only the check params', (key) => {
    const text = texts.get(`cases.discharge.criteria.${key}`)
    expect(text, key).toBeDefined()
    const params = Object.keys(criteria.get(key)?.params ?? {})
    for (const p of placeholders(text ?? '')) expect(params, `${key} {{${p}}}`).toContain(p)
  })
})
