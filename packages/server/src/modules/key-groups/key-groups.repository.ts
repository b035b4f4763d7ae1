import { sql, type RawBuilder } from 'kysely'
import { parentRegionCode, regionPrefix, type MembershipSource } from '@lianfang/core'
import { likePrefix, type Executor } from '../../db/kit.js'
import { whereInScope, type Scope } from '../../auth/scope.js'

/** Active memberships: begun, not ended (the database's clock, as for every colour). */
const ACTIVE = sql<boolean>`m.since <= now() and (m.until is null or m.until > now())`

export interface MemberFilter {
  /** LIKE prefix of the region subtree asked for (within the scope). */
  readonly regionPrefix: string
  readonly group?: string | undefined
  readonly unit?: string | undefined
}

export interface MembershipRow {
  readonly personId: string
  readonly regionCode: string
  readonly group: string
  readonly source: MembershipSource
  readonly unitName: string | null
  readonly since: Date | null
  readonly until: Date | null
}

/** SQL of key groups, memberships and reminders (应检尽检); one query per method (#15). */
export class KeyGroupsRepository {
  /** Adds a membership by hand, or sets the interval of an existing one. */
  upsert(tx: Executor, m: { personId: string; regionCode: string; group: string; intervalDays: number }) {
    return tx
      .insertInto('key_group_memberships')
      .values({
        person_id: m.personId,
        grp: m.group,
        interval_days: m.intervalDays,
        region_code: m.regionCode,
        source: 'manual',
      })
      .onConflict((oc) =>
        oc
          .columns(['person_id', 'grp'])
          .doUpdateSet({ interval_days: m.intervalDays, updated_at: sql`now()` }),
      )
      .execute()
  }

  /** Memberships from an import: new ones added, existing ones take the row's source, unit and period. */
  upsertMany(tx: Executor, rows: readonly MembershipRow[]) {
    if (rows.length === 0) return Promise.resolve([])
    return tx
      .insertInto('key_group_memberships')
      .values(
        rows.map((r) => ({
          person_id: r.personId,
          grp: r.group,
          region_code: r.regionCode,
          source: r.source,
          unit_name: r.unitName,
          ...(r.since ? { since: r.since } : {}),
          until: r.until,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['person_id', 'grp']).doUpdateSet((eb) => ({
          region_code: eb.ref('excluded.region_code'),
          source: eb.ref('excluded.source'),
          unit_name: eb.ref('excluded.unit_name'),
          since: eb.ref('excluded.since'),
          until: eb.ref('excluded.until'),
          updated_at: sql`now()`,
        })),
      )
      .returning('person_id')
      .execute()
  }

  /**
   * Active memberships of persons with the interval in force (the person's own, else the group's)
   * and the group's names (the TEST_OVERDUE reason names local groups too).
   */
  membershipsOf(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('key_group_memberships as m')
      .innerJoin('key_groups as g', 'g.code', 'm.grp')
      .select([
        'm.person_id',
        'm.grp',
        sql<number>`coalesce(m.interval_days, g.interval_days)`.as('interval_days'),
        'g.name_zh',
        'g.name_en',
      ])
      .where('m.person_id', 'in', [...personIds])
      .where(ACTIVE)
      .execute()
  }

  /** True for a person (`persons p`) in any key group (dry runs). */
  hasMembership(): RawBuilder<boolean> {
    return sql<boolean>`exists (select 1 from key_group_memberships k where k.person_id = p.id)`
  }

  /**
   * A group usable for a person of `regionCode`: national, node-wide local, or local to the
   * region or one of its ancestors (as `groupsFor` without the subtree).
   */
  usableGroup(db: Executor, code: string, regionCode: string) {
    return db
      .selectFrom('key_groups as g')
      .select('g.code')
      .where('g.code', '=', code)
      .where((eb) =>
        eb.or([eb('g.region_code', 'is', null), eb('g.region_code', 'in', ancestry(regionCode))]),
      )
      .executeTakeFirst()
  }

  findGroup(db: Executor, code: string) {
    return db.selectFrom('key_groups').selectAll().where('code', '=', code).executeTakeFirst()
  }

  /**
   * Groups usable in a region: national ones, node-wide local ones, and the local groups of the
   * region, its ancestors and (for a list) its subtree.
   */
  groupsFor(db: Executor, regionCode: string, withSubtree: boolean) {
    return db
      .selectFrom('key_groups as g')
      .leftJoin('regions as r', 'r.code', 'g.region_code')
      .select([
        'g.code',
        'g.kind',
        'g.region_code',
        'r.name as region_name',
        'g.name_zh',
        'g.name_en',
        'g.interval_days',
      ])
      .where((eb) =>
        eb.or([
          eb('g.region_code', 'is', null),
          eb('g.region_code', 'in', ancestry(regionCode)),
          ...(withSubtree ? [eb('g.region_code', 'like', likePrefix(regionPrefix(regionCode)))] : []),
        ]),
      )
      .orderBy(sql`g.kind = 'local'`)
      .orderBy('g.created_at')
      .orderBy('g.code')
      .execute()
  }

  insertGroup(
    tx: Executor,
    g: {
      code: string
      regionCode: string
      nameZh: string
      nameEn: string
      intervalDays: number
      createdBy: string
    },
  ) {
    return tx
      .insertInto('key_groups')
      .values({
        code: g.code,
        kind: 'local',
        region_code: g.regionCode,
        name_zh: g.nameZh,
        name_en: g.nameEn,
        interval_days: g.intervalDays,
        created_by: g.createdBy,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .executeTakeFirst()
  }

  /** Active members per group within the scope. */
  memberCounts(db: Executor, scope: Scope) {
    return whereInScope(
      db
        .selectFrom('key_group_memberships as m')
        .innerJoin('persons as p', 'p.id', 'm.person_id')
        .select(['m.grp', sql<string>`count(*)`.as('n')])
        .where(ACTIVE)
        .groupBy('m.grp'),
      'p.region_code',
      scope,
    ).execute()
  }

  /**
   * Active members past their interval (no negative since `now − interval`), with what the list
   * shows: a superset of the overdue, since the rule set's grace is applied by the service per
   * person's region. Negatives are live (not voided) results sampled by `now`; pooled count.
   */
  pastInterval(db: Executor, scope: Scope, f: MemberFilter, now: Date) {
    let q = db
      .selectFrom('key_group_memberships as m')
      .innerJoin('key_groups as g', 'g.code', 'm.grp')
      .innerJoin('persons as p', 'p.id', 'm.person_id')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .select([
        'm.person_id',
        'm.grp',
        'm.source',
        'm.unit_name',
        'g.name_zh',
        'g.name_en',
        'p.name',
        'p.phone',
        'p.id_number_masked',
        'p.region_code',
        'r.name as region_name',
        sql<number>`coalesce(m.interval_days, g.interval_days)`.as('interval_days'),
        sql<Date | null>`(select max(n.sampled_at) from nat_results n
          where n.person_id = m.person_id and n.result = 'negative' and n.voided_at is null
            and n.sampled_at <= ${now})`.as('last_negative'),
      ])
      .where(ACTIVE)
      .where('p.region_code', 'like', likePrefix(f.regionPrefix))
      .where(
        sql<boolean>`not exists (select 1 from nat_results n
          where n.person_id = m.person_id and n.result = 'negative' and n.voided_at is null and n.sampled_at <= ${now}
            and n.sampled_at + make_interval(days => coalesce(m.interval_days, g.interval_days)) > ${now})`,
      )
    if (f.group !== undefined) q = q.where('m.grp', '=', f.group)
    if (f.unit !== undefined) q = q.where('m.unit_name', '=', f.unit)
    return whereInScope(q, 'p.region_code', scope)
      .orderBy('p.region_code')
      .orderBy('m.person_id')
      .orderBy('m.grp')
      .execute()
  }

  /** Persons of a list reminded on a local day. */
  remindedOn(db: Executor, personIds: readonly string[], day: string) {
    if (personIds.length === 0) return Promise.resolve([])
    return db
      .selectFrom('key_group_reminders')
      .select('person_id')
      .where('person_id', 'in', [...personIds])
      .where('day', '=', day)
      .execute()
  }

  /** Claims today's reminder for each person; returns those not reminded yet today. */
  claimReminders(
    tx: Executor,
    rows: readonly { personId: string; regionCode: string }[],
    day: string,
    sentBy: string,
  ) {
    if (rows.length === 0) return Promise.resolve([])
    return tx
      .insertInto('key_group_reminders')
      .values(rows.map((r) => ({ person_id: r.personId, region_code: r.regionCode, day, sent_by: sentBy })))
      .onConflict((oc) => oc.columns(['person_id', 'day']).doNothing())
      .returning('person_id')
      .execute()
  }

  /** Gives a reminder back when the gateway failed, so a later click may send it. */
  releaseReminder(db: Executor, personId: string, day: string) {
    return db
      .deleteFrom('key_group_reminders')
      .where('person_id', '=', personId)
      .where('day', '=', day)
      .execute()
  }

  /** Persons by the keyed hash of their identity number (an import's rows). */
  personsByIdHashes(db: Executor, hashes: readonly Uint8Array[]) {
    if (hashes.length === 0) return Promise.resolve([])
    return db
      .selectFrom('persons')
      .select(['id', 'region_code', 'id_number_hash'])
      .where('id_number_hash', 'in', [...hashes])
      .execute()
  }

  personsByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', 'in', [...ids])
      .execute()
  }

  /** Groups by code or Chinese name (an import's group column). */
  groupsByCodeOrName(db: Executor, values: readonly string[]) {
    if (values.length === 0) return Promise.resolve([])
    return db
      .selectFrom('key_groups')
      .select(['code', 'name_zh', 'region_code'])
      .where((eb) => eb.or([eb('code', 'in', [...values]), eb('name_zh', 'in', [...values])]))
      .execute()
  }
}

/** A region's code and its ancestors' (a local group of any of them applies there). */
function ancestry(code: string): string[] {
  const out: string[] = []
  for (let c: string | undefined = code; c !== undefined; c = parentRegionCode(c)) out.push(c)
  return out
}
