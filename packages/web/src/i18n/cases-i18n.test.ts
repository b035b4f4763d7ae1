import { describe, expect, it } from 'vitest'
import { expectParity, leaves } from './parity'
import zhCN from './zh-CN.json'
import cpZhCN from './checkpoint.zh-CN.json'
import entryZhCN from './entry.zh-CN.json'
import casesZhCN from './cases.zh-CN.json'
import casesEn from './cases.en.json'

describe('case and investigation translations', () => {
  const zh = leaves(casesZhCN)

  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expectParity(casesZhCN, casesEn)
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
      'venue_copresence_general',
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
      'PERSISTENT_POSITIVE_ASSESSED',
      'OBSERVATION_DAYS',
      'ANTIBODIES_NEGATIVE',
      'STATUS',
    ])
      expect(zh.has(`cases.discharge.criteria.${id}.label`), id).toBe(true)
  })
})
