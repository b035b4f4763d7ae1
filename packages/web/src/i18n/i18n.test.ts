import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import en from './en.json'

type Tree = { readonly [key: string]: string | Tree }

/** Every leaf key as a dotted path, with its text. */
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

describe('console translations', () => {
  const zh = leaves(zhCN)
  const english = leaves(en)

  it('zh-CN and en have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
  })

  it('no text is empty', () => {
    for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('')
  })

  it('both languages use the same interpolation placeholders', () => {
    for (const [key, text] of zh)
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
  })
})
