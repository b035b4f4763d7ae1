import { AuthRoutes, ErrorResponse, UserRoutes } from '@lianfang/contracts'
import { DomainError } from '@lianfang/core'
import type { FastifyReply } from 'fastify'
import { route } from '../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../http/route-kit.js'
import type { AuthService } from './auth.service.js'
import { SESSION_COOKIE } from './sessions.js'

export const authRoutes: RoutePlugin<{
  auth: AuthService
  secureCookies: boolean
  loginRateLimit: number
}> = async (app, { auth, secureCookies, loginRateLimit }) => {
  // Sign-in and the password change: rate limited per address, and a back-off answers 429.
  const throttled = {
    rateLimit: { max: loginRateLimit, timeWindow: '1 minute' },
    errors: { 429: ErrorResponse },
  }
  route(
    app,
    AuthRoutes.login,
    async (req, reply) => {
      const { me, token, expiresAt } = await withRetryAfter(reply, () =>
        auth.login(req.body.username, req.body.password, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        }),
      )
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/',
        expires: expiresAt,
      })
      return me
    },
    throttled,
  )
  route(app, AuthRoutes.logout, async (req, reply) => {
    await auth.logout(userOf(req), req.ip)
    void reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return { ok: true }
  })
  route(
    app,
    AuthRoutes.changePassword,
    async (req, reply) => {
      await withRetryAfter(reply, () => auth.changePassword(userOf(req), req.body, req.ip))
      return { ok: true }
    },
    throttled,
  )
  route(app, AuthRoutes.me, (req) => auth.me(userOf(req)))
  route(app, UserRoutes.list, (req) => auth.users.list(scopeOfRequest(req)))
  route(app, UserRoutes.create, (req) => auth.users.create(userOf(req), req.body))
  for (const action of ['unlock', 'disable', 'enable'] as const) {
    route(app, UserRoutes[action], (req) =>
      auth.users[action](userOf(req), scopeOfRequest(req), req.params.id),
    )
  }
  route(app, UserRoutes.resetPassword, (req) =>
    auth.users.resetPassword(userOf(req), scopeOfRequest(req), req.params.id),
  )
}

/** A back-off answer (429) says when to try again (`Retry-After`, RFC 9110 §10.2.3). */
async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof DomainError && e.code === 'RATE_LIMITED') {
      const details = e.details as { retryAfterSeconds?: unknown } | undefined
      if (typeof details?.retryAfterSeconds === 'number') {
        void reply.header('retry-after', String(details.retryAfterSeconds))
      }
    }
    throw e
  }
}
