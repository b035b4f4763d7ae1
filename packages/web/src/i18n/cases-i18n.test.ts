import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import cpZhCN from './checkpoint.zh-CN.json'
import entryZhCN from './entry.zh-CN.json'
import casesZhCN from './cases.zh-CN.json'
import casesEn from './cases.en.json'

type Tree = { readonly [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value, path)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

describe('case and investigation translations', () => {
  const zh = leaves(casesZhCN)
  const english = leaves(casesEn)

  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
    for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('')
    for (const [key, text] of zh)
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
  })

  it('adds top-level sections no other file has (they are merged into one namespace)', () => {
    for (const section of Object.keys(casesZhCN)) {
      expect(Object.keys(zhCN)).not.toContain(section)
      expect(Object.keys(cpZhCN)).not.toContain(section)
      expect(Object.keys(entryZhCN)).not.toContain(section)
    }
  })

  it('names every contact rule and every discharge criterion', () => {
    for (const rule of [
      'venue_overlap',
      'plane_rows',
      'train_carriage',
      'train_bay',
      'bus_vehicle',
      'bus_rows',
      'ship_cabin',
      'household',
      'workplace',
      'school_class',
    ])
      expect(zh.has(`investigation.rules.${rule}`), rule).toBe(true)
    for (const id of [
      'AFEBRILE',
      'SYMPTOMS_IMPROVED',
      'IMAGING_IMPROVED',
      'NAT_NEGATIVE_TWICE',
      'OBSERVATION_DAYS',
    ])
      expect(zh.has(`cases.discharge.criteria.${id}`), id).toBe(true)
  })
})
