import { Tooltip } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { RegionRoutes } from '@lianfang/contracts'
import { call } from '../api/call'
import { queryKeys } from '../api/queries'

/** A region's 12-digit code shape (GB/T 2260 extended); anything else is not looked up. */
const REGION_CODE = /^\d{12}$/

/**
 * The name of a region, from the public region tree (names and codes are not personal data, so
 * any region of this node can be named, also one outside the user's scope). Cached for the
 * session; `undefined` while loading and for a region this node does not know (another node's).
 */
export function useRegionName(code: string | null | undefined): string | undefined {
  const valid = typeof code === 'string' && REGION_CODE.test(code)
  const query = { root: code ?? '', depth: 0 }
  const region = useQuery({
    queryKey: queryKeys.publicRegionTree(query),
    queryFn: () => call(RegionRoutes.publicTree, { query }),
    enabled: valid,
    staleTime: Infinity,
    gcTime: 60 * 60_000,
    retry: false,
    select: (node) => node.name,
  })
  return valid ? region.data : undefined
}

/**
 * A region by name, its code in a tooltip (and in `data-code`): tables, descriptions and tags
 * never show a bare code. A region this node cannot name shows its code; none shows "—".
 */
export function RegionName({ code, name }: { code: string | null | undefined; name?: string | null }) {
  const looked = useRegionName(name === undefined || name === null ? code : null)
  if (code === null || code === undefined || code === '') return <span>—</span>
  const text = name ?? looked ?? code
  return (
    <Tooltip title={code}>
      <span data-testid="region-name" data-code={code}>
        {text}
      </span>
    </Tooltip>
  )
}
