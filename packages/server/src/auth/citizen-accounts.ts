import type { Transaction } from 'kysely'
import type { DB } from '../db/schema.generated.js'
import { SessionsRepository } from './sessions.repository.js'
import { UsersRepository } from './users.repository.js'

const users = new UsersRepository()
const sessions = new SessionsRepository()

/**
 * The account side of citizen registration (the citizens module asks; accounts are the auth
 * kernel's tables). Inside the registration's transaction.
 */

/**
 * Unbinds and disables every citizen account bound to the person and revokes its sessions (the
 * real owner registering from the phone on record takes the person back). Returns what it did.
 */
export async function releaseCitizenAccounts(
  tx: Transaction<DB>,
  personId: string,
): Promise<{ id: string; username: string; revokedSessions: number }[]> {
  const earlier = await users.citizensOfPerson(tx, personId)
  const out: { id: string; username: string; revokedSessions: number }[] = []
  for (const account of earlier) {
    await users.disableAndUnbind(tx, account.id)
    const revoked = await sessions.revokeAllOf(tx, account.id)
    out.push({ ...account, revokedSessions: Number(revoked.numUpdatedRows) })
  }
  return out
}

/** Creates the citizen's account, bound to their person. */
export async function insertCitizenUser(
  tx: Transaction<DB>,
  u: { username: string; displayName: string; passwordHash: string; regionCode: string; personId: string },
): Promise<{ id: string }> {
  const row = await users.insert(tx, {
    username: u.username,
    display_name: u.displayName,
    password_hash: u.passwordHash,
    role: 'citizen',
    region_code: u.regionCode,
    person_id: u.personId,
  })
  return { id: row.id }
}
