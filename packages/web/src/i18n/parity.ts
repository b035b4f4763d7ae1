import { expect } from 'vitest'

/** A translation resource: nested sections of strings. */
export type Tree = { readonly [key: string]: string | Tree }

/** Every leaf key as a dotted path, with its text. */
export function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value, path)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

/** zh-CN and en have exactly the same keys, no empty text, and the same {{placeholders}}. (For tests.) */
export function expectParity(zhTree: Tree, enTree: Tree): void {
  const zh = leaves(zhTree)
  const english = leaves(enTree)
  expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
  for (const [key, text] of [...zh, ...english]) expect(text.trim(), key).not.toBe('')
  for (const [key, text] of zh) expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
}
