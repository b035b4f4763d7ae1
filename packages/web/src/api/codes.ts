/**
 * The citizen's signed code (`GET /api/codes/me`, `HealthCodeRoutes.mine`), kept fresh: the
 * refetch interval follows the code's expiry. Errors become {@link ApiError} like every call.
 */
import { useQuery } from '@tanstack/react-query'
import { HealthCodeRoutes, type MyHealthCode } from '@lianfang/contracts'
import { call, queryKeyOf } from './call'

const MINUTE = 60_000

/** Refetch a minute before the code expires (at least every 5 s, at most every 10 min). */
export function signedCodeRefetchInterval(code: MyHealthCode | undefined, now = Date.now()): number {
  if (code === undefined) return MINUTE
  const expires = new Date(code.expiresAt).getTime()
  if (!Number.isFinite(expires)) return MINUTE
  return Math.min(10 * MINUTE, Math.max(5_000, expires - MINUTE - now))
}

/** The signed code, kept fresh: refetched before it expires and when the tab gets focus. */
export function useMySignedCode() {
  return useQuery({
    queryKey: queryKeyOf(HealthCodeRoutes.mine),
    queryFn: () => call(HealthCodeRoutes.mine),
    staleTime: 0,
    refetchInterval: (query) => signedCodeRefetchInterval(query.state.data),
    refetchOnWindowFocus: true,
  })
}
