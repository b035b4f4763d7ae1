import { sql } from 'kysely'
import { can, DomainError, isRole, PERMISSIONS, type Role } from '@lianfang/core'
import type { CreateUserBody, Me, UserSummary } from '@lianfang/contracts'
import type { Database } from '../db/database.js'
import type { AuditService } from '../audit/audit.service.js'
import type { RegionsRepository } from '../modules/regions/regions.repository.js'
import { dummyHash, hashPassword, verifyPassword } from './passwords.js'
import type { SessionService } from './sessions.js'
import type { SessionUser } from './session-user.js'
import { assertInScope, scopePrefix } from './scope.js'
import { likePrefix } from '../modules/persons/persons.repository.js'

export interface LoginPolicy {
  readonly maxFailures: number
  readonly lockMinutes: number
}

/**
 * Sign-in with argon2id passwords; after `maxFailures` wrong passwords in a row an account
 * is locked for `lockMinutes` (the route is also rate-limited per client address).
 */
export class AuthService {
  constructor(
    private readonly database: Database,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly regions: RegionsRepository,
    private readonly policy: LoginPolicy,
  ) {}

  async login(
    username: string,
    password: string,
    meta: { ip: string; userAgent: string | undefined },
  ): Promise<{ me: Me; token: string; expiresAt: Date }> {
    const name = username.trim().toLowerCase()
    const user = await this.database.db
      .selectFrom('users')
      .select(['id', 'username', 'password_hash', 'disabled', 'locked_until', 'failed_logins'])
      .where('username', '=', name)
      .executeTakeFirst()
    if (!user || user.disabled) {
      await verifyPassword(await dummyHash(), password)
      await this.audit.record(
        { name, role: 'anonymous' },
        { action: 'auth.login_failed', targetType: 'user', details: { ip: meta.ip } },
      )
      throw new DomainError('LOGIN_FAILED', 'wrong username or password')
    }
    if (user.locked_until && user.locked_until > new Date()) {
      throw new DomainError(
        'ACCOUNT_LOCKED',
        `account locked after repeated failures until ${user.locked_until.toISOString()}`,
        {
          lockedUntil: user.locked_until.toISOString(),
        },
      )
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const failures = user.failed_logins + 1
      const lock = failures >= this.policy.maxFailures
      await this.database.db
        .updateTable('users')
        .set({
          failed_logins: lock ? 0 : failures,
          locked_until: lock ? new Date(Date.now() + this.policy.lockMinutes * 60_000) : user.locked_until,
        })
        .where('id', '=', user.id)
        .execute()
      await this.audit.record(
        { name, role: 'anonymous' },
        {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          targetType: 'user',
          targetId: user.id,
          details: { ip: meta.ip },
        },
      )
      throw new DomainError('LOGIN_FAILED', 'wrong username or password')
    }
    await this.database.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute()
    const { token, expiresAt } = await this.sessions.create(user.id, meta)
    const me = await this.meById(user.id)
    await this.audit.record(
      { name, role: me.role },
      { action: 'auth.login', targetType: 'user', targetId: user.id, details: { ip: meta.ip } },
    )
    return { me, token, expiresAt }
  }

  async logout(user: SessionUser): Promise<void> {
    await this.sessions.revoke(user.sessionId)
  }

  async me(user: SessionUser): Promise<Me> {
    return this.meById(user.id)
  }

  private async meById(id: string): Promise<Me> {
    const row = await this.database.db
      .selectFrom('users as u')
      .innerJoin('regions as r', 'r.code', 'u.region_code')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.region_code',
        'u.person_id',
        'r.name as region_name',
      ])
      .where('u.id', '=', id)
      .executeTakeFirstOrThrow()
    if (!isRole(row.role)) throw new Error(`user ${id} has unknown role ${row.role}`)
    const role: Role = row.role
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role,
      regionCode: row.region_code,
      regionName: row.region_name,
      personId: row.person_id,
      permissions: PERMISSIONS.filter((p) => can(role, p)),
    }
  }

  async listUsers(admin: SessionUser): Promise<UserSummary[]> {
    const rows = await this.database.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'region_code', 'disabled', 'locked_until'])
      .where('region_code', 'like', likePrefix(scopePrefix(admin)))
      .orderBy('username')
      .limit(1000)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role as Role,
      regionCode: r.region_code,
      disabled: r.disabled,
      lockedUntil: r.locked_until?.toISOString() ?? null,
    }))
  }

  /** Creates a user in the admin's subtree. Used by the API and by the demo seed. */
  async createUser(admin: SessionUser | null, body: CreateUserBody): Promise<UserSummary> {
    if (admin) assertInScope(admin, body.regionCode, `region ${body.regionCode}`)
    if (!(await this.regions.findByCode(body.regionCode))) {
      throw new DomainError('REGION_NOT_FOUND', `region ${body.regionCode} does not exist`)
    }
    const passwordHash = await hashPassword(body.password)
    return this.database.db.transaction().execute(async (tx) => {
      const taken = await tx
        .selectFrom('users')
        .select('id')
        .where('username', '=', body.username)
        .executeTakeFirst()
      if (taken) throw new DomainError('CONFLICT', `username ${body.username} is taken`)
      if (body.personId) {
        const p = await tx
          .selectFrom('persons')
          .select('id')
          .where('id', '=', body.personId)
          .executeTakeFirst()
        if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${body.personId} does not exist`)
      }
      const row = await tx
        .insertInto('users')
        .values({
          username: body.username,
          display_name: body.displayName,
          password_hash: passwordHash,
          role: body.role,
          region_code: body.regionCode,
          person_id: body.personId ?? null,
        })
        .returning(['id', 'username', 'display_name', 'role', 'region_code', 'disabled', 'locked_until'])
        .executeTakeFirstOrThrow()
      await this.audit.append(tx, admin ?? { name: 'system', role: 'system' }, {
        action: 'user.create',
        targetType: 'user',
        targetId: row.id,
        details: { role: body.role, regionCode: body.regionCode },
      })
      return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: body.role,
        regionCode: row.region_code,
        disabled: row.disabled,
        lockedUntil: null,
      }
    })
  }

  async userCount(): Promise<number> {
    const r = await sql<{ n: string }>`select count(*)::text as n from users`.execute(this.database.db)
    return Number(r.rows[0]?.n ?? 0)
  }
}
