import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import cpZhCN from './checkpoint.zh-CN.json'
import cpEn from './checkpoint.en.json'

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

describe('checkpoint and my-code translations', () => {
  const zh = leaves(cpZhCN)
  const english = leaves(cpEn)

  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
    for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('')
    for (const [key, text] of zh)
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
  })

  it('adds top-level sections the main files do not have (they are merged into one namespace)', () => {
    for (const section of Object.keys(cpZhCN)) expect(Object.keys(zhCN)).not.toContain(section)
  })
})
