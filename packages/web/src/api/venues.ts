/**
 * Venues (`/api/venues`): query keys and hooks, through the route contracts (`call` and
 * `queryKeyOf` of call.ts; errors become `ApiError` like every other call).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { CheckinRoutes, type VenueQuery } from '@lianfang/contracts'
import { call, queryKeyOf } from './call'

export const venueKeys = {
  /** Every venue list, venue, code and statistics (invalidate after a change). */
  all: ['venues'] as const,
  list: (query: VenueQuery) => queryKeyOf(CheckinRoutes.listVenues, { query }),
  detail: (id: string) => queryKeyOf(CheckinRoutes.getVenue, { params: { id } }),
  code: (id: string) => queryKeyOf(CheckinRoutes.venueCode, { params: { id } }),
  stats: (id: string, date: string) =>
    queryKeyOf(CheckinRoutes.venueStats, { params: { id }, query: { date } }),
}

export function useVenues(query: VenueQuery, enabled = true) {
  return useQuery({
    queryKey: venueKeys.list(query),
    queryFn: () => call(CheckinRoutes.listVenues, { query }),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useVenue(id: string) {
  return useQuery({
    queryKey: venueKeys.detail(id),
    queryFn: () => call(CheckinRoutes.getVenue, { params: { id } }),
  })
}

export function useVenueCode(id: string) {
  return useQuery({
    queryKey: venueKeys.code(id),
    queryFn: () => call(CheckinRoutes.venueCode, { params: { id } }),
    staleTime: Infinity,
  })
}

export function useVenueStats(id: string, date: string) {
  return useQuery({
    queryKey: venueKeys.stats(id, date),
    queryFn: () => call(CheckinRoutes.venueStats, { params: { id }, query: { date } }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  })
}
