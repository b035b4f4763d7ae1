/**
 * Registers a route from its contract (`@lianfang/contracts` routes): method, path, schemas
 * and `config.access` come from the one declaration the console calls too, with the common
 * error answers added (ERRORS). The handler is typed from the contract and returns the
 * successful answer; its status (201 for a creation) is the contract's.
 */
import {
  successStatus,
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

export function route<C extends RouteContract, P extends FastifyTypeProvider>(
  app: AnyApp<P>,
  contract: C,
  handler: ContractHandler<C>,
): void {
  const status = successStatus(contract)
  const schema: FastifySchema & { tags?: readonly string[]; summary?: string } = {
    ...(contract.tags ? { tags: contract.tags } : {}),
    ...(contract.summary ? { summary: contract.summary } : {}),
    ...(contract.params ? { params: contract.params } : {}),
    ...(contract.query ? { querystring: contract.query } : {}),
    ...(contract.body ? { body: contract.body } : {}),
    response: { ...contract.response, ...ERRORS },
  }
  app.route({
    method: contract.method,
    url: contract.path,
    config: { access: contract.access },
    schema,
    handler: async (request, reply) => {
      const answer = await handler(request as ContractRequest<C>, reply)
      return reply.status(status).send(answer)
    },
  })
}
