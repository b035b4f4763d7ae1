/**
 * The citizen's signed code (`GET /api/codes/me`), beside the typed client so the health-code
 * work does not touch client.ts. Errors become {@link ApiError} like every other call.
 */
import { useQuery } from '@tanstack/react-query'
import type { ErrorResponse, MyHealthCode } from '@lianfang/contracts'
import { ApiError } from './client'

export const signedCodeKey = ['codes', 'me', 'signed'] as const

function isErrorResponse(body: unknown): body is ErrorResponse {
  return (
    typeof body === 'object' &&
    body !== null &&
    'error' in body &&
    typeof body.error === 'object' &&
    body.error !== null &&
    'code' in body.error &&
    typeof body.error.code === 'string' &&
    'message' in body.error &&
    typeof body.error.message === 'string'
  )
}

export async function fetchMySignedCode(): Promise<MyHealthCode> {
  let response: Response
  try {
    response = await fetch('/api/codes/me', {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json' },
    })
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e))
  }
  let body: unknown = undefined
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (!response.ok) {
    if (isErrorResponse(body))
      throw new ApiError(response.status, body.error.code, body.error.message, body.error.details)
    throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText)
  }
  return body as MyHealthCode
}

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
    queryKey: signedCodeKey,
    queryFn: fetchMySignedCode,
    staleTime: 0,
    refetchInterval: (query) => signedCodeRefetchInterval(query.state.data),
    refetchOnWindowFocus: true,
  })
}
