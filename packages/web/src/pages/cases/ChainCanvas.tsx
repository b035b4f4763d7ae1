import { useEffect, useMemo, useRef } from 'react'
import cytoscape, {
  type EdgeSingular,
  type ElementDefinition,
  type NodeSingular,
  type StylesheetJson,
} from 'cytoscape'
import type { ChainEdge, ChainGraphResponse, ChainNode } from '@lianfang/contracts'

/** Case colours by classification, as the case tags (labels.ts STATUS_COLOUR) show them. */
const CASE_COLOUR: Record<string, string> = {
  confirmed: '#cf1322',
  asymptomatic: '#fa541c',
  suspected: '#faad14',
  excluded: '#bfbfbf',
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'ellipsis',
      'text-max-width': '120px',
      width: 22,
      height: 22,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node[kind = "case"]', style: { 'background-color': 'data(colour)', width: 28, height: 28 } },
  {
    selector: 'node[kind = "contact"]',
    style: { shape: 'round-rectangle', 'background-color': '#1677ff', width: 18, height: 18 },
  },
  { selector: 'node[degree = "secondary"]', style: { 'background-color': '#91caff' } },
  {
    selector: 'node[kind = "cluster"]',
    style: { shape: 'diamond', 'background-color': '#722ed1', width: 30, height: 30 },
  },
  {
    selector: 'node[?otherRegion]',
    style: {
      'background-color': '#d9d9d9',
      'border-style': 'dashed',
      'border-color': '#8c8c8c',
      'border-width': 2,
    },
  },
  { selector: 'node[?root]', style: { 'border-width': 4, 'border-color': '#141414' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1677ff' } },
  {
    selector: 'edge',
    style: { width: 1.5, 'curve-style': 'bezier', 'line-color': '#8c8c8c', 'target-arrow-color': '#8c8c8c' },
  },
  {
    selector: 'edge[kind = "infected"]',
    style: {
      'line-color': '#cf1322',
      'target-arrow-color': '#cf1322',
      'target-arrow-shape': 'triangle',
      width: 4,
    },
  },
  {
    selector: 'edge[kind = "infected"][confidence = "probable"]',
    style: { width: 3, 'line-style': 'dashed' },
  },
  {
    selector: 'edge[kind = "infected"][confidence = "possible"]',
    style: { width: 2, 'line-style': 'dotted' },
  },
  {
    selector: 'edge[kind = "contact"]',
    style: { 'line-color': '#69b1ff', 'target-arrow-color': '#69b1ff', 'target-arrow-shape': 'vee' },
  },
  { selector: 'edge[kind = "member"]', style: { 'line-color': '#b37feb', 'line-style': 'dashed' } },
  { selector: 'edge:selected', style: { 'line-color': '#1677ff', 'target-arrow-color': '#1677ff' } },
]

export interface ChainCanvasProps {
  readonly graph: ChainGraphResponse
  /** The label of a node (names of the user's region; a region note for anonymised nodes). */
  readonly labelOf: (node: ChainNode) => string
  readonly onNode: (node: ChainNode) => void
  readonly onEdge: (edge: ChainEdge | undefined) => void
}

/**
 * The chain graph drawn by Cytoscape.js (as Go.Data draws its chains): cases coloured by
 * classification, contacts as small squares (pale for secondary ones), clusters as diamonds,
 * anonymised nodes of other regions grey and dashed; infection links red with a width and dash by
 * confidence, contacts blue, cluster membership dashed purple. A tap on a node or an edge is
 * reported; a tap on the background clears the edge selection.
 */
export function ChainCanvas({ graph, labelOf, onNode, onEdge }: ChainCanvasProps) {
  const container = useRef<HTMLDivElement>(null)
  // The latest callbacks, so the graph is not rebuilt when only they change.
  const handlers = useRef({ onNode, onEdge })
  useEffect(() => {
    handlers.current = { onNode, onEdge }
  }, [onNode, onEdge])

  const elements = useMemo<ElementDefinition[]>(
    () => [
      ...graph.nodes.map((n) => ({
        group: 'nodes' as const,
        data: {
          id: n.id,
          kind: n.kind,
          label: labelOf(n),
          colour: CASE_COLOUR[n.status ?? ''] ?? '#595959',
          degree: n.degree ?? '',
          otherRegion: n.otherRegion,
          root: n.id === graph.rootId,
        },
      })),
      ...graph.edges.map((e) => ({
        group: 'edges' as const,
        data: { id: e.id, source: e.from, target: e.to, kind: e.kind, confidence: e.confidence },
      })),
    ],
    [graph, labelOf],
  )

  useEffect(() => {
    if (container.current === null) return
    const nodes = new Map(graph.nodes.map((n) => [n.id, n]))
    const edges = new Map(graph.edges.map((e) => [e.id, e]))
    const cy = cytoscape({
      container: container.current,
      elements,
      style: STYLE,
      layout:
        graph.rootId !== null && graph.nodes.length < 300
          ? {
              name: 'breadthfirst',
              directed: true,
              roots: [graph.rootId],
              spacingFactor: 1.1,
              animate: false,
            }
          : { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true },
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
    })
    cy.on('tap', 'node', (evt) => {
      const node = nodes.get((evt.target as NodeSingular).id())
      if (node) handlers.current.onNode(node)
    })
    cy.on('tap', 'edge', (evt) => {
      handlers.current.onEdge(edges.get((evt.target as EdgeSingular).id()))
    })
    cy.on('tap', (evt) => {
      if (evt.target === cy) handlers.current.onEdge(undefined)
    })
    return () => {
      cy.destroy()
    }
  }, [elements, graph])

  return (
    <div
      ref={container}
      data-testid="chain-graph"
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      style={{
        width: '100%',
        height: 560,
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        background: '#fafafa',
      }}
    />
  )
}
