import { DomainError, maskName, maskPhone, type Role } from '@lianfang/core'
import type { CreateUserBody, PasswordReset, UserSummary } from '@lianfang/contracts'
import type { Database } from '../db/database.js'
import type { AuditService, SystemActor } from '../audit/audit.service.js'
import type { RegionsRepository } from '../modules/regions/index.js'
import { hashPassword, temporaryPassword } from './passwords.js'
import type { SessionService } from './sessions.js'
import type { SessionUser } from './session-user.js'
import { assertInScope, inScope, type Scope } from './scope.js'
import { UsersRepository } from './users.repository.js'
import type { LoginThrottle } from './login-throttle.js'

const SYSTEM: SystemActor = { name: 'system', role: 'system' }

/** A username that is a phone number (a citizen's): shown as `139****1234` in lists and answers. */
export function maskUsername(username: string): string {
  return /^\+?[0-9]{7,}$/.test(username) ? maskPhone(username) : username
}

/**
 * User accounts, managed by admins within their region subtree: create (binding a person only in
 * scope, one account per person), list, unlock, disable, enable and reset a forgotten password.
 * Every change is audited.
 */
export class UsersService {
  private readonly repo = new UsersRepository()

  constructor(
    private readonly database: Database,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly regions: RegionsRepository,
    private readonly throttle: LoginThrottle,
  ) {}

  async list(scope: Scope): Promise<UserSummary[]> {
    const rows = await this.repo.list(this.database.db, scope, 1000)
    return rows.map((r) => toSummary(r, true))
  }

  /**
   * Creates a user in the admin's subtree (`admin` null: the seed and the CLI). A person named
   * must exist in the admin's subtree (one outside it is answered as not found) and have no
   * account yet; a citizen account must name its person and live in the person's region.
   */
  async create(admin: SessionUser | null, body: CreateUserBody): Promise<UserSummary> {
    if (admin) assertInScope(admin, body.regionCode, `region ${body.regionCode}`)
    const region = await this.regions.findByCode(body.regionCode)
    if (!region) {
      throw new DomainError('REGION_NOT_FOUND', `region ${body.regionCode} does not exist`)
    }
    if (body.role === 'citizen' && !body.personId) {
      throw new DomainError('VALIDATION_FAILED', 'a citizen account must name its person (personId)', [
        { path: 'body/personId', message: 'is required for a citizen account' },
      ])
    }
    const passwordHash = await hashPassword(body.password)
    return this.database.db.transaction().execute(async (tx) => {
      const taken = await this.repo.findIdByUsername(tx, body.username)
      if (taken) throw new DomainError('CONFLICT', `username ${body.username} is taken`)
      if (body.personId) {
        const person = await this.repo.personRegion(tx, body.personId)
        // Outside the admin's subtree is answered exactly like a person that does not exist.
        if (!person || (admin && !inScope(admin, person.region_code))) {
          throw new DomainError('PERSON_NOT_FOUND', `person ${body.personId} does not exist`)
        }
        if (body.role === 'citizen' && person.region_code !== body.regionCode) {
          throw new DomainError(
            'VALIDATION_FAILED',
            `a citizen account's region must be its person's (${person.region_code})`,
            [{ path: 'body/regionCode', message: `must be ${person.region_code}` }],
          )
        }
        const linked = await this.repo.findIdByPerson(tx, body.personId)
        if (linked) {
          throw new DomainError('CONFLICT', `person ${body.personId} already has an account`, {
            field: 'personId',
          })
        }
      }
      const row = await this.repo.insert(tx, {
        username: body.username,
        display_name: body.displayName,
        password_hash: passwordHash,
        role: body.role,
        region_code: body.regionCode,
        person_id: body.personId ?? null,
        // A password an admin chose is known to them: its user changes it at first sign-in.
        must_change_password: admin !== null,
      })
      await this.audit.append(tx, admin ?? SYSTEM, {
        action: 'user.create',
        targetType: 'user',
        targetId: row.id,
        details: {
          role: body.role,
          regionCode: body.regionCode,
          ...(body.personId ? { personId: body.personId } : {}),
        },
      })
      return toSummary({ ...row, region_name: region.name, locked_until: null }, false)
    })
  }

  /** Ends every back-off of the account's failed sign-ins, from every address. */
  async unlock(admin: SessionUser, scope: Scope, id: string): Promise<UserSummary> {
    const user = await this.inScope(scope, id)
    await this.throttle.clear(user.username)
    await this.audit.record(admin, { action: 'user.unlock', targetType: 'user', targetId: id })
    return this.summary(id)
  }

  /** Disables the account and ends its sessions at once; an admin cannot disable themselves. */
  async disable(admin: SessionUser, scope: Scope, id: string): Promise<UserSummary> {
    await this.inScope(scope, id)
    if (id === admin.id) throw new DomainError('FORBIDDEN', 'you cannot disable your own account')
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.setDisabled(tx, id, true)
      await this.audit.append(tx, admin, { action: 'user.disable', targetType: 'user', targetId: id })
    })
    const revoked = await this.sessions.revokeAllOf(id)
    if (revoked > 0) {
      await this.audit.record(admin, {
        action: 'auth.sessions_revoked',
        targetType: 'user',
        targetId: id,
        details: { sessions: revoked, why: 'disabled' },
      })
    }
    return this.summary(id)
  }

  async enable(admin: SessionUser, scope: Scope, id: string): Promise<UserSummary> {
    await this.inScope(scope, id)
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.setDisabled(tx, id, false)
      await this.audit.append(tx, admin, { action: 'user.enable', targetType: 'user', targetId: id })
    })
    return this.summary(id)
  }

  /**
   * Gives a user who forgot their password a new, random temporary one, answered once to the
   * admin (never stored in clear nor audited); ends the account's sessions and its sign-in
   * back-offs. Not the admin's own account (that is changed with the current password). An
   * account of another region is refused as such (403), as persons are.
   */
  async resetPassword(admin: SessionUser, scope: Scope, id: string): Promise<PasswordReset> {
    const user = await this.repo.regionOf(this.database.db, id)
    if (!user) throw new DomainError('NOT_FOUND', `user ${id} does not exist`)
    scope.assert(user.region_code, `user ${id}`)
    if (id === admin.id) {
      throw new DomainError('FORBIDDEN', 'change your own password with the current one, not by a reset')
    }
    const password = temporaryPassword()
    const hash = await hashPassword(password)
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.setPassword(tx, id, hash, true)
      await this.audit.append(tx, admin, { action: 'user.password_reset', targetType: 'user', targetId: id })
    })
    const sessionsEnded = await this.sessions.revokeAllOf(id)
    if (sessionsEnded > 0) {
      await this.audit.record(admin, {
        action: 'auth.sessions_revoked',
        targetType: 'user',
        targetId: id,
        details: { sessions: sessionsEnded, why: 'password reset' },
      })
    }
    await this.throttle.clear(user.username)
    return { user: await this.summary(id), temporaryPassword: password, sessionsEnded }
  }

  /** The account, when it lies in the admin's scope; one outside it is answered as not found. */
  private async inScope(scope: Scope, id: string): Promise<{ username: string }> {
    const user = await this.repo.find(this.database.db, scope, id)
    if (!user) throw new DomainError('NOT_FOUND', `user ${id} does not exist`)
    return user
  }

  private async summary(id: string): Promise<UserSummary> {
    return toSummary(await this.repo.summary(this.database.db, id), true)
  }
}

function toSummary(
  r: {
    id: string
    username: string
    display_name: string
    role: Role
    region_code: string
    region_name: string
    disabled: boolean
    locked_until: Date | null
  },
  masked: boolean,
): UserSummary {
  return {
    id: r.id,
    username: masked ? maskUsername(r.username) : r.username,
    // A citizen's display name is their real name (registration): masked like a person's.
    displayName: masked && r.role === 'citizen' ? maskName(r.display_name) : r.display_name,
    role: r.role,
    regionCode: r.region_code,
    regionName: r.region_name,
    disabled: r.disabled,
    lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
  }
}
