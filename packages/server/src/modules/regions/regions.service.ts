import { DomainError, REGION_LEVELS, regionLevel } from '@lianfang/core'
import type { Region, RegionNode } from '@lianfang/contracts'
import type { Scope } from '../../auth/scope.js'
import type { RegionRow, RegionsRepository } from './regions.repository.js'

const toRegion = (r: RegionRow): Region => ({
  code: r.code,
  parentCode: r.parent_code,
  name: r.name,
  level: r.level,
  synthetic: r.synthetic,
})

export class RegionsService {
  constructor(private readonly repo: RegionsRepository) {}

  /**
   * The region tree under `root` (default: the root of the scope), `depth` levels deep. A root
   * outside the scope is refused (OUT_OF_SCOPE); everything under a covered root is covered.
   */
  async tree(scope: Scope, root: string | undefined, depth: number): Promise<RegionNode> {
    const rootCode = root ?? scope.regionCode
    scope.assert(rootCode, `region ${rootCode}`)
    return this.subtree(rootCode, depth)
  }

  /**
   * The public tree (region names and codes are not personal data): what a citizen picks their
   * community and trip places from. Default root: this node's region.
   */
  publicTree(root: string, depth: number): Promise<RegionNode> {
    return this.subtree(root, Math.min(depth, 2))
  }

  private async subtree(rootCode: string, depth: number): Promise<RegionNode> {
    const level = regionLevel(rootCode)
    const rootRow = await this.repo.findByCode(rootCode)
    if (!rootRow || !level) throw new DomainError('REGION_NOT_FOUND', `region ${rootCode} does not exist`)
    const maxLevel = Math.min(REGION_LEVELS.indexOf(level) + depth, REGION_LEVELS.length - 1)
    const rows = await this.repo.subtree(rootCode, maxLevel)
    const nodes = new Map<string, RegionNode>()
    for (const r of rows) {
      nodes.set(r.code, {
        code: r.code,
        name: r.name,
        level: r.level,
        synthetic: r.synthetic,
        children: [],
      })
    }
    for (const r of rows) {
      if (r.code === rootCode || !r.parent_code) continue
      const node = nodes.get(r.code)
      const parent = nodes.get(r.parent_code)
      if (node && parent) parent.children.push(node)
    }
    const top = nodes.get(rootCode)
    if (!top) throw new DomainError('REGION_NOT_FOUND', `region ${rootCode} does not exist`)
    return top
  }

  /** One region of the scope; one outside it is refused (OUT_OF_SCOPE), as before #15. */
  async get(scope: Scope, code: string): Promise<Region> {
    scope.assert(code, `region ${code}`)
    const row = await this.repo.findInScope(scope, code)
    if (!row) throw new DomainError('REGION_NOT_FOUND', `region ${code} does not exist`)
    return toRegion(row)
  }
}
