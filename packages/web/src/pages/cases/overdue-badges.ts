import { useQuery } from '@tanstack/react-query'
import { CaseRoutes, type CaseQuery } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import type { WorkbenchBadge } from '../../modules-kit/web-module'

/** How many cases of the user's region are on one of CASE.REPORT's overdue lists (the page's `total`). */
function useOverdueCount(overdue: NonNullable<CaseQuery['overdue']>): number | undefined {
  const query: CaseQuery = { overdue, page: 1, pageSize: 1 }
  const page = useQuery({
    queryKey: queryKeyOf(CaseRoutes.list, { query }),
    queryFn: () => call(CaseRoutes.list, { query }),
  })
  return page.data?.total
}

/**
 * The epidemiologists' waiting work on the workbench (CASE.REPORT: reported within 2 h, the
 * investigation within 24 h): cases reported late, and investigations open past their due time,
 * each linking to the filtered cases list.
 */
export const OVERDUE_BADGES: readonly WorkbenchBadge[] = [
  {
    key: 'casesOverdueInvestigation',
    permission: 'case:write',
    label: 'cases.badge.overdueInvestigation',
    path: '/cases?overdue=investigation',
    useCount: () => useOverdueCount('investigation'),
  },
  {
    key: 'casesOverdueReport',
    permission: 'case:write',
    label: 'cases.badge.overdueReport',
    path: '/cases?overdue=report',
    useCount: () => useOverdueCount('report'),
  },
]
