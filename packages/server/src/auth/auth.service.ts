import { can, DomainError, isRole, PERMISSIONS, type Role } from '@lianfang/core'
import type { ChangePasswordBody, CreateUserBody, Me, UserSummary } from '@lianfang/contracts'
import type { Database } from '../db/database.js'
import type { AuditService } from '../audit/audit.service.js'
import type { RegionsRepository } from '../modules/regions/index.js'
import { dummyHash, hashPassword, verifyPassword } from './passwords.js'
import type { SessionService } from './sessions.js'
import type { SessionUser } from './session-user.js'
import { accountKey, isUsernameShaped, LoginThrottle, type LoginPolicy } from './login-throttle.js'
import { UsersService } from './users.service.js'
import { UsersRepository } from './users.repository.js'

export type { LoginPolicy } from './login-throttle.js'

/**
 * Sign-in with argon2id passwords. Failed attempts are throttled per (name, client address) with
 * back-off ({@link LoginThrottle}) — never a lock that someone else can trigger — and an unknown
 * name, a disabled account and a wrong password get the same answer after the same work (one
 * argon2 verification each), so neither status nor timing tells which accounts exist.
 */
export class AuthService {
  readonly users: UsersService
  private readonly throttle: LoginThrottle
  private readonly repo = new UsersRepository()

  constructor(
    private readonly database: Database,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    regions: RegionsRepository,
    policy: LoginPolicy,
  ) {
    this.throttle = new LoginThrottle(database, policy)
    this.users = new UsersService(database, sessions, audit, regions, this.throttle)
  }

  async login(
    username: string,
    password: string,
    meta: { ip: string; userAgent: string | undefined },
  ): Promise<{ me: Me; token: string; expiresAt: Date }> {
    const name = username.trim().toLowerCase()
    const key = accountKey(name)
    const ip = meta.ip || 'unknown'
    await this.throttle.check(key, ip)
    const user = isUsernameShaped(name) ? await this.repo.findForLogin(this.database.db, name) : undefined
    // Always one argon2 verification: an unknown or disabled account costs what a real one does.
    const verified = await verifyPassword(user?.password_hash ?? (await dummyHash()), password)
    if (!user || user.disabled || !verified) {
      await this.throttle.fail(key, ip)
      // The key, not the name as typed: never stores what cannot be a username.
      await this.audit.record(
        { name: key, role: 'anonymous' },
        {
          action: 'auth.login_failed',
          targetType: 'user',
          ...(user ? { targetId: user.id } : {}),
          details: { ip },
        },
      )
      throw new DomainError('LOGIN_FAILED', 'wrong username or password')
    }
    await this.throttle.succeed(key, ip)
    const { token, expiresAt } = await this.sessions.create(user.id, { ip, userAgent: meta.userAgent })
    const me = await this.meById(user.id)
    await this.audit.record(
      { name, role: me.role },
      { action: 'auth.login', targetType: 'user', targetId: user.id, details: { ip } },
    )
    return { me, token, expiresAt }
  }

  /**
   * The signed-in user's own password change: the current password is checked (and a wrong one
   * counts as a failed sign-in from this address), the user's other sessions end.
   */
  async changePassword(user: SessionUser, body: ChangePasswordBody, ip: string): Promise<void> {
    const key = accountKey(user.username)
    await this.throttle.check(key, ip)
    const row = await this.repo.passwordHash(this.database.db, user.id)
    if (!(await verifyPassword(row.password_hash, body.currentPassword))) {
      await this.throttle.fail(key, ip)
      await this.audit.record(user, {
        action: 'auth.password_change_failed',
        targetType: 'user',
        targetId: user.id,
        details: { ip },
      })
      throw new DomainError('VALIDATION_FAILED', 'the current password is wrong', [
        { path: 'body/currentPassword', message: 'is wrong' },
      ])
    }
    if (body.newPassword === body.currentPassword) {
      throw new DomainError('VALIDATION_FAILED', 'the new password must differ from the current one', [
        { path: 'body/newPassword', message: 'must differ from the current password' },
      ])
    }
    const hash = await hashPassword(body.newPassword)
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.setPassword(tx, user.id, hash, false)
      await this.audit.append(tx, user, {
        action: 'auth.password_change',
        targetType: 'user',
        targetId: user.id,
        details: { ip },
      })
    })
    await this.throttle.succeed(key, ip)
    // This session no longer carries `mustChangePassword`.
    this.sessions.forget(user.id)
    const revoked = await this.sessions.revokeAllOf(user.id, user.sessionId)
    if (revoked > 0) {
      await this.audit.record(user, {
        action: 'auth.sessions_revoked',
        targetType: 'user',
        targetId: user.id,
        details: { sessions: revoked, why: 'password changed' },
      })
    }
  }

  async logout(user: SessionUser, ip: string): Promise<void> {
    await this.sessions.revoke(user.sessionId)
    await this.audit.record(user, {
      action: 'auth.logout',
      targetType: 'user',
      targetId: user.id,
      details: { ip },
    })
  }

  async me(user: SessionUser): Promise<Me> {
    return this.meById(user.id)
  }

  private async meById(id: string): Promise<Me> {
    const row = await this.repo.findMe(this.database.db, id)
    if (!isRole(row.role)) throw new Error(`user ${id} has unknown role ${String(row.role)}`)
    const role: Role = row.role
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role,
      regionCode: row.region_code,
      regionName: row.region_name,
      personId: row.person_id,
      mustChangePassword: row.must_change_password,
      permissions: PERMISSIONS.filter((p) => can(role, p)),
    }
  }

  /** Creates a user (see {@link UsersService.create}); kept here for the seed, the CLI and tests. */
  createUser(admin: SessionUser | null, body: CreateUserBody): Promise<UserSummary> {
    return this.users.create(admin, body)
  }

  userCount(): Promise<number> {
    return this.repo.count(this.database.db)
  }
}
