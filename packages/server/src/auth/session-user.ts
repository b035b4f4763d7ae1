import type { Permission, Role } from '@lianfang/core'
import type { Scope } from './scope.js'

/** Who is making a request, as the guard established it. */
export interface SessionUser {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly regionCode: string
  readonly personId: string | null
  readonly sessionId: string
  /**
   * Set while the account's password is one an admin chose (a reset, or an account an admin
   * created): the guard then refuses every API call but the password change, me and logout.
   */
  readonly mustChangePassword?: boolean
}

/** What a route requires: anyone, any signed-in user, or a permission (plus region scope in the service). */
export type Access =
  { readonly public: true } | { readonly authenticated: true } | { readonly permission: Permission }

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | undefined
    /** What the user may see (`scopeOf(user)`), set by the guard with `user`; repositories apply it. */
    scope: Scope | undefined
  }
  interface FastifyContextConfig {
    access?: Access
  }
}
