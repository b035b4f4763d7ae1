import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@lianfang/contracts'
import type { FastifyRequest } from 'fastify'
import { requireUser } from '../auth/sessions.js'
import type { SessionUser } from '../auth/session-user.js'
import type { Scope } from '../auth/scope.js'
import { DomainError } from '@lianfang/core'

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

/** What the signed-in user may see, as the guard built it; pass it to services (#15). */
export function scopeOfRequest(request: FastifyRequest): Scope {
  requireUser(request.user)
  if (!request.scope) throw new DomainError('UNAUTHENTICATED', 'sign in first')
  return request.scope
}
