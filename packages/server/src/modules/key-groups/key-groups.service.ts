import { DomainError } from '@lianfang/core'
import type {
  CreateLocalKeyGroupBody,
  FactCreated,
  KeyGroupBody,
  KeyGroupItem,
  KeyGroupList,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import { requireRegion } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { FactSource, FactWriter } from '../health-codes/index.js'
import { KeyGroupsRepository } from './key-groups.repository.js'
import type { OverdueService } from './overdue.service.js'

const repo = new KeyGroupsRepository()

type GroupRow = Awaited<ReturnType<KeyGroupsRepository['groupsFor']>>[number]

function toItem(g: GroupRow, members: number, overdue: number): KeyGroupItem {
  return {
    code: g.code,
    kind: g.kind,
    regionCode: g.region_code,
    regionName: g.region_name,
    nameZh: g.name_zh,
    nameEn: g.name_en,
    intervalDays: g.interval_days,
    members,
    overdue,
  }
}

/**
 * 应检尽检 key groups (RULES TEST.MUST, TEST.WILL): the national groups seeded by the migration,
 * the local groups a region defines, and memberships set by hand (a health-code fact).
 */
export class KeyGroupsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly writer: FactWriter,
    private readonly overdue: OverdueService,
  ) {}

  /**
   * Puts a person in a group usable in their region (`GET /api/key-groups`: national, node-wide,
   * or local to the region or an ancestor); any other code is KEY_GROUP_NOT_FOUND, nothing written.
   */
  setKeyGroup(user: SessionUser, body: KeyGroupBody): Promise<FactCreated> {
    return this.writer.change(user, body.personId, 'fact.key_group', async (tx, p) => {
      if (!(await repo.usableGroup(tx, body.group, p.region_code)))
        throw new DomainError(
          'KEY_GROUP_NOT_FOUND',
          `no key group ${body.group} for a person of region ${p.region_code}`,
          { field: 'group' },
        )
      await repo.upsert(tx, {
        personId: p.id,
        regionCode: p.region_code,
        group: body.group,
        intervalDays: body.intervalDays,
      })
      return p.id
    })
  }

  /** The groups usable in the caller's region and subtree, with members and overdue members in scope. */
  async list(user: SessionUser, scope: Scope): Promise<KeyGroupList> {
    const now = new Date()
    const db = this.database.db
    const [groups, members, overdue] = await Promise.all([
      repo.groupsFor(db, user.regionCode, true),
      repo.memberCounts(db, scope),
      this.overdue.overdueMembers(db, scope, { regionPrefix: scope.prefix ?? '' }, now),
    ])
    const memberOf = new Map(members.map((m) => [m.grp, Number(m.n)]))
    const overdueOf = new Map<string, number>()
    for (const m of overdue) overdueOf.set(m.grp, (overdueOf.get(m.grp) ?? 0) + 1)
    return {
      items: groups.map((g) => toItem(g, memberOf.get(g.code) ?? 0, overdueOf.get(g.code) ?? 0)),
      computedAt: now.toISOString(),
    }
  }

  /** Defines a local group of a region in the caller's scope (TEST.WILL), audited. */
  async createLocal(user: SessionUser, scope: Scope, body: CreateLocalKeyGroupBody): Promise<KeyGroupItem> {
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    const nameZh = body.nameZh.trim()
    const nameEn = body.nameEn.trim()
    if (nameZh === '' || nameEn === '')
      throw new DomainError('VALIDATION_FAILED', 'a group needs a name in both languages', {
        field: nameZh === '' ? 'nameZh' : 'nameEn',
      })
    return this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const made = await repo.insertGroup(tx, {
        code: body.code,
        regionCode: body.regionCode,
        nameZh,
        nameEn,
        intervalDays: body.intervalDays,
        createdBy: user.id,
      })
      if (!made)
        throw new DomainError('KEY_GROUP_EXISTS', `a key group with the code ${body.code} exists`, {
          field: 'code',
        })
      await this.audit.append(tx, user, {
        action: 'key_group.create',
        targetType: 'key_group',
        targetId: body.code,
        details: { regionCode: body.regionCode, intervalDays: body.intervalDays, nameZh, nameEn },
      })
      const g = (await repo.groupsFor(tx, body.regionCode, false)).find((x) => x.code === body.code)
      if (!g) throw new DomainError('KEY_GROUP_NOT_FOUND', `key group ${body.code} vanished`)
      return toItem(g, 0, 0)
    })
  }
}

/** Memberships as health-code facts (an overdue member turns yellow per the rule set). */
export const keyGroupFacts: FactSource = {
  name: 'key-groups',
  async load(db, personIds, facts) {
    for (const g of await repo.membershipsOf(db, personIds))
      facts.get(g.person_id).keyGroups.push({
        group: g.grp,
        intervalDays: g.interval_days,
        names: { 'zh-CN': g.name_zh, en: g.name_en },
      })
  },
  hasFacts: () => repo.hasMembership(),
}
