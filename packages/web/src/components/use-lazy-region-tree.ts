import { useCallback, useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { RegionRoutes, type RegionNode } from '@lianfang/contracts'
import { call } from '../api/call'
import { queryKeys } from '../api/queries'

/** A region as the lazy tree holds it: `children` is null until the node's level below is loaded. */
export interface LazyRegion {
  code: string
  name: string
  level: RegionNode['level']
  synthetic: boolean
  children: string[] | null
}

export interface LazyRegionTree {
  rootCode: string | undefined
  nodes: ReadonlyMap<string, LazyRegion>
  error: unknown
  loading: boolean
  /** Loads the children of `code` (one level), once. */
  loadChildren: (code: string) => Promise<void>
}

function absorb(target: Map<string, LazyRegion>, node: RegionNode, depth: number): void {
  const leaf = node.level === 'community'
  const loaded = leaf || depth > 0
  target.set(node.code, {
    code: node.code,
    name: node.name,
    level: node.level,
    synthetic: node.synthetic,
    children: loaded ? node.children.map((c) => c.code) : null,
  })
  if (loaded) for (const child of node.children) absorb(target, child, depth - 1)
}

/**
 * Whose tree: `scoped` is the signed-in staff member's subtree (`/api/regions/tree`), `public`
 * the whole node's tree for citizens and people registering (`/api/citizen/regions/tree`).
 */
export type RegionSource = 'scoped' | 'public'

/**
 * The user's region tree, fetched one level at a time from `/api/regions/tree?root=&depth=1`
 * (a city has thousands of communities; nobody opens them all). The root is the user's own region.
 */
export function useLazyRegionTree(source: RegionSource = 'scoped'): LazyRegionTree {
  const queryClient = useQueryClient()
  const [nodes, setNodes] = useState<ReadonlyMap<string, LazyRegion>>(new Map())
  const [rootCode, setRootCode] = useState<string>()
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)

  const fetchLevel = useCallback(
    (root: string | undefined) => {
      const query = root === undefined ? { depth: 1 } : { root, depth: 1 }
      return queryClient.query({
        queryKey: source === 'public' ? queryKeys.publicRegionTree(query) : queryKeys.regionTree(query),
        queryFn: () =>
          source === 'public' ? call(RegionRoutes.publicTree, { query }) : call(RegionRoutes.tree, { query }),
        staleTime: 10 * 60_000,
      })
    },
    [queryClient, source],
  )

  useEffect(() => {
    let cancelled = false
    fetchLevel(undefined).then(
      (root) => {
        if (cancelled) return
        const map = new Map<string, LazyRegion>()
        absorb(map, root, 1)
        setNodes(map)
        setRootCode(root.code)
        setLoading(false)
      },
      (e: unknown) => {
        if (cancelled) return
        setError(e)
        setLoading(false)
      },
    )
    return () => {
      cancelled = true
    }
  }, [fetchLevel])

  const loadChildren = useCallback(
    async (code: string) => {
      const sub = await fetchLevel(code)
      setNodes((prev) => {
        const next = new Map(prev)
        absorb(next, sub, 1)
        return next
      })
    },
    [fetchLevel],
  )

  return { rootCode, nodes, error, loading, loadChildren }
}
