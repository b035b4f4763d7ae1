import { describe, expect, it } from 'vitest'
import { expectParity, leaves } from './parity'
import zhCN from './zh-CN.json'
import cpZhCN from './checkpoint.zh-CN.json'
import entryZhCN from './entry.zh-CN.json'
import casesZhCN from './cases.zh-CN.json'
import followupsZhCN from './followups.zh-CN.json'
import followupsEn from './followups.en.json'
import { resources } from './index'

describe('follow-up translations', () => {
  const zh = leaves(followupsZhCN)

  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expectParity(followupsZhCN, followupsEn)
  })

  it('adds top-level sections no other file has, and only new keys to the menu labels', () => {
    for (const section of Object.keys(followupsZhCN).filter((s) => s !== 'nav')) {
      expect(Object.keys(zhCN)).not.toContain(section)
      expect(Object.keys(cpZhCN)).not.toContain(section)
      expect(Object.keys(entryZhCN)).not.toContain(section)
      expect(Object.keys(casesZhCN)).not.toContain(section)
    }
    for (const key of Object.keys(followupsZhCN.nav)) expect(Object.keys(zhCN.nav)).not.toContain(key)
    // Merged, the menu keeps every label of its own and gains the follow-ups' (and other modules').
    for (const lang of ['zh-CN', 'en'] as const) {
      const nav = resources[lang].translation.nav as Readonly<Record<string, string>>
      expect(Object.keys(nav)).toEqual(expect.arrayContaining([...Object.keys(zhCN.nav), 'followups']))
    }
  })

  it('names every status, result, timing and assignee kind', () => {
    for (const s of ['due', 'done', 'missed', 'cancelled'])
      expect(zh.has(`followups.statuses.${s}`), s).toBe(true)
    for (const r of ['negative', 'positive', 'not_tested'])
      expect(zh.has(`followups.natResults.${r}`), r).toBe(true)
    for (const x of ['early', 'on_time', 'late']) expect(zh.has(`followups.timing.${x}`), x).toBe(true)
    for (const k of ['community', 'hospital']) expect(zh.has(`followups.assigneeKinds.${k}`), k).toBe(true)
  })
})
