import { addInfectionLink, chainComponent, DomainError, regionPrefix, type ChainGraph } from '@lianfang/core'
import type { CaseLink, ChainGraphResponse, ChainQuery, CreateCaseLinkBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { caseDate } from './clusters.repository.js'
import { loadChainGraph, serialiseGraph, type RichEdge, type RichNode } from './chain-graph.js'
import { ChainsRepository } from './chains.repository.js'
import { CasesRepository } from './cases.repository.js'
import { missingCase } from './case-scope.js'
export const MAX_CHAIN_NODES = 2000

const toLink = (r: {
  id: string
  from_case_id: string
  to_case_id: string
  confidence: string
  note: string | null
  created_at: Date
}): CaseLink => ({
  id: r.id,
  fromCaseId: r.from_case_id,
  toCaseId: r.to_case_id,
  confidence: r.confidence as CaseLink['confidence'],
  note: r.note,
  createdAt: r.created_at.toISOString(),
})

const inRange = (at: Date | undefined, from?: Date, to?: Date) =>
  at === undefined || ((!from || at >= from) && (!to || at <= to))

/**
 * Transmission chains (传播链): case-to-case links (who infected whom, with a confidence) kept
 * acyclic by core `addInfectionLink`, and the graph of cases, confirmed contacts and clusters
 * for the console, built with `chainComponent`. A link may be recorded by a user who sees either
 * case (an imported infection links to another region's case); graph nodes of persons of other
 * regions are anonymised.
 */
export class ChainsService {
  private readonly repo = new ChainsRepository()
  private readonly cases = new CasesRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
  ) {}

  /** Records (or updates) a link; `created` tells which. */
  async link(
    user: SessionUser,
    scope: Scope,
    body: CreateCaseLinkBody,
  ): Promise<{ link: CaseLink; created: boolean }> {
    return this.database.db.transaction().execute(async (tx) => {
      await this.repo.lock(tx)
      const rows = await this.repo.linkEnds(tx, [body.fromCaseId, body.toCaseId])
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const id of [body.fromCaseId, body.toCaseId])
        if (!byId.has(id)) throw new DomainError('NOT_FOUND', `case ${id} does not exist`)
      if (!rows.some((r) => scope.covers(r.region_code)))
        throw new DomainError('OUT_OF_SCOPE', `neither case is inside your region (${user.regionCode})`)
      // Everything `to` already (transitively) infected: a path back to `from` would close a cycle.
      const down = await this.repo.linksBelow(tx, body.toCaseId)
      const graph: ChainGraph = {
        nodes: [],
        edges: down.map((e) => ({
          from: e.from_case_id,
          to: e.to_case_id,
          kind: 'infected' as const,
          confidence: 'confirmed' as const,
        })),
      }
      const to = byId.get(body.toCaseId)
      const at = to ? caseDate(to) : null
      const result = addInfectionLink(graph, {
        from: body.fromCaseId,
        to: body.toCaseId,
        confidence: body.confidence,
        ...(at ? { at } : {}),
      })
      if ('error' in result) {
        if (result.code === 'SELF_LINK') throw new DomainError('CHAIN_SELF_LINK', result.error)
        if (result.code === 'CYCLE')
          throw new DomainError('CHAIN_CYCLE', `case ${result.error}`, { path: result.path ?? [] })
        throw new DomainError('VALIDATION_FAILED', result.error)
      }
      const existing = await this.repo.findLink(tx, body.fromCaseId, body.toCaseId)
      const row = existing
        ? await this.repo.updateLink(tx, existing.id, {
            confidence: body.confidence,
            note: body.note ?? null,
          })
        : await this.repo.insertLink(tx, {
            from_case_id: body.fromCaseId,
            to_case_id: body.toCaseId,
            confidence: body.confidence,
            note: body.note ?? null,
            created_by: user.id,
          })
      await this.audit.append(tx, user, {
        action: existing ? 'case_link.update' : 'case_link.create',
        targetType: 'case_link',
        targetId: row.id,
        details: { from: body.fromCaseId, to: body.toCaseId, confidence: body.confidence },
      })
      return { link: toLink(row), created: !existing }
    })
  }

  async unlink(user: SessionUser, scope: Scope, id: string): Promise<CaseLink> {
    return this.database.db.transaction().execute(async (tx) => {
      await this.repo.lock(tx)
      const link = await this.repo.linkById(tx, id)
      if (!link) throw new DomainError('NOT_FOUND', `case link ${id} does not exist`)
      const ends = await this.repo.linkEnds(tx, [link.from_case_id, link.to_case_id])
      if (!ends.some((c) => scope.covers(c.region_code)))
        throw new DomainError('OUT_OF_SCOPE', `case link ${id} is outside your region (${user.regionCode})`)
      await this.repo.deleteLink(tx, id)
      await this.audit.append(tx, user, {
        action: 'case_link.delete',
        targetType: 'case_link',
        targetId: id,
        details: { from: link.from_case_id, to: link.to_case_id },
      })
      return toLink(link)
    })
  }

  /**
   * The chain graph: with `caseId`, that case's connected component (`chainComponent`, with the
   * date range); without, the cases of the region (default the user's) dated in the range with
   * their direct neighbours. `region` narrows the cases shown to a subtree of the user's region.
   * At most `maxNodes` nodes (`truncated` says when more matched).
   */
  async graph(user: SessionUser, scope: Scope, q: ChainQuery): Promise<ChainGraphResponse> {
    const db = this.database.db
    const maxNodes = q.maxNodes ?? MAX_CHAIN_NODES
    const from = q.from ? new Date(q.from) : undefined
    const to = q.to ? new Date(q.to) : undefined
    if (from && to && from > to) throw new DomainError('VALIDATION_FAILED', '`from` is after `to`')
    if (q.region) scope.assert(q.region, `region ${q.region}`)
    const keepRegion = (n: RichNode) =>
      q.region === undefined || n.kind === 'cluster' || n.regionCode.startsWith(regionPrefix(q.region))

    let nodes: RichNode[]
    let edges: RichEdge[]
    let truncated: boolean
    let rootId: string | null = null
    if (q.caseId) {
      if (!(await this.cases.findRegionAndPerson(db, scope, q.caseId))) await missingCase(db, scope, q.caseId)
      rootId = `case:${q.caseId}`
      const loaded = await loadChainGraph(db, scope, [q.caseId], {
        depth: Number.POSITIVE_INFINITY,
        maxNodes,
      })
      const kept = [...loaded.nodes.values()].filter((n) => n.id === rootId || keepRegion(n))
      const component = chainComponent(
        { nodes: kept, edges: loaded.edges },
        rootId,
        from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : {},
      )
      // chainComponent returns the objects it was given: the rich ones.
      nodes = component.nodes as RichNode[]
      edges = component.edges as RichEdge[]
      truncated = loaded.truncated
    } else {
      const seeds = await this.repo.seedCases(
        db,
        scope,
        { regionPrefix: q.region === undefined ? undefined : regionPrefix(q.region), from, to },
        maxNodes + 1,
      )
      const loaded = await loadChainGraph(
        db,
        scope,
        seeds.slice(0, maxNodes).map((s) => s.id),
        { depth: 1, maxNodes },
      )
      nodes = [...loaded.nodes.values()].filter((n) => keepRegion(n) && inRange(n.at, from, to))
      const ids = new Set(nodes.map((n) => n.id))
      edges = loaded.edges.filter((e) => ids.has(e.from) && ids.has(e.to) && inRange(e.at, from, to))
      truncated = loaded.truncated || seeds.length > maxNodes
    }
    await this.audit.record(user, {
      action: 'chain.read',
      targetType: 'case',
      targetId: q.caseId ?? null,
      details: { region: q.region ?? null, nodes: nodes.length, from: q.from ?? null, to: q.to ?? null },
    })
    return { rootId, ...serialiseGraph(nodes, edges), truncated, maxNodes }
  }
}
