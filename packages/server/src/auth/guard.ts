import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify'
import { AuthRoutes } from '@lianfang/contracts'
import { can, DomainError } from '@lianfang/core'
import { SESSION_COOKIE, type SessionService } from './sessions.js'
import type { Access } from './session-user.js'
import { scopeOf } from './scope.js'

/**
 * The one guard (DESIGN.md "Who uses it"): every /api route must declare `config.access`;
 * a route without it fails at start-up, so no route can be added unguarded. The guard
 * resolves the session, checks the route's permission and attaches `request.scope` (what the
 * user may see), which routes pass to services and services to repositories.
 */
export function installGuard(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest('user', undefined)
  app.decorateRequest('scope', undefined)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return
    const access = route.config?.access
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`)
    // Say in the OpenAPI document what the route requires ('public', 'authenticated' or the
    // permission), so tools and the authorization walk read it from the document itself.
    const schema: FastifySchema & { 'x-access': string } = { ...route.schema, 'x-access': accessName(access) }
    route.schema = schema
  })
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) request.user = await sessions.resolve(token)
    if (request.user) request.scope = scopeOf(request.user)
    const access = request.routeOptions.config.access
    if (access) check(access, request)
  })
}

/**
 * What a user who must change an admin-chosen password may still call (besides public routes):
 * the change itself, who am I, and sign-out.
 */
const WHILE_PASSWORD_CHANGE_REQUIRED: ReadonlySet<string> = new Set(
  [AuthRoutes.changePassword, AuthRoutes.me, AuthRoutes.logout].map((r) => `${r.method} ${r.path}`),
)

/** What a route requires, as one word: `public`, `authenticated` or the permission. */
export function accessName(access: Access): string {
  if ('public' in access) return 'public'
  if ('authenticated' in access) return 'authenticated'
  return access.permission
}

function check(access: Access, request: FastifyRequest): void {
  if ('public' in access) return
  const user = request.user
  if (!user) throw new DomainError('UNAUTHENTICATED', 'sign in first')
  if (
    user.mustChangePassword === true &&
    !WHILE_PASSWORD_CHANGE_REQUIRED.has(`${request.method} ${request.routeOptions.url ?? ''}`)
  ) {
    throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'change the password an admin set before anything else')
  }
  if ('permission' in access && !can(user.role, access.permission)) {
    throw new DomainError('FORBIDDEN', `role ${user.role} may not ${access.permission}`)
  }
}
