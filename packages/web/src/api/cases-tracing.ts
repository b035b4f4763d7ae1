/**
 * Secondary contacts, cluster alerts, case links and transmission chains: calls, query keys and
 * hooks, beside the typed client (client.ts keeps its own `request` private). Errors become
 * {@link ApiError} like every other call. Query keys live under `cases` (and `clusters`) so the
 * invalidations of the case pages reach them.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { ErrorResponse } from '@lianfang/contracts'
import { ApiError, toQueryString } from './client'
import type {
  AcknowledgeClusterBody,
  CaseLink,
  ChainGraphResponse,
  ChainQuery,
  ClusterAlert,
  ClusterPage,
  ClusterQuery,
  CreateCaseLinkBody,
  DetectClustersBody,
  DetectClustersResult,
  SecondaryInvestigation,
} from './case-types'

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const error: unknown = body.error
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  )
}

async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
  }
  if (body !== undefined) init.body = JSON.stringify(body)
  let response: Response
  try {
    response = await fetch(path, init)
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e))
  }
  const text = await response.text()
  let parsed: unknown = undefined
  if (text !== '') {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
  }
  if (!response.ok) {
    if (isErrorResponse(parsed))
      throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.details)
    throw new ApiError(
      response.status,
      `HTTP_${response.status}`,
      response.statusText || `HTTP ${response.status}`,
    )
  }
  // The server validates and filters every response against the same contract schema.
  return parsed as T
}

const enc = encodeURIComponent

export const tracingApi = {
  secondary: (caseId: string, bufferMinutes: number) =>
    call<SecondaryInvestigation>(
      'GET',
      `/api/cases/${enc(caseId)}/investigation/secondary${toQueryString({ bufferMinutes })}`,
    ),
  clusters: (query: ClusterQuery) => call<ClusterPage>('GET', `/api/clusters${toQueryString(query)}`),
  acknowledgeCluster: (id: string, body: AcknowledgeClusterBody) =>
    call<ClusterAlert>('POST', `/api/clusters/${enc(id)}/acknowledge`, body),
  detectClusters: (body: DetectClustersBody) =>
    call<DetectClustersResult>('POST', '/api/clusters/detect', body),
  createLink: (body: CreateCaseLinkBody) => call<CaseLink>('POST', '/api/case-links', body),
  deleteLink: (id: string) => call<CaseLink>('DELETE', `/api/case-links/${enc(id)}`),
  chains: (query: ChainQuery) => call<ChainGraphResponse>('GET', `/api/chains${toQueryString(query)}`),
}

export const tracingKeys = {
  secondary: (caseId: string, bufferMinutes: number) =>
    ['cases', 'investigation-secondary', caseId, bufferMinutes] as const,
  /** Every secondary-contact list of a case (invalidate after confirming contacts). */
  secondaryOf: (caseId: string) => ['cases', 'investigation-secondary', caseId] as const,
  /** Every cluster list (invalidate after acknowledging or detecting). */
  clustersAll: ['clusters'] as const,
  clusters: (q: ClusterQuery) => ['clusters', 'list', q] as const,
  /** Every chain graph (invalidate after a link change). */
  chainsAll: ['cases', 'chains'] as const,
  chains: (q: ChainQuery) => ['cases', 'chains', q] as const,
}

export function useSecondaryInvestigation(caseId: string, bufferMinutes: number, enabled = true) {
  return useQuery({
    queryKey: tracingKeys.secondary(caseId, bufferMinutes),
    queryFn: () => tracingApi.secondary(caseId, bufferMinutes),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useClusters(q: ClusterQuery) {
  return useQuery({
    queryKey: tracingKeys.clusters(q),
    queryFn: () => tracingApi.clusters(q),
    placeholderData: keepPreviousData,
  })
}

export function useChainGraph(q: ChainQuery) {
  return useQuery({
    queryKey: tracingKeys.chains(q),
    queryFn: () => tracingApi.chains(q),
    placeholderData: keepPreviousData,
  })
}
