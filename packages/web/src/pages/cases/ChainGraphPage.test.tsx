import type { ComponentProps } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import {
  ChainRoutes,
  type CaseLink,
  type ChainEdge,
  type ChainGraphResponse,
  type ChainNode,
} from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { currentUrl, renderPage } from '../../testing/render'
import type { ChainCanvas as Canvas } from './ChainCanvas'
import ChainGraphPage from './ChainGraphPage'

// The graph itself is drawn by cytoscape on a canvas; here each edge is a button to click.
vi.mock('./ChainCanvas', () => ({
  ChainCanvas: ({ graph, onEdge }: ComponentProps<typeof Canvas>) => (
    <div data-testid="chain-canvas">
      {graph.edges.map((e) => (
        <button
          key={e.id}
          data-testid={`edge-${e.id}`}
          onClick={() => {
            onEdge(e)
          }}
        >
          {e.id}
        </button>
      ))}
    </div>
  ),
}))

const node = (id: string, over: Partial<ChainNode>): ChainNode => ({
  id,
  kind: 'case',
  regionCode: '110101001',
  otherRegion: false,
  at: null,
  label: null,
  caseId: null,
  personId: null,
  clusterId: null,
  status: null,
  degree: null,
  clusterKind: null,
  ...over,
})
const edge = (id: string, from: string, to: string, over: Partial<ChainEdge>): ChainEdge => ({
  id,
  from,
  to,
  kind: 'infected',
  confidence: 'probable',
  at: null,
  linkId: null,
  ...over,
})

/** Case 5 infected case 6 (link 70), and case 5 had a contact. */
const GRAPH: ChainGraphResponse = {
  rootId: 'case:5',
  nodes: [
    node('case:5', { caseId: '5', label: '王小明', status: 'confirmed' }),
    node('case:6', { caseId: '6', label: '李娜', status: 'confirmed' }),
    node('contact:9', { kind: 'contact', label: '赵强', personId: '9', degree: 'close' }),
  ],
  edges: [
    edge('e1', 'case:5', 'case:6', { linkId: '70' }),
    edge('e2', 'case:5', 'contact:9', { kind: 'contact', confidence: 'confirmed' }),
  ],
  truncated: false,
  maxNodes: 2000,
}

function serve(api: FakeApi) {
  const sent = { unlinked: [] as string[], linked: [] as unknown[] }
  api.route(ChainRoutes.graph, () => GRAPH)
  api.route(ChainRoutes.unlink, ({ params }): CaseLink => {
    sent.unlinked.push(params.id)
    return {
      id: params.id,
      fromCaseId: '5',
      toCaseId: '6',
      confidence: 'probable',
      note: null,
      createdAt: '2026-12-01T00:00:00.000Z',
    }
  })
  api.on('POST', '/api/case-links', ({ body }) => {
    sent.linked.push(body)
    return { id: '71', ...(body as object), note: null, createdAt: '2026-12-01T00:00:00.000Z' }
  })
  return sent
}

const chainRequests = (api: FakeApi) => api.requests.filter((r) => r.path === '/api/chains')

describe('ChainGraphPage', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it("shows one case's chain from the URL, and another's when asked", async () => {
    serve(api)
    renderPage(api, <ChainGraphPage />, { url: '/chains?caseId=5', path: '/chains' })
    const summary = await screen.findByTestId('chains-summary')
    expect(summary.textContent).toContain('3 个节点，2 条关系')
    expect(chainRequests(api)[0]?.query.get('caseId')).toBe('5')
    // The node list, folded under the graph.
    const fold = screen.getAllByText('3 个节点，2 条关系').at(-1)
    if (fold !== undefined) fireEvent.click(fold)
    expect((await screen.findByTestId('chain-node-case:6')).textContent).toContain('李娜 #6')
    expect(screen.getByTestId('chain-node-contact:9').textContent).toContain('接触者 · 赵强')

    fireEvent.change(screen.getByTestId('chains-case'), { target: { value: '9a' } })
    fireEvent.click(screen.getByTestId('chains-apply'))
    await waitFor(() => {
      expect(currentUrl().searchParams.get('caseId')).toBe('9')
    })
    await waitFor(() => {
      expect(chainRequests(api).at(-1)?.query.get('caseId')).toBe('9')
    })
  })

  it('selects an infection link (not a contact edge) and deletes it after confirmation', async () => {
    const sent = serve(api)
    renderPage(api, <ChainGraphPage />, { url: '/chains?caseId=5', path: '/chains' })
    fireEvent.click(await screen.findByTestId('edge-e2'))
    expect(screen.queryByTestId('chains-selected-link')).toBeNull()

    fireEvent.click(screen.getByTestId('edge-e1'))
    const selected = await screen.findByTestId('chains-selected-link')
    expect(selected.textContent).toContain('所选关系：病例 5 → 病例 6（很可能）')
    const before = chainRequests(api).length
    fireEvent.click(within(selected).getByTestId('chains-delete-link'))
    fireEvent.click(await screen.findByRole('button', { name: /^(OK|确\s*定)$/ }))
    await waitFor(() => {
      expect(screen.queryByTestId('chains-selected-link')).toBeNull()
    })
    expect(sent.unlinked).toEqual(['70'])
    await waitFor(() => {
      expect(chainRequests(api).length).toBeGreaterThan(before)
    })
  })

  it('adds an infection link between two cases', async () => {
    const sent = serve(api)
    renderPage(api, <ChainGraphPage />, { url: '/chains', path: '/chains' })
    await screen.findByTestId('chains-summary')
    fireEvent.change(screen.getByTestId('chains-link-from'), { target: { value: '5' } })
    fireEvent.change(screen.getByTestId('chains-link-to'), { target: { value: '8' } })
    fireEvent.click(screen.getByTestId('chains-link-submit'))
    await waitFor(() => {
      expect(sent.linked).toEqual([{ fromCaseId: '5', toCaseId: '8', confidence: 'probable' }])
    })
  })
})
