import { sql } from 'kysely'
import type { IdType } from '@lianfang/core'
import type { Executor } from '../../db/kit.js'

export interface NewOtpRow {
  readonly phone: string
  readonly purpose: 'register'
  readonly code_hash: string
  readonly expires_at: Date
}

/**
 * SQL of citizen sign-up: one-time codes, and the look-ups a registration makes of accounts and
 * person records by phone and identity document; one query per method (STYLE.md §5). These
 * serve public routes with no signed-in user, so no scope: what they find decides the answer
 * (docs: `CitizensService.register`), and is never returned as it is.
 */
export class CitizensRepository {
  /** A code sent to this phone in the last `seconds` (the resend cool-down). */
  recentOtp(db: Executor, phone: string, seconds: number) {
    return db
      .selectFrom('otp_codes')
      .select('created_at')
      .where('phone', '=', phone)
      .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
      .executeTakeFirst()
  }

  async insertOtp(db: Executor, row: NewOtpRow): Promise<void> {
    await db.insertInto('otp_codes').values(row).execute()
  }

  /** The newest unused code of a phone. */
  newestUnusedOtp(db: Executor, phone: string) {
    return db
      .selectFrom('otp_codes')
      .select(['id', 'code_hash', 'expires_at', 'attempts'])
      .where('phone', '=', phone)
      .where('used_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
  }

  /** A wrong code costs an attempt. */
  async spendAttempt(db: Executor, otpId: string): Promise<void> {
    await db
      .updateTable('otp_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', otpId)
      .execute()
  }

  /** Marks a code used unless it already was; whether this call used it. */
  async useOtp(db: Executor, otpId: string): Promise<boolean> {
    const used = await db
      .updateTable('otp_codes')
      .set({ used_at: sql<Date>`now()` })
      .where('id', '=', otpId)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    return Number(used.numUpdatedRows) === 1
  }

  /** The account whose username is this phone. */
  accountOf(db: Executor, username: string) {
    return db
      .selectFrom('users')
      .select(['id', 'region_code'])
      .where('username', '=', username)
      .executeTakeFirst()
  }

  /** The distinct regions of person records with this phone (any spelling), at most two. */
  regionsOfPhone(db: Executor, spellings: readonly string[]) {
    return db
      .selectFrom('persons')
      .select('region_code')
      .distinct()
      .where('phone', 'in', [...spellings])
      .limit(2)
      .execute()
  }

  /** The person registered with an identity document, by its look-up hash. */
  personByIdHash(db: Executor, idType: IdType, hash: Uint8Array) {
    return db
      .selectFrom('persons')
      .select(['id', 'name', 'region_code', 'phone'])
      .where('id_type', '=', idType)
      .where('id_number_hash', '=', hash)
      .executeTakeFirst()
  }
}
