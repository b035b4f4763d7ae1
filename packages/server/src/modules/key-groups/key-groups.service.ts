import { sql } from 'kysely'
import type { FactCreated, KeyGroupBody } from '@lianfang/contracts'
import type { SessionUser } from '../../auth/session-user.js'
import type { Executor } from '../../db/kit.js'
import type { FactSource, FactWriter } from '../health-codes/index.js'

/** 应检尽检 key groups (RULES TEST.MUST): who must be tested how often. #17 grows it. */
export class KeyGroupsService {
  constructor(private readonly writer: FactWriter) {}

  setKeyGroup(user: SessionUser, body: KeyGroupBody): Promise<FactCreated> {
    return this.writer.change(user, body.personId, 'fact.key_group', async (tx, p) => {
      await tx
        .insertInto('key_group_memberships')
        .values({
          person_id: p.id,
          grp: body.group,
          interval_days: body.intervalDays,
          region_code: p.region_code,
        })
        .onConflict((oc) =>
          oc.columns(['person_id', 'grp']).doUpdateSet({ interval_days: body.intervalDays }),
        )
        .execute()
      return p.id
    })
  }
}

function membershipsOf(db: Executor, personIds: readonly string[]) {
  return db
    .selectFrom('key_group_memberships')
    .select(['person_id', 'grp', 'interval_days'])
    .where('person_id', 'in', [...personIds])
    .execute()
}

/** Memberships as health-code facts (an overdue member turns yellow per the rule set). */
export const keyGroupFacts: FactSource = {
  name: 'key-groups',
  async load(db, personIds, facts) {
    for (const g of await membershipsOf(db, personIds))
      facts.get(g.person_id).keyGroups.push({ group: g.grp, intervalDays: g.interval_days })
  },
  hasFacts: () => sql<boolean>`exists (select 1 from key_group_memberships k where k.person_id = p.id)`,
}
