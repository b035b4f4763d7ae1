import { Type } from '@sinclair/typebox'
import {
  ChangePasswordBody,
  CreateUserBody,
  LoginBody,
  Me,
  PasswordReset,
  UserSummary,
} from '../auth.schema.js'
import { IdParams, Ok } from '../common.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['auth']

/**
 * Sign-in and the signed-in user's own account. Sign-in and the password change are rate limited
 * per client address on the server (and answer 429 with `Retry-After` during a back-off).
 */
export const AuthRoutes = {
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in; sets the HttpOnly session cookie',
    body: LoginBody,
    response: { 200: Me },
    access: { public: true },
    tags,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    response: { 200: Ok },
    access: { authenticated: true },
    tags,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/auth/me',
    response: { 200: Me },
    access: { authenticated: true },
    tags,
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/api/auth/password',
    summary: 'Change my password (the current one is checked); my other sessions end',
    body: ChangePasswordBody,
    response: { 200: Ok },
    access: { authenticated: true },
    tags,
  }),
} as const

const userTags = ['users']

/** User accounts, managed by admins within their region subtree. */
export const UserRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/users',
    response: { 200: Type.Array(UserSummary) },
    access: { permission: 'user:read' },
    tags: userTags,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/users',
    body: CreateUserBody,
    response: { 201: UserSummary },
    access: { permission: 'user:manage' },
    tags: userTags,
  }),
  unlock: defineRoute({
    method: 'POST',
    path: '/api/users/:id/unlock',
    summary: 'End the back-off of failed sign-ins, from every address',
    params: IdParams,
    response: { 200: UserSummary },
    access: { permission: 'user:manage' },
    tags: userTags,
  }),
  disable: defineRoute({
    method: 'POST',
    path: '/api/users/:id/disable',
    summary: 'Disable the account and end its sessions (not your own)',
    params: IdParams,
    response: { 200: UserSummary },
    access: { permission: 'user:manage' },
    tags: userTags,
  }),
  enable: defineRoute({
    method: 'POST',
    path: '/api/users/:id/enable',
    summary: 'Enable a disabled account',
    params: IdParams,
    response: { 200: UserSummary },
    access: { permission: 'user:manage' },
    tags: userTags,
  }),
  resetPassword: defineRoute({
    method: 'POST',
    path: '/api/users/:id/password-reset',
    summary: 'Set a new temporary password (shown once), end the account’s sessions and back-offs (audited)',
    description:
      'For a user who forgot their password. Not your own account (change it with the current one); ' +
      'an account of another region is 403. The temporary password is answered once and never stored in clear.',
    params: IdParams,
    response: { 200: PasswordReset },
    access: { permission: 'user:manage' },
    tags: userTags,
  }),
} as const
