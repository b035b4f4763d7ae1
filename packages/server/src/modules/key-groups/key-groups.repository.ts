import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/kit.js'
import type { KeyGroupMemberships } from '../../db/schema.generated.js'

/** SQL of key-group memberships (应检尽检); one query per method (#15). */
export class KeyGroupsRepository {
  /** Adds a membership, or sets the interval of an existing one. */
  upsert(
    tx: Executor,
    m: { personId: string; regionCode: string; group: KeyGroupMemberships['grp']; intervalDays: number },
  ) {
    return tx
      .insertInto('key_group_memberships')
      .values({
        person_id: m.personId,
        grp: m.group,
        interval_days: m.intervalDays,
        region_code: m.regionCode,
      })
      .onConflict((oc) => oc.columns(['person_id', 'grp']).doUpdateSet({ interval_days: m.intervalDays }))
      .execute()
  }

  membershipsOf(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('key_group_memberships')
      .select(['person_id', 'grp', 'interval_days'])
      .where('person_id', 'in', [...personIds])
      .execute()
  }

  /** True for a person (`persons p`) in any key group (dry runs). */
  hasMembership(): RawBuilder<boolean> {
    return sql<boolean>`exists (select 1 from key_group_memberships k where k.person_id = p.id)`
  }
}
