import type { Executor } from '../../db/kit.js'

/**
 * The onset of a person's open case (not excluded), read by the testing module to refuse an
 * antibody result sampled before it (CASE.SUSPECT.EXCLUDE counts serum taken ≥ 7 days after onset;
 * one taken before the onset belongs to no illness of this case). A read of the cases' table: the
 * cases module owns its writes.
 */
export async function openCaseOnset(db: Executor, personId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('cases')
    .select('onset_at')
    .where('person_id', '=', personId)
    .where('outcome', 'is', null)
    .where('status', '!=', 'excluded')
    .executeTakeFirst()
  return row?.onset_at ? new Date(row.onset_at) : null
}
