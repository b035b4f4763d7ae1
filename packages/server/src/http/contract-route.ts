/**
 * Registers a route from its contract (`@lianfang/contracts` routes): method, path, schemas
 * and `config.access` come from the one declaration the console calls too, with the common
 * error answers added (ERRORS). The handler is typed from the contract and returns the
 * successful answer; its status (201 for a creation) is the contract's, or, when the contract
 * declares several, the one of them the handler set (`reply.code(201)`), else the lowest.
 */
import {
  successStatus,
  successStatuses,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type ReplyOf,
  type RouteContract,
} from '@lianfang/contracts'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  FastifyTypeProvider,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { ERRORS } from './route-kit.js'

/** A request of a contract's route: params, query and body typed by its schemas. */
export type ContractRequest<C extends RouteContract> = FastifyRequest & {
  readonly params: ParamsOf<C>
  readonly query: QueryOf<C>
  readonly body: BodyOf<C>
}

export type ContractHandler<C extends RouteContract> = (
  request: ContractRequest<C>,
  reply: FastifyReply,
) => ReplyOf<C> | Promise<ReplyOf<C>>

/** Any Fastify instance (a route plugin's has the TypeBox type provider). */
type AnyApp<P extends FastifyTypeProvider> = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  P
>

/**
 * What a route adds on the server only, beyond its contract: nothing the console calls differently.
 */
export interface RouteExtras {
  /** @fastify/rate-limit of the route, per client address (sign-in, password change). */
  readonly rateLimit?: { readonly max: number; readonly timeWindow: string }
  /** Error answers beyond the common ones (ERRORS), for the OpenAPI document: `{ 429: ErrorResponse }`. */
  readonly errors?: Readonly<Record<number, TSchema>>
  /** The media types of an answer that is not JSON, for the OpenAPI document: `['application/pdf']`. */
  readonly produces?: readonly string[]
  /** The route's own request body limit in bytes, beyond the node's (an import's base64 file). */
  readonly bodyLimit?: number
}

export function route<C extends RouteContract, P extends FastifyTypeProvider>(
  app: AnyApp<P>,
  contract: C,
  handler: ContractHandler<C>,
  extras: RouteExtras = {},
): void {
  const status = successStatus(contract)
  const statuses: readonly number[] = successStatuses(contract)
  const schema: FastifySchema & {
    tags?: readonly string[]
    summary?: string
    description?: string
    produces?: readonly string[]
  } = {
    ...(contract.tags ? { tags: contract.tags } : {}),
    ...(contract.summary ? { summary: contract.summary } : {}),
    ...(contract.description ? { description: contract.description } : {}),
    ...(extras.produces ? { produces: extras.produces } : {}),
    ...(contract.params ? { params: contract.params } : {}),
    ...(contract.query ? { querystring: contract.query } : {}),
    ...(contract.body ? { body: contract.body } : {}),
    response: { ...contract.response, ...ERRORS, ...extras.errors },
  }
  app.route({
    method: contract.method,
    url: contract.path,
    config: { access: contract.access, ...(extras.rateLimit ? { rateLimit: extras.rateLimit } : {}) },
    ...(extras.bodyLimit === undefined ? {} : { bodyLimit: extras.bodyLimit }),
    schema,
    handler: async (request, reply) => {
      const answer = await handler(request as ContractRequest<C>, reply)
      const chosen = statuses.length > 1 && statuses.includes(reply.statusCode) ? reply.statusCode : status
      return reply.status(chosen).send(answer)
    },
  })
}
