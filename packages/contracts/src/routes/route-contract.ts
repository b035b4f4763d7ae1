/**
 * Route contracts (#15 "Route contracts shared by server and console"): one declaration per
 * route — method, path, the schemas of its params, query, body and answers, and who may call
 * it. The server registers the route from it (`route(app, contract, handler)` in
 * `server/src/http/contract-route.ts`) and the console calls it through one generic client
 * (`call(contract, args)` in `web/src/api/call.ts`), so neither can drift from the other.
 */
import type { Static, TSchema } from '@sinclair/typebox'
import type { Permission } from '@lianfang/core'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Who may call a route: anyone, any signed-in user, or a permission (region scope is the service's). */
export type RouteAccess =
  { readonly public: true } | { readonly authenticated: true } | { readonly permission: Permission }

/**
 * The statuses of a successful answer. A contract declares one, or several sharing one schema
 * when the handler chooses (`reply.code(201)` for a new case link, 200 for an update); the error
 * answers are common.
 */
export type SuccessStatus = 200 | 201 | 202 | 204

export interface RouteContract {
  readonly method: HttpMethod
  /** Fastify style: `/api/quarantine-orders/:id/release`; every `:name` is a key of `params`. */
  readonly path: `/api/${string}`
  readonly params?: TSchema
  readonly query?: TSchema
  readonly body?: TSchema
  /** The successful answer, by status (`{ 201: QuarantineOrder }`; `{ 200: CaseLink, 201: CaseLink }`). */
  readonly response: { readonly [S in SuccessStatus]?: TSchema }
  readonly access: RouteAccess
  readonly summary?: string
  /** The longer OpenAPI description, when the summary does not say enough. */
  readonly description?: string
  readonly tags?: readonly string[]
}

/** Declares a route contract (identity at run time; it keeps the literal types for the static ones). */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract
}

type StaticOf<C, K extends 'params' | 'query' | 'body'> = C extends {
  readonly [P in K]: infer S extends TSchema
}
  ? Static<S>
  : undefined

/** The path parameters of a route (`undefined` when it has none). */
export type ParamsOf<C extends RouteContract> = StaticOf<C, 'params'>
/** The query string of a route (`undefined` when it has none). */
export type QueryOf<C extends RouteContract> = StaticOf<C, 'query'>
/** The request body of a route (`undefined` when it has none). */
export type BodyOf<C extends RouteContract> = StaticOf<C, 'body'>
/** The status of a route's successful answer. */
export type SuccessOf<C extends RouteContract> = Extract<keyof C['response'], SuccessStatus>
/** The body of a route's successful answer. */
export type ReplyOf<C extends RouteContract> = C['response'][SuccessOf<C>] extends infer S extends TSchema
  ? Static<S>
  : never

/** What a call of a route passes: only the parts the contract declares, each typed by its schema. */
export type CallArgs<C extends RouteContract> = (C extends { readonly params: TSchema }
  ? { readonly params: ParamsOf<C> }
  : { readonly params?: undefined }) &
  (C extends { readonly query: TSchema } ? { readonly query: QueryOf<C> } : { readonly query?: undefined }) &
  (C extends { readonly body: TSchema } ? { readonly body: BodyOf<C> } : { readonly body?: undefined })

/** The statuses of a contract's successful answers, lowest first (at least one). */
export function successStatuses(contract: RouteContract): SuccessStatus[] {
  const statuses = (Object.keys(contract.response).map(Number) as SuccessStatus[]).sort((a, b) => a - b)
  if (statuses.length === 0)
    throw new Error(`${contract.method} ${contract.path}: declare a successful answer`)
  return statuses
}

/**
 * The status of a contract's successful answer: the one it declares, or, when it declares
 * several, the lowest — the answer unless the handler chose another of them (`reply.code(201)`).
 */
export function successStatus(contract: RouteContract): SuccessStatus {
  const [status] = successStatuses(contract)
  if (status === undefined)
    throw new Error(`${contract.method} ${contract.path}: declare a successful answer`)
  return status
}

/** The names of a path's `:name` parameters, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '')
}

/** The path with its parameters filled in (each URI-encoded). */
export function pathOf(
  contract: RouteContract,
  params: Readonly<Record<string, string | number | undefined>> | undefined,
): string {
  return contract.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === '')
      throw new Error(`${contract.method} ${contract.path}: no value for :${name}`)
    return encodeURIComponent(String(value))
  })
}

/** `METHOD /path` — how the walk, the registry test and query keys name a route. */
export function routeKey(contract: RouteContract): string {
  return `${contract.method} ${contract.path}`
}
