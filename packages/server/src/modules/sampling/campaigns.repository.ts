import { sql, type Insertable } from 'kysely'
import { likePrefix, pageOffset, type Executor } from '../../db/kit.js'
import type { ScreeningCampaigns } from '../../db/schema.generated.js'
import { scopeCondition, whereInScope, type Scope } from '../../auth/scope.js'

const campaignColumns = [
  'c.id',
  'c.region_code',
  'r.name as region_name',
  'c.name',
  'c.starts_on',
  'c.ends_on',
  'c.pool_sizes',
  'c.status',
  'c.created_at',
  'c.closed_at',
] as const

/**
 * SQL of screening campaigns (全员检测, #17) and their progress; one query per method. Tubes and
 * their members are the `tubes` module's tables, read here (never written) for the progress.
 */
export class CampaignsRepository {
  private campaigns(db: Executor) {
    return db.selectFrom('screening_campaigns as c').innerJoin('regions as r', 'r.code', 'c.region_code')
  }

  insert(tx: Executor, row: Insertable<ScreeningCampaigns>) {
    return tx.insertInto('screening_campaigns').values(row).returning('id').executeTakeFirstOrThrow()
  }

  async insertSites(tx: Executor, campaignId: string, siteIds: readonly string[]): Promise<void> {
    if (siteIds.length === 0) return
    await tx
      .insertInto('campaign_sites')
      .values(siteIds.map((s) => ({ campaign_id: campaignId, site_id: s })))
      .execute()
  }

  find(db: Executor, id: string) {
    return this.campaigns(db).select(campaignColumns).where('c.id', '=', id).executeTakeFirst()
  }

  sitesOf(db: Executor, id: string) {
    return db
      .selectFrom('campaign_sites as cs')
      .innerJoin('sampling_sites as s', 's.id', 'cs.site_id')
      .select(['s.id', 's.name', 's.region_code'])
      .where('cs.campaign_id', '=', id)
      .orderBy('s.name')
      .execute()
  }

  /**
   * Campaigns a region user sees: those in their subtree and those over it (`ancestors`: the
   * user's region and its ancestors — a community worker follows the district's campaign).
   */
  private visible(db: Executor, scope: Scope, ancestors: readonly string[], status: string | undefined) {
    let qb = this.campaigns(db).where((eb) =>
      eb.or([scopeCondition(eb, 'c.region_code', scope), eb('c.region_code', 'in', [...ancestors, ''])]),
    )
    if (status !== undefined) qb = qb.where('c.status', '=', status as 'planned')
    return qb
  }

  list(
    db: Executor,
    scope: Scope,
    ancestors: readonly string[],
    status: string | undefined,
    page: number,
    pageSize: number,
  ) {
    return this.visible(db, scope, ancestors, status)
      .select(campaignColumns)
      .orderBy('c.starts_on', 'desc')
      .orderBy('c.id', 'desc')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  count(db: Executor, scope: Scope, ancestors: readonly string[], status: string | undefined) {
    return this.visible(db, scope, ancestors, status)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  }

  /** Moves a campaign between states; the id when it was in `from`. */
  setStatus(tx: Executor, id: string, from: 'planned' | 'running', to: 'running' | 'closed') {
    return tx
      .updateTable('screening_campaigns')
      .set({ status: to, ...(to === 'closed' ? { closed_at: sql<Date>`now()` } : {}) })
      .where('id', '=', id)
      .where('status', '=', from)
      .returning('id')
      .executeTakeFirst()
  }

  /** The communities under a region prefix (the region itself when it is one), by code. */
  communitiesUnder(db: Executor, prefix: string) {
    return db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('code', 'like', likePrefix(prefix))
      .where('level', '=', 'community')
      .orderBy('code')
      .limit(5000)
      .execute()
  }

  regionNames(db: Executor, codes: readonly string[]) {
    if (codes.length === 0) return Promise.resolve([])
    return db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('code', 'in', [...codes])
      .execute()
  }

  /** Persons registered under a prefix: the population a campaign covers. */
  population(db: Executor, prefix: string) {
    return db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('region_code', 'like', likePrefix(prefix))
      .executeTakeFirstOrThrow()
  }

  /**
   * Per region of residence under the campaign's prefix (and in the scope): persons, those in a
   * tube of the campaign, and those marked unreachable but not tested.
   */
  progressByRegion(db: Executor, scope: Scope, campaignId: string, prefix: string) {
    return this.progressQuery(db, scope, campaignId, prefix).execute()
  }

  /** The query of `progressByRegion` (its plan is tested: query-plans.int.test.ts). */
  progressQuery(db: Executor, scope: Scope, campaignId: string, prefix: string) {
    return whereInScope(
      db
        .selectFrom('persons as p')
        .leftJoin('tube_members as tm', (j) =>
          j.onRef('tm.person_id', '=', 'p.id').on('tm.campaign_id', '=', campaignId),
        )
        .leftJoin('campaign_unreachable as u', (j) =>
          j.onRef('u.person_id', '=', 'p.id').on('u.campaign_id', '=', campaignId),
        ),
      'p.region_code',
      scope,
    )
      .select((eb) => [
        'p.region_code',
        eb.fn.countAll<string>().as('population'),
        eb.fn.count<string>('tm.person_id').as('tested'),
        sql<string>`count(u.person_id) filter (where tm.person_id is null)`.as('unreachable'),
      ])
      .where('p.region_code', 'like', likePrefix(prefix))
      .groupBy('p.region_code')
  }

  private missingQuery(
    db: Executor,
    scope: Scope,
    campaignId: string,
    prefix: string,
    includeUnreachable: boolean,
  ) {
    let qb = whereInScope(
      db
        .selectFrom('persons as p')
        .innerJoin('regions as r', 'r.code', 'p.region_code')
        .leftJoin('campaign_unreachable as u', (j) =>
          j.onRef('u.person_id', '=', 'p.id').on('u.campaign_id', '=', campaignId),
        ),
      'p.region_code',
      scope,
    )
      .where('p.region_code', 'like', likePrefix(prefix))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('tube_members as tm')
              .select('tm.person_id')
              .whereRef('tm.person_id', '=', 'p.id')
              .where('tm.campaign_id', '=', campaignId),
          ),
        ),
      )
    if (!includeUnreachable) qb = qb.where('u.person_id', 'is', null)
    return qb
  }

  /** A page of persons not in a tube of the campaign (masked fields only), by region and id. */
  missing(
    db: Executor,
    scope: Scope,
    campaignId: string,
    prefix: string,
    includeUnreachable: boolean,
    page: number,
    pageSize: number,
  ) {
    return this.missingQuery(db, scope, campaignId, prefix, includeUnreachable)
      .select([
        'p.id',
        'p.name',
        'p.phone',
        'p.id_number_masked',
        'p.region_code',
        'r.name as region_name',
        'u.person_id as unreachable_id',
        'u.note as unreachable_note',
      ])
      .orderBy('p.region_code')
      .orderBy('p.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  countMissing(db: Executor, scope: Scope, campaignId: string, prefix: string, includeUnreachable: boolean) {
    return this.missingQuery(db, scope, campaignId, prefix, includeUnreachable)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  }

  personRegion(db: Executor, personId: string) {
    return db.selectFrom('persons').select('region_code').where('id', '=', personId).executeTakeFirst()
  }

  async markUnreachable(
    tx: Executor,
    row: { campaignId: string; personId: string; regionCode: string; note: string | null; by: string },
  ): Promise<void> {
    await tx
      .insertInto('campaign_unreachable')
      .values({
        campaign_id: row.campaignId,
        person_id: row.personId,
        region_code: row.regionCode,
        note: row.note,
        marked_by: row.by,
      })
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'person_id']).doUpdateSet({
          note: row.note,
          marked_by: row.by,
          marked_at: sql<Date>`now()`,
        }),
      )
      .execute()
  }

  async unmarkUnreachable(tx: Executor, campaignId: string, personId: string): Promise<void> {
    await tx
      .deleteFrom('campaign_unreachable')
      .where('campaign_id', '=', campaignId)
      .where('person_id', '=', personId)
      .execute()
  }

  /**
   * Tubes of the campaign per member's region (in the scope): tubes holding someone of the region,
   * those with a positive result, and the region's members of positive tubes (POOL.POSITIVE).
   */
  tubesByRegion(db: Executor, scope: Scope, campaignId: string, prefix: string) {
    return whereInScope(
      db.selectFrom('tube_members as tm').innerJoin('tubes as t', 't.id', 'tm.tube_id'),
      'tm.region_code',
      scope,
    )
      .select([
        'tm.region_code',
        sql<string>`count(distinct t.id)`.as('tubes'),
        sql<string>`count(distinct t.id) filter (where t.result = 'positive')`.as('positive_tubes'),
        sql<string>`count(*) filter (where t.result = 'positive')`.as('in_positive'),
      ])
      .where('tm.campaign_id', '=', campaignId)
      .where('tm.region_code', 'like', likePrefix(prefix))
      .groupBy('tm.region_code')
      .execute()
  }

  /** The same over the whole campaign in the scope (a tube may hold several regions' members). */
  tubeTotals(db: Executor, scope: Scope, campaignId: string, prefix: string) {
    return whereInScope(
      db.selectFrom('tube_members as tm').innerJoin('tubes as t', 't.id', 'tm.tube_id'),
      'tm.region_code',
      scope,
    )
      .select([
        sql<string>`count(distinct t.id)`.as('tubes'),
        sql<string>`count(distinct t.id) filter (where t.result = 'positive')`.as('positive_tubes'),
        sql<string>`count(*) filter (where t.result = 'positive')`.as('in_positive'),
      ])
      .where('tm.campaign_id', '=', campaignId)
      .where('tm.region_code', 'like', likePrefix(prefix))
      .executeTakeFirstOrThrow()
  }

  /**
   * People with a live individual NAT result sampled since `since` under a prefix, and those of
   * them positive (a pooled tube's positive says "one of the pool", not the person: not counted).
   */
  recentResults(db: Executor, prefix: string, since: Date) {
    return db
      .selectFrom('nat_results')
      .select([
        sql<string>`count(distinct person_id) filter (where result <> 'pending')`.as('tested'),
        sql<string>`count(distinct person_id) filter (where result = 'positive' and not pooled)`.as(
          'positives',
        ),
      ])
      .where('region_code', 'like', likePrefix(prefix))
      .where('sampled_at', '>=', since)
      .where('voided_at', 'is', null)
      .executeTakeFirstOrThrow()
  }
}
