import { sql } from 'kysely'
import { parentRegionCode, regionPrefix, type IdType, type PoolRiskLevel } from '@lianfang/core'
import { likePrefix, pageOffset, type Executor } from '../../db/kit.js'
import { whereInScope, type Scope } from '../../auth/scope.js'

/** A region's code and its ancestors'. */
export function ancestry(code: string): string[] {
  const out: string[] = []
  for (let c: string | undefined = code; c !== undefined; c = parentRegionCode(c)) out.push(c)
  return out
}

const TUBE_COLUMNS = [
  't.id',
  't.barcode',
  't.region_code',
  'r.name as region_name',
  't.campaign_id',
  't.site_id',
  't.pool_size',
  't.status',
  't.shipment_id',
  't.registered_at',
  't.result',
  't.ct',
  't.resulted_at',
] as const
const memberCount = sql<number>`(select count(*)::int from tube_members m where m.tube_id = t.id)`

export type TubeRow = Awaited<ReturnType<TubesRepository['tubeById']>> & object

/** Tubes and their members (SQL only here; one query per method). */
export class TubesRepository {
  /** The highest risk level in force over a region or any of its ancestors (POOL.WHO); low if none. */
  async riskLevelOf(db: Executor, regionCode: string, now: Date): Promise<PoolRiskLevel> {
    const rows = await db
      .selectFrom('risk_area_periods')
      .select('level')
      .where('region_code', 'in', ancestry(regionCode))
      .where('starts_at', '<=', now)
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
      .execute()
    const levels = new Set(rows.map((r) => r.level))
    return levels.has('high') ? 'high' : levels.has('medium') ? 'medium' : 'low'
  }

  /** The campaign's region (a tube of a campaign must lie in it), if the campaign exists. */
  campaignRegion(db: Executor, id: string) {
    return db
      .selectFrom('screening_campaigns')
      .select(['region_code', 'status'])
      .where('id', '=', id)
      .executeTakeFirst()
  }

  siteRegion(db: Executor, id: string) {
    return db.selectFrom('sampling_sites').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** Inserts a tube; undefined when the barcode is taken. */
  async insertTube(
    db: Executor,
    t: {
      barcode: string
      regionCode: string
      poolSize: number
      campaignId: string | null
      siteId: string | null
      by: string
    },
  ): Promise<string | undefined> {
    const row = await db
      .insertInto('tubes')
      .values({
        barcode: t.barcode,
        region_code: t.regionCode,
        pool_size: t.poolSize,
        campaign_id: t.campaignId,
        site_id: t.siteId,
        registered_by: t.by,
      })
      .onConflict((oc) => oc.column('barcode').doNothing())
      .returning('id')
      .executeTakeFirst()
    return row?.id
  }

  tubeById(db: Executor, scope: Scope, id: string) {
    return whereInScope(
      db
        .selectFrom('tubes as t')
        .leftJoin('regions as r', 'r.code', 't.region_code')
        .select([...TUBE_COLUMNS, memberCount.as('members')])
        .where('t.id', '=', id),
      't.region_code',
      scope,
    ).executeTakeFirst()
  }

  /** A tube whatever its region: only for a lab reading back a tube its shipment brought it. */
  tubeOfLab(db: Executor, id: string) {
    return db
      .selectFrom('tubes as t')
      .leftJoin('regions as r', 'r.code', 't.region_code')
      .select([...TUBE_COLUMNS, memberCount.as('members')])
      .where('t.id', '=', id)
      .executeTakeFirst()
  }

  tubeRegionOf(db: Executor, id: string) {
    return db.selectFrom('tubes').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** Locks the tube row (members are added one at a time by one tester, but two may race). */
  lockTube(db: Executor, id: string) {
    return db
      .selectFrom('tubes')
      .select(['id', 'status', 'pool_size', 'campaign_id', 'region_code', 'barcode'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
  }

  membersOf(db: Executor, tubeId: string) {
    return db
      .selectFrom('tube_members as m')
      .innerJoin('persons as p', 'p.id', 'm.person_id')
      .select(['m.person_id', 'p.name', 'p.id_number_masked', 'm.registered_at'])
      .where('m.tube_id', '=', tubeId)
      .orderBy('m.registered_at')
      .execute()
  }

  /** The tube (other than this one) a person is in within a campaign, or this tube if already in it. */
  tubeOfPerson(db: Executor, personId: string, tubeId: string, campaignId: string | null) {
    return db
      .selectFrom('tube_members as m')
      .innerJoin('tubes as t', 't.id', 'm.tube_id')
      .select('t.barcode')
      .where('m.person_id', '=', personId)
      .where((eb) =>
        campaignId === null
          ? eb('m.tube_id', '=', tubeId)
          : eb.or([eb('m.tube_id', '=', tubeId), eb('m.campaign_id', '=', campaignId)]),
      )
      .executeTakeFirst()
  }

  async insertMember(
    db: Executor,
    m: { tubeId: string; personId: string; regionCode: string; campaignId: string | null },
  ): Promise<boolean> {
    const r = await db
      .insertInto('tube_members')
      .values({
        tube_id: m.tubeId,
        person_id: m.personId,
        region_code: m.regionCode,
        campaign_id: m.campaignId,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1
  }

  async setStatus(db: Executor, id: string, from: string, to: 'closed'): Promise<boolean> {
    const r = await db
      .updateTable('tubes')
      .set({ status: to })
      .where('id', '=', id)
      .where('status', '=', from as 'open')
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  }

  async listTubes(
    db: Executor,
    scope: Scope,
    q: { status?: string | undefined; regionCode?: string | undefined; page: number; pageSize: number },
  ) {
    let qb = whereInScope(
      db.selectFrom('tubes as t').leftJoin('regions as r', 'r.code', 't.region_code'),
      't.region_code',
      scope,
    )
    if (q.status !== undefined) qb = qb.where('t.status', '=', q.status as 'open')
    if (q.regionCode !== undefined)
      qb = qb.where('t.region_code', 'like', likePrefix(regionPrefix(q.regionCode)))
    const [items, total] = await Promise.all([
      qb
        .select([...TUBE_COLUMNS, memberCount.as('members')])
        .orderBy('t.registered_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(q.pageSize)
        .offset(pageOffset(q.page, q.pageSize))
        .execute(),
      qb.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items, total: Number(total.n) }
  }

  /** The person of a health code's subject (the node's own codes). */
  personOfSubject(db: Executor, subject: string) {
    return db
      .selectFrom('health_codes as h')
      .innerJoin('persons as p', 'p.id', 'h.person_id')
      .select(['p.id', 'p.region_code'])
      .where('h.subject_id', '=', subject)
      .executeTakeFirst()
  }

  personByIdHash(db: Executor, idType: IdType, hash: Uint8Array) {
    return db
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id_type', '=', idType)
      .where('id_number_hash', '=', hash)
      .executeTakeFirst()
  }
}
