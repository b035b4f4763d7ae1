import { createHash } from 'node:crypto'
import { DomainError } from '@lianfang/core'
import type { Database } from '../db/database.js'
import { LoginFailuresRepository } from './login-failures.repository.js'

export interface LoginPolicy {
  /** Wrong passwords for one name from one client address before that address must wait. */
  readonly maxFailures: number
  /** The longest wait of one address, in minutes; the wait doubles up to it. */
  readonly lockMinutes: number
}

/** The `address` of the account-wide counter. */
const ANY_ADDRESS = '*'
/** Account-wide failures (from any address) before addresses that failed too must wait: generous. */
const ACCOUNT_FACTOR = 20
/** The account-wide wait never exceeds this: it slows a spread-out guesser, it never locks. */
const ACCOUNT_CAP_SECONDS = 60
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 24 * 3600_000

/**
 * What a failed sign-in is counted under: the lower-cased name when it could be a username, else
 * `#` and its SHA-256 (nothing that cannot be a username — NUL, ill-formed UTF-16, 64 characters of
 * anything — is stored or compared). Unknown names are counted exactly like real ones.
 */
export function accountKey(username: string): string {
  const name = username.trim().toLowerCase()
  return isUsernameShaped(name) ? name : `#${createHash('sha256').update(name).digest('hex')}`
}

/** The shape every username has (the `users.username` check constraint). */
export function isUsernameShaped(name: string): boolean {
  return /^[a-z0-9_.-]{3,64}$/.test(name)
}

/**
 * Back-off of failed sign-ins per (name, client address), OWASP Authentication Cheat Sheet
 * "Login Throttling": after `maxFailures` wrong passwords an address waits 2, 4, 8 … seconds (up to
 * `lockMinutes`) before it may try that name again, while the real user elsewhere signs in as
 * usual. A generous account-wide counter (20 × `maxFailures`, any address) adds a short wait (at
 * most a minute) for addresses that have themselves failed: a guesser spread over many addresses
 * is slowed, and an address that has not failed is never held back, so nobody can lock an account.
 * The same happens for names that are no account, so the answers do not tell which names exist.
 */
export class LoginThrottle {
  private failuresSincePurge = 0
  private readonly repo = new LoginFailuresRepository()

  constructor(
    private readonly database: Database,
    private readonly policy: LoginPolicy,
  ) {}

  /** Throws RATE_LIMITED (`details.retryAfterSeconds`) while this address must wait for this name. */
  async check(key: string, address: string): Promise<void> {
    const rows = await this.repo.find(this.database.db, key, [address, ANY_ADDRESS])
    const now = Date.now()
    const own = rows.find((r) => r.address === address)
    const account = rows.find((r) => r.address === ANY_ADDRESS)
    let until = own?.blocked_until?.getTime() ?? 0
    if (own && own.failures > 0) until = Math.max(until, account?.blocked_until?.getTime() ?? 0)
    if (until > now) {
      const retryAfterSeconds = Math.ceil((until - now) / 1000)
      throw new DomainError(
        'RATE_LIMITED',
        `too many failed sign-ins from this address; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      )
    }
  }

  /** Counts a failure of `address` for `key` (and account-wide), setting the next wait. */
  async fail(key: string, address: string): Promise<void> {
    await this.count(key, address, this.policy.maxFailures, this.policy.lockMinutes * 60)
    await this.count(key, ANY_ADDRESS, this.policy.maxFailures * ACCOUNT_FACTOR, ACCOUNT_CAP_SECONDS)
    if (++this.failuresSincePurge >= 100) {
      this.failuresSincePurge = 0
      await this.repo.purge(this.database.db, new Date(Date.now() - FORGET_AFTER_MS), new Date())
    }
  }

  /** A successful sign-in from `address` forgets that address's failures and the account-wide count. */
  async succeed(key: string, address: string): Promise<void> {
    await this.repo.deleteAt(this.database.db, key, [address, ANY_ADDRESS])
  }

  /** An administrator's unlock: every address may try again at once. */
  async clear(key: string): Promise<void> {
    await this.repo.deleteAll(this.database.db, key)
  }

  private async count(key: string, address: string, free: number, capSeconds: number): Promise<void> {
    const now = new Date()
    const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS)
    const row = await this.repo.countFailure(this.database.db, key, address, now, forgetBefore)
    if (row.failures < free) return
    const seconds = Math.min(2 ** Math.min(row.failures - free + 1, 30), capSeconds)
    await this.repo.block(this.database.db, key, address, new Date(now.getTime() + seconds * 1000))
  }
}
