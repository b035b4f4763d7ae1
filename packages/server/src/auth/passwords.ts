import { randomInt } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

// OWASP password storage cheat sheet: argon2id, m = 19 MiB, t = 2, p = 1.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

/** Verifies, never throwing on a malformed stored hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** A fixed hash to verify against when the user does not exist, so timing does not reveal it. */
let dummy: Promise<string> | undefined
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('lianfang-dummy-password')
  return dummy
}

/** Letters and digits that cannot be mistaken for one another when read out or copied by hand. */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * A temporary password for an admin's reset: 14 characters of a 55-letter alphabet (about 80
 * bits, from the CSPRNG), grouped `xxxx-xxxx-xxxx-xx` to be read out.
 */
export function temporaryPassword(): string {
  let out = ''
  for (let i = 0; i < 14; i++) {
    if (i > 0 && i % 4 === 0) out += '-'
    out += TEMPORARY_ALPHABET.charAt(randomInt(TEMPORARY_ALPHABET.length))
  }
  return out
}
