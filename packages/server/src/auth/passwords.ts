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
