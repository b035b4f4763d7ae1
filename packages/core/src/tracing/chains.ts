/**
 * Transmission chains (传播链) for the console's graph: cases, their contacts and clusters as nodes;
 * who infected whom, who met whom and who belongs to which cluster as edges (RULES.md CC.SETTINGS,
 * CC2.DEF, §A9). Immutable: every change returns a new graph.
 */

export type ChainNodeKind = 'case' | 'contact' | 'cluster'
export type ChainEdgeKind = 'infected' | 'contact' | 'member'
export type ChainConfidence = 'confirmed' | 'probable' | 'possible'

export interface ChainNode {
  readonly id: string
  readonly kind: ChainNodeKind
  /** Onset / sampling (cases), first exposure (contacts), first case (clusters). */
  readonly at?: Date
}

export interface ChainEdge {
  readonly from: string
  readonly to: string
  readonly kind: ChainEdgeKind
  readonly confidence: ChainConfidence
  /** When the transmission or contact happened, if known. */
  readonly at?: Date
}

export interface ChainGraph {
  readonly nodes: readonly ChainNode[]
  readonly edges: readonly ChainEdge[]
}

export type ChainLinkError = 'SELF_LINK' | 'CYCLE' | 'NOT_A_CASE'

export type ChainResult =
  | { readonly graph: ChainGraph }
  | { readonly error: string; readonly code: ChainLinkError; readonly path?: readonly string[] }

export const EMPTY_CHAIN_GRAPH: ChainGraph = { nodes: [], edges: [] }

/** A path of `infected` edges from `from` to `to` (node ids, both ends included), if any. */
function infectionPath(edges: readonly ChainEdge[], from: string, to: string): string[] | undefined {
  const next = new Map<string, string[]>()
  for (const e of edges) {
    if (e.kind !== 'infected') continue
    const list = next.get(e.from)
    if (list) list.push(e.to)
    else next.set(e.from, [e.to])
  }
  const parent = new Map<string, string>([[from, from]])
  const queue = [from]
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? ''
    if (id === to) {
      const path = [to]
      for (let p = to; p !== from;) {
        p = parent.get(p) ?? from
        path.push(p)
      }
      return path.reverse()
    }
    for (const n of next.get(id) ?? []) {
      if (!parent.has(n)) {
        parent.set(n, id)
        queue.push(n)
      }
    }
  }
  return undefined
}

/**
 * Records that case `from` infected case `to`. Missing case nodes are added. A link that already
 * exists is replaced (its confidence / date updated). Rejected: a self-link (`SELF_LINK`), an
 * endpoint that exists but is not a case (`NOT_A_CASE`), and a link that would close a cycle of
 * infections — `to` already (transitively) infected `from` (`CYCLE`, with the path).
 */
export function addInfectionLink(
  graph: ChainGraph,
  link: {
    readonly from: string
    readonly to: string
    readonly confidence: ChainConfidence
    readonly at?: Date
  },
): ChainResult {
  if (link.from === link.to) {
    return { code: 'SELF_LINK', error: `a case cannot infect itself (${link.from})` }
  }
  const nodes = [...graph.nodes]
  for (const id of [link.from, link.to]) {
    const node = nodes.find((n) => n.id === id)
    if (!node) nodes.push({ id, kind: 'case' })
    else if (node.kind !== 'case') {
      return { code: 'NOT_A_CASE', error: `${id} is a ${node.kind}, not a case: infections link cases` }
    }
  }
  const path = infectionPath(graph.edges, link.to, link.from)
  if (path) {
    return {
      code: 'CYCLE',
      error: `${link.from} → ${link.to} would close a cycle: ${path.join(' → ')} → ${link.to}`,
      path,
    }
  }
  const edges = graph.edges.filter(
    (e) => !(e.kind === 'infected' && e.from === link.from && e.to === link.to),
  )
  edges.push({
    from: link.from,
    to: link.to,
    kind: 'infected',
    confidence: link.confidence,
    ...(link.at ? { at: link.at } : {}),
  })
  return { graph: { nodes, edges } }
}

const inRange = (at: Date | undefined, range: { readonly from?: Date; readonly to?: Date }): boolean =>
  at === undefined ||
  ((range.from === undefined || at.getTime() >= range.from.getTime()) &&
    (range.to === undefined || at.getTime() <= range.to.getTime()))

/**
 * The connected component of `caseId` (edges followed in both directions), for the console's
 * graph. With a date range, nodes and edges dated outside it are left out before walking (undated
 * ones stay; the starting case always stays), so the component shows the chain of that period.
 * Nodes and edges are returned in a stable order (by id; edges by from, to, kind). An unknown
 * `caseId` gives an empty graph.
 */
export function chainComponent(
  graph: ChainGraph,
  caseId: string,
  range: { readonly from?: Date; readonly to?: Date } = {},
): ChainGraph {
  const keep = new Map<string, ChainNode>()
  for (const n of graph.nodes) if (n.id === caseId || inRange(n.at, range)) keep.set(n.id, n)
  if (!keep.has(caseId)) return EMPTY_CHAIN_GRAPH
  const edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to) && inRange(e.at, range))
  const adjacent = new Map<string, string[]>()
  for (const e of edges) {
    for (const [a, b] of [
      [e.from, e.to],
      [e.to, e.from],
    ] as const) {
      const list = adjacent.get(a)
      if (list) list.push(b)
      else adjacent.set(a, [b])
    }
  }
  const seen = new Set([caseId])
  const queue = [caseId]
  for (let i = 0; i < queue.length; i++) {
    for (const n of adjacent.get(queue[i] ?? '') ?? []) {
      if (!seen.has(n)) {
        seen.add(n)
        queue.push(n)
      }
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {
    nodes: [...seen].sort(cmp).flatMap((id) => {
      const n = keep.get(id)
      return n ? [n] : []
    }),
    edges: edges
      .filter((e) => seen.has(e.from))
      .sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind)),
  }
}
