import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import type { Transaction } from 'kysely'
import {
  assertResidentIdPlausible,
  DomainError,
  maskIdNumber,
  normalizeIdNumber,
  normalizePhone,
  parseResidentId,
  phoneSpellings,
  regionLevel,
  type ErrorCode,
  type IdType,
} from '@lianfang/core'
import type { CitizenRegisterBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { SessionUser } from '../../auth/session-user.js'
import { isNodeOperator, type Scope } from '../../auth/scope.js'
import { requireRegion } from '../../db/kit.js'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import type { AuditService } from '../../audit/audit.service.js'
import { hashPassword } from '../../auth/passwords.js'
import type { SmsSender } from './sms-sender.js'
import { insertCitizenUser, releaseCitizenAccounts } from '../../auth/citizen-accounts.js'
import { PersonsRepository } from '../persons/index.js'
import { CitizensRepository } from './citizens.repository.js'
import { SmsOutboxRepository } from './sms-outbox.repository.js'

export interface OtpPolicy {
  readonly ttlSeconds: number
  readonly resendSeconds: number
  readonly maxAttempts: number
}

export const DEFAULT_OTP_POLICY: OtpPolicy = { ttlSeconds: 300, resendSeconds: 60, maxAttempts: 5 }
const PERSONS = new PersonsRepository()
const OUTBOX = new SmsOutboxRepository()
const SYSTEM = { name: 'citizen-registration', role: 'system' } as const

/** Refusals after the code was verified: each costs one attempt of the code (not the code). */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['IDENTITY_NOT_VERIFIED', 'CONFLICT'])

/** Sessions of accounts a registration replaces are dropped from the session cache too. */
export interface SessionRevoker {
  revokeAllOf(userId: string): Promise<unknown>
}

/**
 * One answer for "no record and no community given" and "a record with another phone or none":
 * telling them apart would tell anyone with a phone whether an ID number is registered.
 */
function notVerified(): DomainError {
  return new DomainError(
    'IDENTITY_NOT_VERIFIED',
    'this identity document cannot be linked to this phone number. If your community has registered you ' +
      '(with another phone number or none), ask your community office to verify your phone number, then ' +
      'register again; if you have never been registered, choose the community you live in (regionCode).',
  )
}

/**
 * Citizen sign-up: the phone is confirmed with a one-time code, then the account is linked to
 * the existing person record with the same identity document (never a second person) — only
 * when that record has this phone on it and the name matches, so knowing someone's name and ID
 * number is not enough to take over their record (issue #14).
 */
export class CitizensService {
  constructor(
    private readonly database: Database,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly sms: SmsSender,
    private readonly sessions: SessionRevoker,
    private readonly otpKey: Uint8Array,
    private readonly policy: OtpPolicy = DEFAULT_OTP_POLICY,
  ) {}

  private readonly repo = new CitizensRepository()

  private hash(phone: string, code: string): string {
    return createHmac('sha256', this.otpKey).update(`${phone}:${code}`).digest('hex')
  }

  async requestOtp(phone: string): Promise<{ ok: true; expiresInSeconds: number }> {
    const recent = await this.repo.recentOtp(this.database.db, phone, this.policy.resendSeconds)
    if (recent)
      throw new DomainError(
        'RATE_LIMITED',
        `a code was sent less than ${this.policy.resendSeconds} s ago; wait before asking again`,
      )
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    await this.repo.insertOtp(this.database.db, {
      phone,
      purpose: 'register',
      code_hash: this.hash(phone, code),
      expires_at: new Date(Date.now() + this.policy.ttlSeconds * 1000),
    })
    await this.sms.send(
      phone,
      `【联防】您的验证码是 ${code}，${Math.round(this.policy.ttlSeconds / 60)} 分钟内有效。Your Lianfang code: ${code}`,
      await this.regionOfPhone(phone),
    )
    return { ok: true, expiresInSeconds: this.policy.ttlSeconds }
  }

  /**
   * The region a number belongs to, for the outbox: its account's region, else the region of
   * the person records with this phone when they all lie in one; null when it is tied to none
   * (or to several), and only the node's operators may read the message.
   */
  private async regionOfPhone(phone: string): Promise<string | null> {
    const account = await this.repo.accountOf(this.database.db, phone)
    if (account) return account.region_code
    const regions = await this.repo.regionsOfPhone(this.database.db, phoneSpellings(phone))
    return regions.length === 1 ? (regions[0]?.region_code ?? null) : null
  }

  /**
   * Checks the newest unused code for the phone and returns its id; the code is spent by the
   * registration's transaction. A wrong code costs an attempt.
   */
  private async verifyOtp(phone: string, code: string): Promise<string> {
    const row = await this.repo.newestUnusedOtp(this.database.db, phone)
    if (!row) throw new DomainError('OTP_INVALID', 'no code was requested for this phone', { reason: 'none' })
    if (row.expires_at < new Date())
      throw new DomainError('OTP_INVALID', 'the code has expired; ask for a new one', { reason: 'expired' })
    if (row.attempts >= this.policy.maxAttempts) {
      throw new DomainError('OTP_INVALID', 'too many wrong codes; ask for a new one', { reason: 'attempts' })
    }
    const ok = timingSafeEqual(Buffer.from(row.code_hash, 'hex'), Buffer.from(this.hash(phone, code), 'hex'))
    if (!ok) {
      await this.spendAttempt(row.id)
      throw new DomainError('OTP_INVALID', 'wrong code', {
        reason: 'mismatch',
        attemptsLeft: this.policy.maxAttempts - row.attempts - 1,
      })
    }
    return row.id
  }

  private async spendAttempt(otpId: string): Promise<void> {
    await this.repo.spendAttempt(this.database.db, otpId)
  }

  /**
   * Registers a citizen. What the request alone shows to be wrong (an ID number that cannot be
   * real, a region that does not exist) is answered before the one-time code is looked at;
   * anything that depends on who is registered only after the code is verified, so no answer
   * about the register comes without owning a phone. A refusal then costs one attempt of the code.
   *
   * Binding to an existing person needs the phone on record (issue #14): the verified phone must
   * be the person's phone (normalised). Otherwise — another phone, none, or no record and no
   * community given — the answer is one and the same (`IDENTITY_NOT_VERIFIED`), so it does not
   * tell whether the ID number is registered; the community verifies the phone
   * (`PersonsService.verifyPhone`). A citizen account bound earlier by another phone is then
   * disabled, unlinked and signed out (audited `citizen.takeover`): the owner of the phone on
   * record takes the record back.
   */
  async register(body: CitizenRegisterBody): Promise<{
    userId: string
    personId: string
    username: string
    linkedExisting: boolean
  }> {
    const idType = body.idType
    const idNumber = normalizeIdNumber(idType, body.idNumber)
    if (idType === 'resident') assertResidentIdPlausible('idNumber', idNumber, new Date())
    const name = body.name.trim()
    if (body.regionCode) {
      if (regionLevel(body.regionCode) !== 'community')
        throw new DomainError('REGION_INVALID', 'regionCode must be the community (12 digits) you live in')
      await requireRegion(this.database.db, body.regionCode)
    }
    const hash = this.cipher.lookupHash(idType, idNumber)
    const otpId = await this.verifyOtp(body.phone, body.code)
    const passwordHash = await hashPassword(body.password)
    let outcome: Awaited<ReturnType<CitizensService['bind']>>
    try {
      outcome = await this.database.db
        .transaction()
        .execute((tx) => this.bind(tx, body, { idType, idNumber, hash, name, passwordHash, otpId }))
    } catch (e) {
      if (e instanceof DomainError && REFUSALS.has(e.code)) await this.spendAttempt(otpId)
      throw e
    }
    // Drop the replaced accounts' sessions from the session cache too (the rows are revoked).
    for (const userId of outcome.replaced) await this.sessions.revokeAllOf(userId)
    return {
      userId: outcome.userId,
      personId: outcome.personId,
      username: outcome.username,
      linkedExisting: outcome.linkedExisting,
    }
  }

  private async bind(
    tx: Transaction<DB>,
    body: CitizenRegisterBody,
    id: {
      idType: IdType
      idNumber: string
      hash: Uint8Array
      name: string
      passwordHash: string
      otpId: string
    },
  ) {
    const taken = await this.repo.accountOf(tx, body.phone)
    if (taken) throw new DomainError('CONFLICT', 'an account with this phone number exists; sign in instead')
    const existing = await this.repo.personByIdHash(tx, id.idType, id.hash)
    let personId: string
    let regionCode: string
    const replaced: string[] = []
    if (existing) {
      const onRecord =
        existing.phone !== null && normalizePhone(existing.phone) === normalizePhone(body.phone)
      if (!onRecord) throw notVerified()
      // Only the owner of the phone on record gets this far: telling them is no leak.
      if (existing.name !== id.name)
        throw new DomainError(
          'CONFLICT',
          'the name does not match the person registered with this identity document',
        )
      personId = existing.id
      regionCode = existing.region_code
      // The accounts bound from another phone are disabled (the auth kernel's tables).
      for (const account of await releaseCitizenAccounts(tx, personId)) {
        await this.audit.append(tx, SYSTEM, {
          action: 'citizen.takeover',
          targetType: 'person',
          targetId: personId,
          reason: 'registered from the phone on record; the account bound from another phone is disabled',
          details: {
            disabledUserId: account.id,
            disabledUsername: account.username,
            revokedSessions: account.revokedSessions,
          },
        })
        replaced.push(account.id)
      }
    } else {
      if (!body.regionCode) throw notVerified()
      const parsed = id.idType === 'resident' ? parseResidentId(id.idNumber) : undefined
      const person = await PERSONS.insert(tx, {
        region_code: body.regionCode,
        household_id: null,
        name: id.name,
        sex: parsed?.ok ? parsed.value.sex : 'unknown',
        birth_date: parsed?.ok ? parsed.value.birthDate : null,
        phone: body.phone,
        id_type: id.idType,
        id_number_enc: this.cipher.encrypt(id.idNumber),
        id_number_hash: id.hash,
        id_number_masked: maskIdNumber(id.idType, id.idNumber),
        address: null,
      })
      personId = person.id
      regionCode = body.regionCode
      await this.audit.append(tx, SYSTEM, {
        action: 'person.create',
        targetType: 'person',
        targetId: personId,
        details: { via: 'citizen registration' },
      })
    }
    if (!(await this.repo.useOtp(tx, id.otpId)))
      throw new DomainError('OTP_INVALID', 'the code was used meanwhile; ask for a new one', {
        reason: 'none',
      })
    const user = await insertCitizenUser(tx, {
      username: body.phone,
      displayName: id.name,
      passwordHash: id.passwordHash,
      regionCode,
      personId,
    })
    await this.audit.append(tx, SYSTEM, {
      action: 'citizen.register',
      targetType: 'person',
      targetId: personId,
      details: { userId: user.id, linkedExisting: Boolean(existing), replacedUserIds: replaced },
    })
    return { userId: user.id, personId, username: body.phone, linkedExisting: Boolean(existing), replaced }
  }

  /**
   * The development outbox, as far as the reader may see it: messages to numbers of their
   * region's subtree, and — for the node's operators only — messages to numbers tied to no
   * region yet. Reading it is audited: the messages carry live one-time codes.
   */
  async smsOutbox(user: SessionUser, scope: Scope, nodeRegion: string, page: number, pageSize: number) {
    const operator = isNodeOperator(user, nodeRegion)
    const db = this.database.db
    const [rows, total] = await Promise.all([
      OUTBOX.list(db, scope, operator, page, pageSize),
      OUTBOX.count(db, scope, operator),
    ])
    await this.audit.record(user, {
      action: 'sms.read',
      targetType: 'sms_outbox',
      details: { page, pageSize, ids: rows.map((r) => r.id), withUnregioned: operator },
    })
    return {
      items: rows.map((r) => ({
        id: r.id,
        phone: r.phone,
        body: r.body,
        sender: r.sender,
        createdAt: r.created_at.toISOString(),
      })),
      total,
      page,
      pageSize,
    }
  }
}
