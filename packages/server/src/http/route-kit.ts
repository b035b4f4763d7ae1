import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@lianfang/contracts'
import type { FastifyRequest } from 'fastify'
import { requireUser } from '../auth/sessions.js'
import type { SessionUser } from '../auth/session-user.js'

/** A route plugin that receives its services as typed options (STYLE.md §3). */
export type RoutePlugin<Services extends Record<string, unknown>> = FastifyPluginAsyncTypebox<Services>

/** The error responses every guarded route may give, for OpenAPI and response filtering. */
export const ERRORS = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
} as const

export function userOf(request: FastifyRequest): SessionUser {
  return requireUser(request.user)
}
