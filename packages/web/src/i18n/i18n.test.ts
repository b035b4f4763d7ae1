import { describe, it } from 'vitest'
import { expectParity } from './parity'
import zhCN from './zh-CN.json'
import en from './en.json'

describe('console translations', () => {
  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expectParity(zhCN, en)
  })
})
