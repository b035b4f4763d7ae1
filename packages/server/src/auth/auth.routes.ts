import { CreateUserBody, ErrorResponse, LoginBody, Me, Ok, UserSummary } from '@lianfang/contracts'
import { Type } from '@sinclair/typebox'
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
        response: { 200: Me, 400: ErrorResponse, 401: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { me, token, expiresAt } = await auth.login(req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      })
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
      await auth.logout(userOf(req))
      void reply.clearCookie(SESSION_COOKIE, { path: '/' })
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
    (req) => auth.listUsers(userOf(req)),
  )
  app.post(
    '/api/users',
    {
      config: { access: { permission: 'user:manage' } },
      schema: { tags: ['users'], body: CreateUserBody, response: { 201: UserSummary, ...ERRORS } },
    },
    async (req, reply) => reply.status(201).send(await auth.createUser(userOf(req), req.body)),
  )
}
