import { describe, expect, it } from 'vitest'
import { MAX_STAY_MS, RULE_SET_PRESETS } from '@lianfang/core'
import zhCN from '../../i18n/zh-CN.json'
import en from '../../i18n/en.json'
import { labelKeys, PARAM_SECTIONS, unitOf, type ParamField } from './params-schema'

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => {
    if (typeof node !== 'object' || node === null) return undefined
    return (node as Record<string, unknown>)[part]
  }, tree)
}

function leaves(fields: readonly ParamField[]): ParamField[] {
  return fields.flatMap((f) => (f.kind === 'group' ? leaves(f.children) : [f]))
}

describe('rule-set parameter editor', () => {
  it('reads every section of the contract schema', () => {
    expect(PARAM_SECTIONS.map((s) => s.key)).toEqual([
      'case',
      'closeContact',
      'secondaryContact',
      'asymptomatic',
      'confirmed',
      'cluster',
      'inbound',
      'pool',
      'healthCode',
    ])
    const kinds = new Set(leaves(PARAM_SECTIONS).map((f) => f.kind))
    expect([...kinds].sort()).toEqual(['boolean', 'choice', 'colour', 'dayList', 'integer', 'number'])
  })

  it('offers close or general for every venue kind (closeContact.overlapTier)', () => {
    const tiers = leaves(PARAM_SECTIONS).filter(
      (f) => f.path.slice(0, 2).join('.') === 'closeContact.overlapTier',
    )
    expect(tiers.map((f) => f.key).sort()).toEqual(
      Object.keys(RULE_SET_PRESETS.FK8.params.closeContact.overlapTier).sort(),
    )
    for (const f of tiers) expect(f).toMatchObject({ kind: 'choice', options: ['close', 'general'] })
  })

  it('offers whole minutes, 1 to the longest stay, for every venue kind (closeContact.dwellMinutes)', () => {
    const dwells = leaves(PARAM_SECTIONS).filter(
      (f) => f.path.slice(0, 2).join('.') === 'closeContact.dwellMinutes',
    )
    expect(dwells.map((f) => f.key).sort()).toEqual(
      Object.keys(RULE_SET_PRESETS.FK8.params.closeContact.dwellMinutes).sort(),
    )
    for (const f of dwells) {
      expect(f).toMatchObject({ kind: 'integer', min: 1, max: MAX_STAY_MS / 60_000 })
      expect(unitOf(f.path)).toBe('minutes')
    }
    expect(unitOf(['closeContact', 'centralizedDays'])).toBe('days')
    expect(unitOf(['healthCode', 'greenValidHours'])).toBe('hours')
  })

  it('has a label for every field and group in both languages', () => {
    for (const key of labelKeys()) {
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(en, key), `en ${key}`).toBe('string')
    }
  })

  it('covers every parameter of the presets, and nothing else', () => {
    const preset = RULE_SET_PRESETS.FK8.params as unknown
    const paths = leaves(PARAM_SECTIONS).map((f) => f.path.join('.'))
    for (const path of paths) expect(lookup(preset, path), path).not.toBeUndefined()
    const presetLeaves: string[] = []
    const walk = (node: unknown, prefix: string[]) => {
      if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
        for (const [k, v] of Object.entries(node)) walk(v, [...prefix, k])
      } else presetLeaves.push(prefix.join('.'))
    }
    walk(preset, [])
    expect(presetLeaves.sort()).toEqual([...paths].sort())
  })
})
