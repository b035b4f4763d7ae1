import { likePrefix, type Executor } from '../../db/kit.js'

/**
 * Allowed check-ins of these persons since `since` at venues inside any of the region prefixes
 * (being checked in at a venue inside a risk area is being there): for grading trips.
 */
export function checkinVisitsInAreas(
  db: Executor,
  personIds: readonly string[],
  prefixes: readonly string[],
  since: Date,
): Promise<
  {
    person_id: string | null
    region_code: string
    name: string
    checked_in_at: Date
    checked_out_at: Date | null
  }[]
> {
  return db
    .selectFrom('checkins as c')
    .innerJoin('venues as v', 'v.id', 'c.venue_id')
    .innerJoin('regions as r', 'r.code', 'v.region_code')
    .select(['c.person_id', 'v.region_code', 'r.name', 'c.checked_in_at', 'c.checked_out_at'])
    .where('c.person_id', 'in', [...personIds])
    .where('c.decision', '=', 'allow')
    .where('c.checked_in_at', '>', since)
    .where((eb) => eb.or(prefixes.map((p) => eb('v.region_code', 'like', likePrefix(p)))))
    .execute()
}
