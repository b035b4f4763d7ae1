/**
 * An in-memory stand-in for the server in component tests: `fetch` is replaced by a router over
 * the routes a page calls, answering from typed fixtures. Nothing reaches the network; a call
 * to a route the test did not declare fails the request with 404 and is listed in `unhandled`.
 */
import { vi } from 'vitest'
import type { BodyOf, ErrorResponse, ParamsOf, ReplyOf, RouteContract } from '@lianfang/contracts'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface FakeRequest {
  readonly method: Method
  readonly path: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly body: unknown
}

/** A reply other than 200 with a JSON body. */
export class FakeReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** An error answer in the server's shape (`{ error: { code, message, details } }`). */
export function errorReply(status: number, code: string, message: string, details?: unknown): FakeReply {
  const error: ErrorResponse['error'] = details === undefined ? { code, message } : { code, message, details }
  return new FakeReply(status, { error })
}

export type FakeHandler = (request: FakeRequest) => unknown

/** A request to a contract's route: its path parameters and body typed by the contract. */
export type FakeContractRequest<C extends RouteContract> = Omit<FakeRequest, 'params' | 'body'> & {
  readonly params: ParamsOf<C> extends undefined ? Readonly<Record<string, string>> : ParamsOf<C>
  readonly body: BodyOf<C> extends undefined ? unknown : BodyOf<C>
}

interface Route {
  readonly method: Method
  readonly pattern: RegExp
  readonly names: readonly string[]
  readonly handler: FakeHandler
}

export interface FakeApi {
  /** Adds a route: `on('GET', '/api/persons/:id', ({ params }) => …)`. Later routes win. */
  on(method: Method, path: string, handler: FakeHandler): FakeApi
  /**
   * Adds a route from its contract (`@lianfang/contracts` routes): method and path come from
   * it, and the handler must answer the contract's success body (or a {@link FakeReply}). An
   * answer with literal unions in it may need its type named (`({ body }): FactCreated => …`).
   */
  route<C extends RouteContract>(
    contract: C,
    handler: (request: FakeContractRequest<NoInfer<C>>) => ReplyOf<NoInfer<C>> | FakeReply,
  ): FakeApi
  /** Every request answered, in order. */
  readonly requests: FakeRequest[]
  /** Requests no route matched. */
  readonly unhandled: string[]
}

function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = []
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(segment.slice(1))
      return '([^/]+)'
    })
    .join('/')
  return { pattern: new RegExp(`^${source}$`), names }
}

/** Replaces `fetch` for the current test (the set-up file restores it afterwards). */
export function installFakeApi(): FakeApi {
  const routes: Route[] = []
  const requests: FakeRequest[] = []
  const unhandled: string[] = []
  const api: FakeApi = {
    on(method, path, handler) {
      const { pattern, names } = compile(path)
      routes.unshift({ method, pattern, names, handler })
      return api
    },
    route(contract, handler) {
      return api.on(contract.method, contract.path, (request) =>
        handler(request as FakeContractRequest<typeof contract>),
      )
    },
    requests,
    unhandled,
  }
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://console.test',
    )
    const method = (init?.method ?? 'GET').toUpperCase() as Method
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    for (const route of routes) {
      if (route.method !== method) continue
      const match = route.pattern.exec(url.pathname)
      if (match === null) continue
      const params: Record<string, string> = {}
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1] ?? '')
      })
      const request: FakeRequest = { method, path: url.pathname, params, query: url.searchParams, body }
      requests.push(request)
      // A microtask later, like the network: the page renders its loading state first.
      await Promise.resolve()
      const result = route.handler(request)
      const reply = result instanceof FakeReply ? result : new FakeReply(200, result)
      // Bytes (a signed list) go as they are; anything else as JSON.
      if (reply.body instanceof Uint8Array)
        return new Response(new Uint8Array(reply.body), {
          status: reply.status,
          headers: { 'content-type': 'application/octet-stream' },
        })
      return new Response(JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': 'application/json' },
      })
    }
    unhandled.push(`${method} ${url.pathname}${url.search}`)
    return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no fake route' } }), {
      status: 404,
    })
  }
  vi.stubGlobal('fetch', vi.fn(fakeFetch))
  return api
}
