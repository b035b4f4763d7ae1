/** TanStack Query keys and hooks over {@link api}: the console's only server state. */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { AuditQuery, Me, PersonSearchQuery, RegionTreeQuery } from '@lianfang/contracts'
import { api, isApiError } from './client'

export const queryKeys = {
  me: ['me'] as const,
  regionTree: (q: RegionTreeQuery) => ['regions', 'tree', q] as const,
  persons: (q: PersonSearchQuery) => ['persons', 'search', q] as const,
  person: (id: string) => ['persons', 'detail', id] as const,
  audit: (q: AuditQuery) => ['audit', 'list', q] as const,
  users: ['users'] as const,
}

/** The signed-in user, or `null` when there is no session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.me()
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null
    throw e
  }
}

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 5 * 60_000 })
}

export function usePersons(q: PersonSearchQuery) {
  return useQuery({
    queryKey: queryKeys.persons(q),
    queryFn: () => api.searchPersons(q),
    placeholderData: keepPreviousData,
  })
}

export function usePerson(id: string) {
  return useQuery({ queryKey: queryKeys.person(id), queryFn: () => api.getPerson(id) })
}

export function useAudit(q: AuditQuery) {
  return useQuery({
    queryKey: queryKeys.audit(q),
    queryFn: () => api.auditList(q),
    placeholderData: keepPreviousData,
  })
}

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users, queryFn: api.listUsers })
}
