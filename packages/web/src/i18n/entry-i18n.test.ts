import { describe, expect, it } from 'vitest'
import { expectParity, leaves } from './parity'
import { DENY_REASONS } from '@lianfang/core'
import { VENUE_KINDS } from '@lianfang/contracts'
import zhCN from './zh-CN.json'
import cpZhCN from './checkpoint.zh-CN.json'
import entryZhCN from './entry.zh-CN.json'
import entryEn from './entry.en.json'

describe('entry and exit translations', () => {
  const zh = leaves(entryZhCN)

  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expectParity(entryZhCN, entryEn)
  })

  it('adds top-level sections no other file has (they are merged into one namespace)', () => {
    for (const section of Object.keys(entryZhCN)) {
      expect(Object.keys(zhCN)).not.toContain(section)
      expect(Object.keys(cpZhCN)).not.toContain(section)
    }
  })

  it('names every venue kind and every deny reason', () => {
    for (const kind of VENUE_KINDS) expect(zh.has(`venues.kinds.${kind}`), kind).toBe(true)
    for (const reason of DENY_REASONS) expect(zh.has(`denyReason.${reason}`), reason).toBe(true)
  })
})
