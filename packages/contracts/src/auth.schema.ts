import { Type, type Static } from '@sinclair/typebox'
import { ROLES, PERMISSIONS } from '@lianfang/core'
import { Id, RegionCode } from './common.schema.js'

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)))
export const PermissionSchema = Type.Union(PERMISSIONS.map((p) => Type.Literal(p)))

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const Me = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  regionCode: RegionCode,
  regionName: Type.String(),
  personId: Type.Union([Id, Type.Null()]),
  permissions: Type.Array(PermissionSchema),
  /**
   * The password is one an admin chose (a reset's temporary password, or the initial password of
   * an account an admin created): until the user changes it (`POST /api/auth/password`), every
   * other API call but me and logout answers 403 `PASSWORD_CHANGE_REQUIRED`.
   */
  mustChangePassword: Type.Boolean(),
})
export type Me = Static<typeof Me>

export const UserSummary = Type.Object({
  id: Id,
  /** Phone-number usernames (citizens) are masked in lists: `139****1234`. */
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  regionCode: RegionCode,
  regionName: Type.String(),
  disabled: Type.Boolean(),
  /**
   * Until when some client address must wait before signing in again after failed attempts (the
   * latest such time), or null; others may still sign in. `POST /api/users/:id/unlock` ends it.
   */
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type UserSummary = Static<typeof UserSummary>

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9_.-]{3,64}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    role: RoleSchema,
    regionCode: RegionCode,
    personId: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]{0,17}$',
        description:
          'the person the account acts as: required for a citizen (whose regionCode must be the person’s); ' +
          'must lie in your region subtree and have no account yet',
      }),
    ),
  },
  { additionalProperties: false },
)
export type CreateUserBody = Static<typeof CreateUserBody>

/**
 * A password reset by an admin: the account's new temporary password, shown once to the admin
 * (never stored in clear, never audited), and how many of its sessions were ended.
 */
export const PasswordReset = Type.Object({
  user: UserSummary,
  temporaryPassword: Type.String({ minLength: 10 }),
  sessionsEnded: Type.Integer({ minimum: 0 }),
})
export type PasswordReset = Static<typeof PasswordReset>

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>
