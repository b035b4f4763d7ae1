/**
 * Secondary contacts, general contacts, cluster alerts, case links and transmission chains: calls, query keys and
 * hooks, beside the typed client. Errors become
 * `ApiError` like every other call. Query keys live under `cases` (and `clusters`) so the
 * invalidations of the case pages reach them.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { request, toQueryString } from './client'
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
  GeneralContactsPage,
  GeneralContactsQuery,
  GeneralContactsSummary,
  SecondaryInvestigation,
} from './case-types'

const call = request

const enc = encodeURIComponent

export const tracingApi = {
  secondary: (caseId: string, bufferMinutes: number) =>
    call<SecondaryInvestigation>(
      'GET',
      `/api/cases/${enc(caseId)}/investigation/secondary${toQueryString({ bufferMinutes })}`,
    ),
  generalContacts: (caseId: string, query: GeneralContactsQuery) =>
    call<GeneralContactsPage>(
      'GET',
      `/api/cases/${enc(caseId)}/investigation/general-contacts${toQueryString(query)}`,
    ),
  generalContactsSummary: (caseId: string, bufferMinutes: number) =>
    call<GeneralContactsSummary>(
      'GET',
      `/api/cases/${enc(caseId)}/investigation/general-contacts/summary${toQueryString({ bufferMinutes })}`,
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
  generalContacts: (caseId: string, q: GeneralContactsQuery) =>
    ['cases', 'investigation-general', caseId, q] as const,
  generalContactsSummary: (caseId: string, bufferMinutes: number) =>
    ['cases', 'investigation-general-summary', caseId, bufferMinutes] as const,
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

/** One page of a case's general contacts (一般接触者, GC.DEF), at one venue or all. */
export function useGeneralContacts(caseId: string, q: GeneralContactsQuery, enabled = true) {
  return useQuery({
    queryKey: tracingKeys.generalContacts(caseId, q),
    queryFn: () => tracingApi.generalContacts(caseId, q),
    placeholderData: keepPreviousData,
    enabled,
  })
}

/**
 * A case's general contacts counted, in all and per venue: apart from the investigation, which
 * answers its candidates without waiting for this count (a school's thousands).
 */
export function useGeneralContactsSummary(caseId: string, bufferMinutes: number, enabled = true) {
  return useQuery({
    queryKey: tracingKeys.generalContactsSummary(caseId, bufferMinutes),
    queryFn: () => tracingApi.generalContactsSummary(caseId, bufferMinutes),
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
