import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { positiveInt } from '../format'

/** The URL parameters the kit owns; a page's filter names must not be one of them. */
export const SEARCH_PARAM = 'q'
export const PAGE_PARAM = 'page'
export const PAGE_SIZE_PARAM = 'pageSize'
export const PAGE_SIZES = [10, 20, 50, 100] as const
const MAX_PAGE_SIZE = 200

export interface UrlListState<F extends string> {
  readonly page: number
  readonly pageSize: number
  /** The search text (`?q=`), trimmed; '' when none. */
  readonly search: string
  /** Each declared filter's value, or undefined when unset. */
  readonly filters: Readonly<Partial<Record<F, string>>>
  /** True when a search or a filter narrows the list (the empty state says so). */
  readonly filtered: boolean
  /** Sets (or, with undefined/'', clears) the search and filters, and goes back to page 1. */
  readonly setFilters: (changes: Partial<Record<F | 'search', string | undefined>>) => void
  /** Goes to a page; a new page size restarts at page 1. */
  readonly setPaging: (page: number, pageSize: number) => void
  /** Clears the search and every filter. */
  readonly clear: () => void
}

/**
 * A list page's state — page, page size, search and filters — kept in the URL query string, so
 * Back, refresh and a shared link all reopen the same list. Parameters other than the declared
 * ones are left alone.
 */
export function useUrlListState<const F extends string = never>(
  options: { filters?: readonly F[]; defaultPageSize?: number } = {},
): UrlListState<F> {
  const [params, setParams] = useSearchParams()
  const names = options.filters ?? []
  const namesKey = names.join('\u0000')
  const defaultPageSize = options.defaultPageSize ?? 20

  const page = positiveInt(params.get(PAGE_PARAM), 1)
  const pageSize = positiveInt(params.get(PAGE_SIZE_PARAM), defaultPageSize, MAX_PAGE_SIZE)
  const search = (params.get(SEARCH_PARAM) ?? '').trim()
  const filters = useMemo(() => {
    const out: Partial<Record<F, string>> = {}
    for (const name of namesKey === '' ? [] : (namesKey.split('\u0000') as F[])) {
      const value = params.get(name)
      if (value !== null && value !== '') out[name] = value
    }
    return out
  }, [params, namesKey])

  const setFilters = useCallback(
    (changes: Partial<Record<F | 'search', string | undefined>>) => {
      setParams((current) => {
        const next = new URLSearchParams(current)
        for (const [key, raw] of Object.entries(changes) as [string, string | undefined][]) {
          const name = key === 'search' ? SEARCH_PARAM : key
          const value = raw?.trim()
          if (value === undefined || value === '') next.delete(name)
          else next.set(name, value)
        }
        next.delete(PAGE_PARAM)
        return next
      })
    },
    [setParams],
  )

  const setPaging = useCallback(
    (nextPage: number, nextSize: number) => {
      setParams((current) => {
        const next = new URLSearchParams(current)
        const sizeChanged =
          positiveInt(current.get(PAGE_SIZE_PARAM), defaultPageSize, MAX_PAGE_SIZE) !== nextSize
        const target = sizeChanged ? 1 : nextPage
        if (target === 1) next.delete(PAGE_PARAM)
        else next.set(PAGE_PARAM, String(target))
        if (nextSize === defaultPageSize) next.delete(PAGE_SIZE_PARAM)
        else next.set(PAGE_SIZE_PARAM, String(nextSize))
        return next
      })
    },
    [setParams, defaultPageSize],
  )

  const clear = useCallback(() => {
    setParams((current) => {
      const next = new URLSearchParams(current)
      next.delete(SEARCH_PARAM)
      next.delete(PAGE_PARAM)
      for (const name of namesKey === '' ? [] : namesKey.split('\u0000')) next.delete(name)
      return next
    })
  }, [setParams, namesKey])

  return {
    page,
    pageSize,
    search,
    filters,
    filtered: search !== '' || Object.keys(filters).length > 0,
    setFilters,
    setPaging,
    clear,
  }
}
