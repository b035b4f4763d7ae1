/**
 * The cases pages' server state, from the route contracts (`CaseRoutes`, `ChainRoutes`): every
 * call is `call(contract, args)` and every key `queryKeyOf(contract, args)`, so path, method and
 * types cannot drift from the server's. Keys start with the path's collection (`cases`,
 * `clusters`, `chains`, `assist-requests`): invalidating `['cases']` refreshes every query of a
 * case; the chain graph (`chains`) shows cases too and is refreshed with them by `invalidateCases`.
 */
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query'
import {
  CaseRoutes,
  ChainRoutes,
  routeKey,
  type AssistDirection,
  type CaseQuery,
  type ChainQuery,
  type ClusterQuery,
  type GeneralContactsQuery,
} from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'

/** After a case was reported, re-classified or discharged: its lists, details and the chain graph. */
export async function invalidateCases(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['cases'] }),
    queryClient.invalidateQueries({ queryKey: ['chains'] }),
  ])
}

/** The key of a case's detail (to set it from a mutation's answer). */
export const caseKey = (id: string) => queryKeyOf(CaseRoutes.get, { params: { id } })

export function useCases(query: CaseQuery) {
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.list, { query }),
    queryFn: () => call(CaseRoutes.list, { query }),
    placeholderData: keepPreviousData,
  })
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => call(CaseRoutes.get, { params: { id } }) })
}

export function useDischargeCheck(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.dischargeCheck, { params: { id } }),
    queryFn: () => call(CaseRoutes.dischargeCheck, { params: { id } }),
    enabled,
  })
}

export function useInvestigation(id: string, bufferMinutes: number, enabled = true) {
  const args = { params: { id }, query: { bufferMinutes } }
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.investigation, args),
    queryFn: () => call(CaseRoutes.investigation, args),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useCaseContacts(id: string) {
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.contacts, { params: { id } }),
    queryFn: () => call(CaseRoutes.contacts, { params: { id } }),
  })
}

/**
 * What changes when contacts of a case are confirmed: its contact list and its secondary-contact
 * lists (whatever their buffer: a key prefix matches the params alone).
 */
export async function invalidateContactsOf(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeyOf(CaseRoutes.contacts, { params: { id } }) }),
    // The candidates' control state changes with a confirmation (a contact now, in isolation).
    queryClient.invalidateQueries({
      queryKey: ['cases', routeKey(CaseRoutes.investigation), { params: { id } }],
    }),
    queryClient.invalidateQueries({
      queryKey: ['cases', routeKey(CaseRoutes.secondary), { params: { id } }],
    }),
  ])
}

export function useAssistRequests(direction: AssistDirection) {
  const args = { query: { direction } }
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.assistRequests, args),
    queryFn: () => call(CaseRoutes.assistRequests, args),
  })
}

export function useSecondaryInvestigation(id: string, bufferMinutes: number, enabled = true) {
  const args = { params: { id }, query: { bufferMinutes } }
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.secondary, args),
    queryFn: () => call(CaseRoutes.secondary, args),
    placeholderData: keepPreviousData,
    enabled,
  })
}

/** One page of a case's general contacts (一般接触者, GC.DEF), at one venue or all. */
export function useGeneralContacts(id: string, query: GeneralContactsQuery, enabled = true) {
  const args = { params: { id }, query }
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.generalContacts, args),
    queryFn: () => call(CaseRoutes.generalContacts, args),
    placeholderData: keepPreviousData,
    enabled,
  })
}

/**
 * A case's general contacts counted, in all and per venue: apart from the investigation, which
 * answers its candidates without waiting for this count (a school's thousands).
 */
export function useGeneralContactsSummary(id: string, bufferMinutes: number, enabled = true) {
  const args = { params: { id }, query: { bufferMinutes } }
  return useQuery({
    queryKey: queryKeyOf(CaseRoutes.generalContactsSummary, args),
    queryFn: () => call(CaseRoutes.generalContactsSummary, args),
    enabled,
  })
}

export function useClusters(query: ClusterQuery) {
  return useQuery({
    queryKey: queryKeyOf(ChainRoutes.clusters, { query }),
    queryFn: () => call(ChainRoutes.clusters, { query }),
    placeholderData: keepPreviousData,
  })
}

export function useChainGraph(query: ChainQuery) {
  return useQuery({
    queryKey: queryKeyOf(ChainRoutes.graph, { query }),
    queryFn: () => call(ChainRoutes.graph, { query }),
    placeholderData: keepPreviousData,
  })
}
