/** TanStack Query keys and hooks over route contracts ({@link call}): the console's only server state. */
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query'
import type {
  AuditQuery,
  HealthCodeStatus,
  Me,
  PersonSearchQuery,
  RegionTreeQuery,
} from '@lianfang/contracts'
import { AuthRoutes, PersonRoutes, UserRoutes } from '@lianfang/contracts'
import { HealthCodeRoutes, routeKey, RuleSetRoutes } from '@lianfang/contracts'
import { AppealRoutes, AuditRoutes, RegionRoutes, RiskAreaRoutes } from '@lianfang/contracts'
import { isApiError } from './client'
import { call, queryKeyOf } from './call'
import type { AppealQuery } from './types'

export const queryKeys = {
  me: queryKeyOf(AuthRoutes.me),
  regionTree: (query: RegionTreeQuery) => queryKeyOf(RegionRoutes.tree, { query }),
  publicRegionTree: (query: RegionTreeQuery) => queryKeyOf(RegionRoutes.publicTree, { query }),
  persons: (query: PersonSearchQuery) => queryKeyOf(PersonRoutes.search, { query }),
  person: (id: string) => queryKeyOf(PersonRoutes.get, { params: { id } }),
  audit: (query: AuditQuery) => queryKeyOf(AuditRoutes.list, { query }),
  users: queryKeyOf(UserRoutes.list),
  /** The citizen's own colours and codes (`/api/codes/…`); a person's are keyed under `persons`. */
  codes: ['codes'] as const,
  riskAreas: queryKeyOf(RiskAreaRoutes.list),
  ruleSetsAll: ['rule-sets'] as const,
  myAppeals: queryKeyOf(AppealRoutes.mine),
  appeals: (query: AppealQuery) => queryKeyOf(AppealRoutes.queue, { query }),
  appeal: (id: string) => queryKeyOf(AppealRoutes.get, { params: { id } }),
  appealsAll: ['appeals'] as const,
}

/** After a fact was recorded or corrected: every colour, history and appeal may have changed. */
export async function invalidateCodes(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.codes }),
    queryClient.invalidateQueries({ queryKey: ['persons', routeKey(HealthCodeRoutes.ofPerson)] }),
    queryClient.invalidateQueries({ queryKey: ['persons', routeKey(HealthCodeRoutes.historyOfPerson)] }),
    queryClient.invalidateQueries({ queryKey: queryKeys.appealsAll }),
  ])
}

/** The signed-in user, or `null` when there is no session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await call(AuthRoutes.me)
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
    queryFn: () => call(PersonRoutes.search, { query: q }),
    placeholderData: keepPreviousData,
  })
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: queryKeys.person(id),
    queryFn: () => call(PersonRoutes.get, { params: { id } }),
  })
}

export function useAudit(q: AuditQuery) {
  return useQuery({
    queryKey: queryKeys.audit(q),
    queryFn: () => call(AuditRoutes.list, { query: q }),
    placeholderData: keepPreviousData,
  })
}

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users, queryFn: () => call(UserRoutes.list) })
}

const MINUTE = 60_000

/**
 * When to fetch a colour again: every minute, and right when it lapses (`validUntil`), so a
 * code that turns green at midnight does so on the screen too.
 */
export function colourRefetchInterval(status: HealthCodeStatus | undefined, now = Date.now()): number {
  if (status === undefined) return MINUTE
  const lapses = new Date(status.validUntil).getTime() - now
  if (!Number.isFinite(lapses)) return MINUTE
  return Math.min(MINUTE, Math.max(1_000, lapses + 500))
}

export function useMyCode() {
  return useQuery({
    queryKey: queryKeyOf(HealthCodeRoutes.myStatus),
    queryFn: () => call(HealthCodeRoutes.myStatus),
    staleTime: 0,
    refetchInterval: (query) => colourRefetchInterval(query.state.data),
    refetchOnWindowFocus: true,
  })
}

export function useMyCodeHistory(enabled = true) {
  return useQuery({
    queryKey: queryKeyOf(HealthCodeRoutes.myHistory),
    queryFn: () => call(HealthCodeRoutes.myHistory),
    enabled,
  })
}

export function usePersonCode(id: string) {
  return useQuery({
    queryKey: queryKeyOf(HealthCodeRoutes.ofPerson, { params: { id } }),
    queryFn: () => call(HealthCodeRoutes.ofPerson, { params: { id } }),
    refetchInterval: (query) => colourRefetchInterval(query.state.data),
  })
}

export function usePersonCodeHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeyOf(HealthCodeRoutes.historyOfPerson, { params: { id } }),
    queryFn: () => call(HealthCodeRoutes.historyOfPerson, { params: { id } }),
    enabled,
  })
}

export function useRiskAreas() {
  return useQuery({ queryKey: queryKeys.riskAreas, queryFn: () => call(RiskAreaRoutes.list) })
}

export function useRuleSetPresets() {
  return useQuery({
    queryKey: queryKeyOf(RuleSetRoutes.presets),
    queryFn: () => call(RuleSetRoutes.presets),
    staleTime: Infinity,
  })
}

export function useRuleSets(regionCode: string) {
  const query = { regionCode }
  return useQuery({
    queryKey: queryKeyOf(RuleSetRoutes.list, { query }),
    queryFn: () => call(RuleSetRoutes.list, { query }),
  })
}

export function useRuleSetInForce(regionCode: string) {
  return useQuery({
    queryKey: queryKeyOf(RuleSetRoutes.inForce, { query: { regionCode } }),
    queryFn: () => call(RuleSetRoutes.inForce, { query: { regionCode } }),
  })
}

export function useMyAppeals() {
  return useQuery({ queryKey: queryKeys.myAppeals, queryFn: () => call(AppealRoutes.mine) })
}

export function useAppeals(q: AppealQuery) {
  return useQuery({
    queryKey: queryKeys.appeals(q),
    queryFn: () => call(AppealRoutes.queue, { query: q }),
    placeholderData: keepPreviousData,
  })
}

export function useAppeal(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.appeal(id ?? ''),
    queryFn: () => call(AppealRoutes.get, { params: { id: id ?? '' } }),
    enabled: id !== undefined,
  })
}
