import { describe, expect, it } from 'vitest'
import { expectParity } from './parity'
import zhCN from './zh-CN.json'
import cpZhCN from './checkpoint.zh-CN.json'
import cpEn from './checkpoint.en.json'

describe('checkpoint and my-code translations', () => {
  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expectParity(cpZhCN, cpEn)
  })

  it('adds top-level sections the main files do not have (they are merged into one namespace)', () => {
    for (const section of Object.keys(cpZhCN)) expect(Object.keys(zhCN)).not.toContain(section)
  })
})
