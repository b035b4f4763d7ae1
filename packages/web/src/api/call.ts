/**
 * The one generic client of route contracts (`@lianfang/contracts` routes, #15): method, path,
 * the types of params, query, body and answer all come from the contract the server registers
 * its handler with, so a console call cannot drift from its route. Errors are those of
 * {@link request} (`ApiError`).
 */
import { pathOf, routeKey, type CallArgs, type ReplyOf, type RouteContract } from '@lianfang/contracts'
import { request, toQueryString } from './client'

type QueryValue = string | number | boolean | undefined | null

/** Nothing to pass when the contract has no params, query or body; otherwise what it declares. */
type ArgsParam<C extends RouteContract> =
  object extends CallArgs<C> ? [args?: CallArgs<C>] : [args: CallArgs<C>]

/** The URL of a call: the contract's path with its params, then the query string. */
export function urlOf<C extends RouteContract>(contract: C, ...[args]: ArgsParam<C>): string {
  const a = args as
    | {
        params?: Readonly<Record<string, string | number | undefined>>
        query?: Readonly<Record<string, QueryValue>>
      }
    | undefined
  return `${pathOf(contract, a?.params)}${a?.query ? toQueryString(a.query) : ''}`
}

/** Calls a route by its contract. */
export function call<C extends RouteContract>(contract: C, ...[args]: ArgsParam<C>): Promise<ReplyOf<C>> {
  const body = (args as { body?: unknown } | undefined)?.body
  return request<ReplyOf<C>>(contract.method, urlOf(contract, ...([args] as ArgsParam<C>)), body)
}

/**
 * The TanStack Query key of a call: `[collection, 'METHOD /path', args]`. The first part is
 * the path's collection (`/api/followups/:id` → `followups`), so invalidating `[collection]`
 * refreshes every query of the domain.
 */
export function queryKeyOf<C extends RouteContract>(
  contract: C,
  ...[args]: ArgsParam<C>
): readonly [string, string, ...CallArgs<C>[]] {
  const collection = contract.path.split('/')[2] ?? ''
  return args === undefined ? [collection, routeKey(contract)] : [collection, routeKey(contract), args]
}
