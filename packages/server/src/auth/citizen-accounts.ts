import { sql } from 'kysely'
import type { Transaction } from 'kysely'
import type { DB } from '../db/schema.generated.js'

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
  const earlier = await tx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('person_id', '=', personId)
    .where('role', '=', 'citizen')
    .execute()
  const out: { id: string; username: string; revokedSessions: number }[] = []
  for (const account of earlier) {
    await tx
      .updateTable('users')
      .set({ disabled: true, person_id: null, updated_at: sql<Date>`now()` })
      .where('id', '=', account.id)
      .execute()
    const revoked = await tx
      .updateTable('sessions')
      .set({ revoked_at: sql<Date>`now()` })
      .where('user_id', '=', account.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    out.push({ ...account, revokedSessions: Number(revoked.numUpdatedRows) })
  }
  return out
}

/** Creates the citizen's account, bound to their person. */
export async function insertCitizenUser(
  tx: Transaction<DB>,
  u: { username: string; displayName: string; passwordHash: string; regionCode: string; personId: string },
): Promise<{ id: string }> {
  return tx
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: 'citizen',
      region_code: u.regionCode,
      person_id: u.personId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}
