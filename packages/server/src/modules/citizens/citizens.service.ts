import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import {
  DomainError,
  maskIdNumber,
  normalizeIdNumber,
  parseResidentId,
  regionLevel,
  type IdType,
} from '@lianfang/core'
import type { CitizenRegisterBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import type { AuditService } from '../../audit/audit.service.js'
import { hashPassword } from '../../auth/passwords.js'
import type { SmsSender } from './sms-sender.js'

export interface OtpPolicy {
  readonly ttlSeconds: number
  readonly resendSeconds: number
  readonly maxAttempts: number
}

export const DEFAULT_OTP_POLICY: OtpPolicy = { ttlSeconds: 300, resendSeconds: 60, maxAttempts: 5 }
const SYSTEM = { name: 'citizen-registration', role: 'system' } as const

/**
 * Citizen sign-up: the phone is confirmed with a one-time code, then the account is linked to
 * the existing person record with the same identity document (never a second person) — only
 * if the name matches too, so an ID number alone cannot take over someone's record.
 */
export class CitizensService {
  constructor(
    private readonly database: Database,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly sms: SmsSender,
    private readonly otpKey: Uint8Array,
    private readonly policy: OtpPolicy = DEFAULT_OTP_POLICY,
  ) {}

  private hash(phone: string, code: string): string {
    return createHmac('sha256', this.otpKey).update(`${phone}:${code}`).digest('hex')
  }

  async requestOtp(phone: string): Promise<{ ok: true; expiresInSeconds: number }> {
    const recent = await this.database.db
      .selectFrom('otp_codes')
      .select('created_at')
      .where('phone', '=', phone)
      .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${this.policy.resendSeconds})`)
      .executeTakeFirst()
    if (recent)
      throw new DomainError(
        'RATE_LIMITED',
        `a code was sent less than ${this.policy.resendSeconds} s ago; wait before asking again`,
      )
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    await this.database.db
      .insertInto('otp_codes')
      .values({
        phone,
        purpose: 'register',
        code_hash: this.hash(phone, code),
        expires_at: new Date(Date.now() + this.policy.ttlSeconds * 1000),
      })
      .execute()
    await this.sms.send(
      phone,
      `【联防】您的验证码是 ${code}，${Math.round(this.policy.ttlSeconds / 60)} 分钟内有效。Your Lianfang code: ${code}`,
    )
    return { ok: true, expiresInSeconds: this.policy.ttlSeconds }
  }

  /** Checks (and consumes) the newest unused code for the phone. */
  private async consumeOtp(phone: string, code: string): Promise<void> {
    const row = await this.database.db
      .selectFrom('otp_codes')
      .select(['id', 'code_hash', 'expires_at', 'attempts'])
      .where('phone', '=', phone)
      .where('used_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (!row) throw new DomainError('OTP_INVALID', 'no code was requested for this phone', { reason: 'none' })
    if (row.expires_at < new Date())
      throw new DomainError('OTP_INVALID', 'the code has expired; ask for a new one', { reason: 'expired' })
    if (row.attempts >= this.policy.maxAttempts) {
      throw new DomainError('OTP_INVALID', 'too many wrong codes; ask for a new one', { reason: 'attempts' })
    }
    const ok = timingSafeEqual(Buffer.from(row.code_hash, 'hex'), Buffer.from(this.hash(phone, code), 'hex'))
    if (!ok) {
      await this.database.db
        .updateTable('otp_codes')
        .set({ attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .execute()
      throw new DomainError('OTP_INVALID', 'wrong code', {
        reason: 'mismatch',
        attemptsLeft: this.policy.maxAttempts - row.attempts - 1,
      })
    }
    await this.database.db
      .updateTable('otp_codes')
      .set({ used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute()
  }

  async register(
    body: CitizenRegisterBody,
  ): Promise<{ userId: string; personId: string; username: string; linkedExisting: boolean }> {
    const idType = body.idType
    const idNumber = normalizeIdNumber(idType, body.idNumber)
    const name = body.name.trim()
    if (body.regionCode && regionLevel(body.regionCode) !== 'community') {
      throw new DomainError('REGION_INVALID', 'regionCode must be the community (12 digits) you live in')
    }
    const taken = await this.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', body.phone)
      .executeTakeFirst()
    if (taken) throw new DomainError('CONFLICT', 'an account with this phone number exists; sign in instead')
    const hash = this.cipher.lookupHash(idType, idNumber)
    // Everything the caller can fix is checked before the one-time code is spent.
    await this.checkRegistrable(idType, hash, name, body.regionCode)
    await this.consumeOtp(body.phone, body.code)
    const passwordHash = await hashPassword(body.password)
    return this.database.db.transaction().execute(async (tx) => {
      const existing = await tx
        .selectFrom('persons')
        .select(['id', 'name', 'region_code'])
        .where('id_type', '=', idType)
        .where('id_number_hash', '=', hash)
        .executeTakeFirst()
      let personId: string
      let regionCode: string
      if (existing) {
        if (existing.name !== name) {
          throw new DomainError(
            'CONFLICT',
            'the name does not match the person registered with this identity document',
          )
        }
        const linked = await tx
          .selectFrom('users')
          .select('id')
          .where('person_id', '=', existing.id)
          .executeTakeFirst()
        if (linked) throw new DomainError('CONFLICT', 'this person already has an account')
        personId = existing.id
        regionCode = existing.region_code
        await tx
          .updateTable('persons')
          .set({ phone: body.phone })
          .where('id', '=', personId)
          .where('phone', 'is', null)
          .execute()
      } else {
        if (!body.regionCode) {
          throw new DomainError(
            'REGION_REQUIRED',
            'no person is registered with this identity document: give the community you live in (regionCode)',
            { field: 'regionCode' },
          )
        }
        const region = await tx
          .selectFrom('regions')
          .select('code')
          .where('code', '=', body.regionCode)
          .executeTakeFirst()
        if (!region) throw new DomainError('REGION_NOT_FOUND', `region ${body.regionCode} does not exist`)
        const parsed = idType === 'resident' ? parseResidentId(idNumber) : undefined
        const person = await tx
          .insertInto('persons')
          .values({
            region_code: body.regionCode,
            name,
            sex: parsed?.ok ? parsed.value.sex : 'unknown',
            birth_date: parsed?.ok ? parsed.value.birthDate : null,
            phone: body.phone,
            id_type: idType,
            id_number_enc: this.cipher.encrypt(idNumber),
            id_number_hash: hash,
            id_number_masked: maskIdNumber(idType, idNumber),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        personId = person.id
        regionCode = body.regionCode
        await this.audit.append(tx, SYSTEM, {
          action: 'person.create',
          targetType: 'person',
          targetId: personId,
          details: { via: 'citizen registration' },
        })
      }
      const user = await tx
        .insertInto('users')
        .values({
          username: body.phone,
          display_name: name,
          password_hash: passwordHash,
          role: 'citizen',
          region_code: regionCode,
          person_id: personId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await this.audit.append(tx, SYSTEM, {
        action: 'citizen.register',
        targetType: 'person',
        targetId: personId,
        details: { userId: user.id, linkedExisting: Boolean(existing) },
      })
      return { userId: user.id, personId, username: body.phone, linkedExisting: Boolean(existing) }
    })
  }

  private async checkRegistrable(
    idType: IdType,
    hash: Uint8Array,
    name: string,
    regionCode: string | undefined,
  ): Promise<void> {
    const db = this.database.db
    const existing = await db
      .selectFrom('persons')
      .select(['id', 'name'])
      .where('id_type', '=', idType)
      .where('id_number_hash', '=', hash)
      .executeTakeFirst()
    if (existing) {
      if (existing.name !== name) {
        throw new DomainError(
          'CONFLICT',
          'the name does not match the person registered with this identity document',
        )
      }
      const linked = await db
        .selectFrom('users')
        .select('id')
        .where('person_id', '=', existing.id)
        .executeTakeFirst()
      if (linked) throw new DomainError('CONFLICT', 'this person already has an account')
      return
    }
    if (!regionCode) {
      throw new DomainError(
        'REGION_REQUIRED',
        'no person is registered with this identity document: give the community you live in (regionCode)',
        { field: 'regionCode' },
      )
    }
    const region = await db
      .selectFrom('regions')
      .select('code')
      .where('code', '=', regionCode)
      .executeTakeFirst()
    if (!region) throw new DomainError('REGION_NOT_FOUND', `region ${regionCode} does not exist`)
  }

  async smsOutbox(page: number, pageSize: number) {
    const [rows, total] = await Promise.all([
      this.database.db
        .selectFrom('sms_outbox')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      this.database.db
        .selectFrom('sms_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ])
    return {
      items: rows.map((r) => ({
        id: r.id,
        phone: r.phone,
        body: r.body,
        sender: r.sender,
        createdAt: r.created_at.toISOString(),
      })),
      total: Number(total.n),
      page,
      pageSize,
    }
  }
}
