import { sql } from 'kysely'
import { likePrefix, pageOffset, type Executor } from '../../db/kit.js'
import { whereInScope, type Scope } from '../../auth/scope.js'

const LAB_COLUMNS = [
  'l.id',
  'l.region_code',
  'r.name as region_name',
  'l.name',
  'l.active',
  sql<number>`(select count(*)::int from lab_staff s where s.lab_id = l.id)`.as('staff'),
] as const

const SHIPMENT_COLUMNS = [
  's.id',
  's.code',
  's.region_code',
  'r.name as region_name',
  's.lab_id',
  'l.name as lab_name',
  's.sent_at',
  's.received_at',
  sql<number>`(select count(*)::int from tubes t where t.shipment_id = s.id)`.as('tubes'),
  sql<number>`(select count(*)::int from tubes t join tube_members m on m.tube_id = t.id where t.shipment_id = s.id)`.as(
    'members',
  ),
  sql<number>`(select count(*)::int from tubes t where t.shipment_id = s.id and t.status = 'resulted')`.as(
    'resulted',
  ),
] as const

/** Which shipments a request may see: those sent from the scope's regions, or one lab's. */
export type ShipmentFilter = { readonly scope: Scope } | { readonly labIds: readonly string[] }

/** Labs, their staff and shipments (SQL only here; one query per method). */
export class LabsRepository {
  /** Labs in the given regions (a region and its ancestors: where its tubes may go) or below a prefix. */
  listLabs(db: Executor, f: { regions: readonly string[]; prefix: string }) {
    return db
      .selectFrom('labs as l')
      .leftJoin('regions as r', 'r.code', 'l.region_code')
      .select(LAB_COLUMNS)
      .where((eb) =>
        eb.or([eb('l.region_code', 'in', [...f.regions]), eb('l.region_code', 'like', likePrefix(f.prefix))]),
      )
      .orderBy('l.region_code')
      .orderBy('l.name')
      .execute()
  }

  labById(db: Executor, id: string) {
    return db
      .selectFrom('labs as l')
      .leftJoin('regions as r', 'r.code', 'l.region_code')
      .select(LAB_COLUMNS)
      .where('l.id', '=', id)
      .executeTakeFirst()
  }

  async insertLab(db: Executor, l: { name: string; regionCode: string }): Promise<string> {
    const row = await db
      .insertInto('labs')
      .values({ name: l.name, region_code: l.regionCode })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async updateLab(db: Executor, id: string, set: { name?: string; active?: boolean }): Promise<void> {
    if (set.name === undefined && set.active === undefined) return
    await db.updateTable('labs').set(set).where('id', '=', id).execute()
  }

  userOf(db: Executor, id: string) {
    return db
      .selectFrom('users')
      .select(['id', 'role', 'region_code'])
      .where('id', '=', id)
      .executeTakeFirst()
  }

  async setStaff(db: Executor, userId: string, labId: string, by: string): Promise<void> {
    await db
      .insertInto('lab_staff')
      .values({ user_id: userId, lab_id: labId, added_by: by })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ lab_id: labId, added_by: by, added_at: new Date() }),
      )
      .execute()
  }

  /** The lab a user works for (active labs only). */
  labOfUser(db: Executor, userId: string) {
    return db
      .selectFrom('lab_staff as s')
      .innerJoin('labs as l', 'l.id', 's.lab_id')
      .select(['l.id', 'l.region_code'])
      .where('s.user_id', '=', userId)
      .where('l.active', '=', true)
      .executeTakeFirst()
  }

  /** Active labs below a region prefix (an admin or the CLI acts for every lab of their region). */
  async labsBelow(db: Executor, prefix: string): Promise<string[]> {
    const rows = await db
      .selectFrom('labs')
      .select('id')
      .where('region_code', 'like', likePrefix(prefix))
      .where('active', '=', true)
      .execute()
    return rows.map((r) => r.id)
  }

  /** Locks the closed tubes of these barcodes within the scope (the others are not returned). */
  closedTubes(db: Executor, scope: Scope, barcodes: readonly string[]) {
    return whereInScope(
      db
        .selectFrom('tubes as t')
        .select(['t.id', 't.barcode', 't.status', 't.region_code'])
        .where('t.barcode', 'in', [...barcodes]),
      't.region_code',
      scope,
    )
      .forUpdate()
      .execute()
  }

  async insertShipment(
    db: Executor,
    s: { code: string; regionCode: string; labId: string; by: string },
  ): Promise<string> {
    const row = await db
      .insertInto('shipments')
      .values({ code: s.code, region_code: s.regionCode, lab_id: s.labId, sent_by: s.by })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async shipTubes(db: Executor, shipmentId: string, tubeIds: readonly string[]): Promise<number> {
    const r = await db
      .updateTable('tubes')
      .set({ status: 'shipped', shipment_id: shipmentId })
      .where('id', 'in', [...tubeIds])
      .where('status', '=', 'closed')
      .executeTakeFirst()
    return Number(r.numUpdatedRows)
  }

  private shipments(db: Executor, f: ShipmentFilter) {
    const qb = db
      .selectFrom('shipments as s')
      .innerJoin('labs as l', 'l.id', 's.lab_id')
      .leftJoin('regions as r', 'r.code', 's.region_code')
    return 'scope' in f
      ? whereInScope(qb, 's.region_code', f.scope)
      : qb.where('s.lab_id', 'in', f.labIds.length > 0 ? [...f.labIds] : ['0'])
  }

  shipmentById(db: Executor, f: ShipmentFilter, id: string) {
    return this.shipments(db, f).select(SHIPMENT_COLUMNS).where('s.id', '=', id).executeTakeFirst()
  }

  shipmentRegionOf(db: Executor, id: string) {
    return db.selectFrom('shipments').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  async listShipments(
    db: Executor,
    f: ShipmentFilter,
    q: { received?: boolean | undefined; page: number; pageSize: number },
  ) {
    let qb = this.shipments(db, f)
    if (q.received !== undefined) qb = qb.where('s.received_at', q.received ? 'is not' : 'is', null)
    const [items, total] = await Promise.all([
      qb
        .select(SHIPMENT_COLUMNS)
        .orderBy('s.sent_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(q.pageSize)
        .offset(pageOffset(q.page, q.pageSize))
        .execute(),
      qb.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items, total: Number(total.n) }
  }

  /** The shipment of a code for one of these labs, locked. */
  shipmentByCode(db: Executor, labIds: readonly string[], code: string) {
    return db
      .selectFrom('shipments')
      .select(['id', 'received_at'])
      .where('code', '=', code)
      .where('lab_id', 'in', labIds.length > 0 ? [...labIds] : ['0'])
      .forUpdate()
      .executeTakeFirst()
  }

  async receive(db: Executor, shipmentId: string, by: string, at: Date): Promise<void> {
    await db
      .updateTable('shipments')
      .set({ received_by: by, received_at: at })
      .where('id', '=', shipmentId)
      .execute()
    await db
      .updateTable('tubes')
      .set({ status: 'received' })
      .where('shipment_id', '=', shipmentId)
      .where('status', '=', 'shipped')
      .execute()
  }

  /** A shipment's tubes, for its manifest and detail: barcode, pool size, member count, result. */
  tubesOfShipment(db: Executor, shipmentId: string) {
    return db
      .selectFrom('tubes as t')
      .leftJoin('regions as r', 'r.code', 't.region_code')
      .select([
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
        sql<number>`(select count(*)::int from tube_members m where m.tube_id = t.id)`.as('members'),
      ])
      .where('t.shipment_id', '=', shipmentId)
      .orderBy('t.barcode')
      .execute()
  }
}
