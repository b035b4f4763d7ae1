import type { FactCreated, KeyGroupBody } from '@lianfang/contracts'
import type { SessionUser } from '../../auth/session-user.js'
import type { FactSource, FactWriter } from '../health-codes/index.js'
import { KeyGroupsRepository } from './key-groups.repository.js'

const repo = new KeyGroupsRepository()

/** 应检尽检 key groups (RULES TEST.MUST): who must be tested how often. #17 grows it. */
export class KeyGroupsService {
  constructor(private readonly writer: FactWriter) {}

  setKeyGroup(user: SessionUser, body: KeyGroupBody): Promise<FactCreated> {
    return this.writer.change(user, body.personId, 'fact.key_group', async (tx, p) => {
      await repo.upsert(tx, {
        personId: p.id,
        regionCode: p.region_code,
        group: body.group,
        intervalDays: body.intervalDays,
      })
      return p.id
    })
  }
}

/** Memberships as health-code facts (an overdue member turns yellow per the rule set). */
export const keyGroupFacts: FactSource = {
  name: 'key-groups',
  async load(db, personIds, facts) {
    for (const g of await repo.membershipsOf(db, personIds))
      facts.get(g.person_id).keyGroups.push({ group: g.grp, intervalDays: g.interval_days })
  },
  hasFacts: () => repo.hasMembership(),
}
