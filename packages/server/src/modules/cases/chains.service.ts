import { sql } from 'kysely'
import { addInfectionLink, chainComponent, DomainError, regionPrefix, type ChainGraph } from '@lianfang/core'
import type { CaseLink, ChainGraphResponse, ChainQuery, CreateCaseLinkBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope, inScope } from '../../auth/scope.js'
import { likePrefix } from '../../db/kit.js'
import { caseDate } from './clusters.repository.js'
import { loadChainGraph, serialiseGraph, type RichEdge, type RichNode } from './chain-graph.js'

/** Serialises link changes, so two concurrent links cannot close a cycle together. */
const CHAIN_LOCK = 731_415_929
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
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
  ) {}

  /** Records (or updates) a link; `created` tells which. */
  async link(user: SessionUser, body: CreateCaseLinkBody): Promise<{ link: CaseLink; created: boolean }> {
    return this.database.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx)
      const rows = await tx
        .selectFrom('cases')
        .select(['id', 'region_code', 'status', 'onset_at', 'first_positive_sample_at'])
        .where('id', 'in', [body.fromCaseId, body.toCaseId])
        .execute()
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const id of [body.fromCaseId, body.toCaseId])
        if (!byId.has(id)) throw new DomainError('NOT_FOUND', `case ${id} does not exist`)
      if (!rows.some((r) => inScope(user, r.region_code)))
        throw new DomainError('OUT_OF_SCOPE', `neither case is inside your region (${user.regionCode})`)
      // Everything `to` already (transitively) infected: a path back to `from` would close a cycle.
      const down = await sql<{ from_case_id: string; to_case_id: string }>`
        WITH RECURSIVE down(id) AS (
          SELECT ${body.toCaseId}::bigint
          UNION
          SELECT l.to_case_id FROM case_links l JOIN down d ON l.from_case_id = d.id
        )
        SELECT l.from_case_id, l.to_case_id FROM case_links l JOIN down d ON l.from_case_id = d.id`.execute(
        tx,
      )
      const graph: ChainGraph = {
        nodes: [],
        edges: down.rows.map((e) => ({
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
      const existing = await tx
        .selectFrom('case_links')
        .select('id')
        .where('from_case_id', '=', body.fromCaseId)
        .where('to_case_id', '=', body.toCaseId)
        .executeTakeFirst()
      const row = existing
        ? await tx
            .updateTable('case_links')
            .set({ confidence: body.confidence, note: body.note ?? null })
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await tx
            .insertInto('case_links')
            .values({
              from_case_id: body.fromCaseId,
              to_case_id: body.toCaseId,
              confidence: body.confidence,
              note: body.note ?? null,
              created_by: user.id,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
      await this.audit.append(tx, user, {
        action: existing ? 'case_link.update' : 'case_link.create',
        targetType: 'case_link',
        targetId: row.id,
        details: { from: body.fromCaseId, to: body.toCaseId, confidence: body.confidence },
      })
      return { link: toLink(row), created: !existing }
    })
  }

  async unlink(user: SessionUser, id: string): Promise<CaseLink> {
    return this.database.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx)
      const link = await tx.selectFrom('case_links').selectAll().where('id', '=', id).executeTakeFirst()
      if (!link) throw new DomainError('NOT_FOUND', `case link ${id} does not exist`)
      const ends = await tx
        .selectFrom('cases')
        .select('region_code')
        .where('id', 'in', [link.from_case_id, link.to_case_id])
        .execute()
      if (!ends.some((c) => inScope(user, c.region_code)))
        throw new DomainError('OUT_OF_SCOPE', `case link ${id} is outside your region (${user.regionCode})`)
      await tx.deleteFrom('case_links').where('id', '=', id).execute()
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
  async graph(user: SessionUser, q: ChainQuery): Promise<ChainGraphResponse> {
    const db = this.database.db
    const maxNodes = q.maxNodes ?? MAX_CHAIN_NODES
    const from = q.from ? new Date(q.from) : undefined
    const to = q.to ? new Date(q.to) : undefined
    if (from && to && from > to) throw new DomainError('VALIDATION_FAILED', '`from` is after `to`')
    if (q.region) assertInScope(user, q.region, `region ${q.region}`)
    const keepRegion = (n: RichNode) =>
      q.region === undefined || n.kind === 'cluster' || n.regionCode.startsWith(regionPrefix(q.region))

    let nodes: RichNode[]
    let edges: RichEdge[]
    let truncated: boolean
    let rootId: string | null = null
    if (q.caseId) {
      const root = await db
        .selectFrom('cases')
        .select('region_code')
        .where('id', '=', q.caseId)
        .executeTakeFirst()
      if (!root) throw new DomainError('NOT_FOUND', `case ${q.caseId} does not exist`)
      assertInScope(user, root.region_code, `case ${q.caseId}`)
      rootId = `case:${q.caseId}`
      const loaded = await loadChainGraph(db, user.regionCode, [q.caseId], {
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
      const region = q.region ?? user.regionCode
      let seedQuery = db
        .selectFrom('cases as c')
        .select('c.id')
        .where('c.region_code', 'like', likePrefix(regionPrefix(region)))
        .where('c.status', '!=', 'excluded')
      const dated = sql<Date>`coalesce(c.onset_at, c.first_positive_sample_at)`
      if (from) seedQuery = seedQuery.where(dated, '>=', from)
      if (to) seedQuery = seedQuery.where(dated, '<=', to)
      const seeds = await seedQuery
        .orderBy(dated, 'desc')
        .orderBy('c.id', 'desc')
        .limit(maxNodes + 1)
        .execute()
      const loaded = await loadChainGraph(
        db,
        user.regionCode,
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
