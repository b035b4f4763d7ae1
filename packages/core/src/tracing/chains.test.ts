import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  EMPTY_CHAIN_GRAPH,
  addInfectionLink,
  chainComponent,
  type ChainGraph,
  type ChainResult,
} from './chains.js'

const ok = (r: ChainResult): ChainGraph => {
  if ('error' in r) throw new Error(r.error)
  return r.graph
}
const link = (g: ChainGraph, from: string, to: string) =>
  addInfectionLink(g, { from, to, confidence: 'probable' })
const d = (n: number) => new Date(Date.UTC(2026, 10, n))

describe('addInfectionLink', () => {
  it('adds case nodes and the edge; re-adding replaces the confidence', () => {
    let g = ok(link(EMPTY_CHAIN_GRAPH, 'A', 'B'))
    g = ok(addInfectionLink(g, { from: 'A', to: 'B', confidence: 'confirmed' }))
    expect(g.nodes).toEqual([
      { id: 'A', kind: 'case' },
      { id: 'B', kind: 'case' },
    ])
    expect(g.edges).toEqual([{ from: 'A', to: 'B', kind: 'infected', confidence: 'confirmed' }])
  })

  it('rejects self-links', () => {
    expect(link(EMPTY_CHAIN_GRAPH, 'A', 'A')).toMatchObject({ code: 'SELF_LINK' })
  })

  it('rejects cycles, with the path', () => {
    const g = ok(link(ok(link(ok(link(EMPTY_CHAIN_GRAPH, 'A', 'B')), 'B', 'C')), 'C', 'D'))
    expect(link(g, 'B', 'A')).toMatchObject({ code: 'CYCLE', path: ['A', 'B'] })
    const r = link(g, 'D', 'A')
    expect(r).toMatchObject({ code: 'CYCLE', path: ['A', 'B', 'C', 'D'] })
    expect('error' in r && r.error).toMatch(/D → A would close a cycle: A → B → C → D → A/)
    expect('graph' in link(g, 'A', 'D')).toBe(true) // a shortcut is not a cycle
  })

  it('rejects links to non-case nodes', () => {
    const g: ChainGraph = { nodes: [{ id: 'K', kind: 'cluster' }], edges: [] }
    expect(link(g, 'A', 'K')).toMatchObject({ code: 'NOT_A_CASE' })
  })

  it('property: infected edges never form a cycle, whatever is attempted', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 40 }), (pairs) => {
        let g = EMPTY_CHAIN_GRAPH
        for (const [a, b] of pairs) {
          const r = link(g, `N${a}`, `N${b}`)
          if ('graph' in r) g = r.graph
        }
        // Kahn's algorithm consumes every node iff the graph is acyclic.
        const indeg = new Map(g.nodes.map((n) => [n.id, 0]))
        for (const e of g.edges) indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1)
        const queue = [...indeg].filter(([, n]) => n === 0).map(([id]) => id)
        let seen = 0
        while (queue.length) {
          const id = queue.pop() ?? ''
          seen++
          for (const e of g.edges.filter((x) => x.from === id)) {
            const n = (indeg.get(e.to) ?? 0) - 1
            indeg.set(e.to, n)
            if (n === 0) queue.push(e.to)
          }
        }
        expect(seen).toBe(g.nodes.length)
      }),
    )
  })
})

describe('chainComponent', () => {
  const g: ChainGraph = {
    nodes: [
      { id: 'A', kind: 'case', at: d(1) },
      { id: 'B', kind: 'case', at: d(5) },
      { id: 'C', kind: 'case', at: d(20) },
      { id: 'K', kind: 'cluster', at: d(1) },
      { id: 'X', kind: 'contact' },
      { id: 'Z', kind: 'case', at: d(3) },
    ],
    edges: [
      { from: 'A', to: 'B', kind: 'infected', confidence: 'confirmed', at: d(4) },
      { from: 'B', to: 'C', kind: 'infected', confidence: 'possible', at: d(18) },
      { from: 'A', to: 'K', kind: 'member', confidence: 'confirmed' },
      { from: 'C', to: 'X', kind: 'contact', confidence: 'probable' },
    ],
  }

  it('walks edges both ways from any case', () => {
    const c = chainComponent(g, 'C')
    expect(c.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'K', 'X'])
    expect(c.edges).toHaveLength(4)
  })

  it('filters by date range (undated kept)', () => {
    const c = chainComponent(g, 'A', { from: d(1), to: d(10) })
    expect(c.nodes.map((n) => n.id)).toEqual(['A', 'B', 'K'])
    expect(c.edges.map((e) => `${e.from}-${e.to}`)).toEqual(['A-B', 'A-K'])
  })

  it('an isolated case is its own component; an unknown id gives an empty graph', () => {
    expect(chainComponent(g, 'Z')).toEqual({ nodes: [{ id: 'Z', kind: 'case', at: d(3) }], edges: [] })
    expect(chainComponent(g, 'nope')).toEqual(EMPTY_CHAIN_GRAPH)
  })
})
