import {
  ChangePasswordBody,
  CreateUserBody,
  ErrorResponse,
  IdParams,
  LoginBody,
  Me,
  Ok,
  UserSummary,
} from '@lianfang/contracts'
import { Type } from '@sinclair/typebox'
import { DomainError } from '@lianfang/core'
import type { FastifyReply } from 'fastify'
import { ERRORS, userOf, type RoutePlugin } from '../http/route-kit.js'
import type { AuthService } from './auth.service.js'
import { SESSION_COOKIE } from './sessions.js'

export const authRoutes: RoutePlugin<{
  auth: AuthService
  secureCookies: boolean
  loginRateLimit: number
}> = async (app, { auth, secureCookies, loginRateLimit }) => {
  const tags = ['auth']
  app.post(
    '/api/auth/login',
    {
      config: {
        access: { public: true },
        rateLimit: { max: loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Sign in; sets the HttpOnly session cookie',
        body: LoginBody,
        response: { 200: Me, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
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
  )
  app.post(
    '/api/auth/logout',
    { config: { access: { authenticated: true } }, schema: { tags, response: { 200: Ok, ...ERRORS } } },
    async (req, reply) => {
      await auth.logout(userOf(req), req.ip)
      void reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return { ok: true }
    },
  )
  app.post(
    '/api/auth/password',
    {
      config: {
        access: { authenticated: true },
        rateLimit: { max: loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'Change my password (the current one is checked); my other sessions end',
        body: ChangePasswordBody,
        response: { 200: Ok, ...ERRORS, 429: ErrorResponse },
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => auth.changePassword(userOf(req), req.body, req.ip))
      return { ok: true }
    },
  )
  app.get(
    '/api/auth/me',
    { config: { access: { authenticated: true } }, schema: { tags, response: { 200: Me, ...ERRORS } } },
    (req) => auth.me(userOf(req)),
  )
  app.get(
    '/api/users',
    {
      config: { access: { permission: 'user:read' } },
      schema: { tags: ['users'], response: { 200: Type.Array(UserSummary), ...ERRORS } },
    },
    (req) => auth.users.list(userOf(req)),
  )
  app.post(
    '/api/users',
    {
      config: { access: { permission: 'user:manage' } },
      schema: { tags: ['users'], body: CreateUserBody, response: { 201: UserSummary, ...ERRORS } },
    },
    async (req, reply) => reply.status(201).send(await auth.users.create(userOf(req), req.body)),
  )
  const actions = {
    unlock: 'End the back-off of failed sign-ins, from every address',
    disable: 'Disable the account and end its sessions (not your own)',
    enable: 'Enable a disabled account',
  } as const
  for (const [action, summary] of Object.entries(actions) as [keyof typeof actions, string][]) {
    app.post(
      `/api/users/:id/${action}`,
      {
        config: { access: { permission: 'user:manage' } },
        schema: { tags: ['users'], summary, params: IdParams, response: { 200: UserSummary, ...ERRORS } },
      },
      (req) => auth.users[action](userOf(req), req.params.id),
    )
  }
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
