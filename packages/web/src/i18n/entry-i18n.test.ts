import { describe, expect, it } from 'vitest'
import { DENY_REASONS } from '@lianfang/core'
import { VENUE_KINDS } from '@lianfang/contracts'
import zhCN from './zh-CN.json'
import cpZhCN from './checkpoint.zh-CN.json'
import entryZhCN from './entry.zh-CN.json'
import entryEn from './entry.en.json'

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

describe('entry and exit translations', () => {
  const zh = leaves(entryZhCN)
  const english = leaves(entryEn)

  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
    for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('')
    for (const [key, text] of zh)
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
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
