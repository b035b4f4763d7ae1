import { sql, type Insertable, type Updateable } from 'kysely'
import { likePrefix, pageOffset, type Executor } from '../../db/kit.js'
import type { SamplingBookings, SamplingSites } from '../../db/schema.generated.js'
import { whereInScope, type Scope } from '../../auth/scope.js'

const siteColumns = [
  's.id',
  's.region_code',
  'r.name as region_name',
  's.name',
  's.address',
  's.opening_hours',
  's.capacity_per_hour',
  's.active',
  's.created_at',
] as const

const bookingColumns = [
  'b.id',
  'b.site_id',
  's.name as site_name',
  's.address as site_address',
  'b.slot_start',
  'b.code',
  'b.status',
  'b.sampled_at',
  'b.created_at',
] as const

export interface SiteFilter {
  readonly regionPrefix: string
  readonly active: boolean | undefined
  readonly q: string | undefined
}

/** SQL of sampling sites and their bookings (#17); one query per method. */
export class SitesRepository {
  private sites(db: Executor) {
    return db.selectFrom('sampling_sites as s').innerJoin('regions as r', 'r.code', 's.region_code')
  }

  private filtered(db: Executor, scope: Scope, f: SiteFilter) {
    let qb = whereInScope(this.sites(db), 's.region_code', scope).where(
      's.region_code',
      'like',
      likePrefix(f.regionPrefix),
    )
    if (f.active !== undefined) qb = qb.where('s.active', '=', f.active)
    if (f.q !== undefined) qb = qb.where('s.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    return qb
  }

  /** A page of the sites of a filter in the scope, by region and name. */
  list(db: Executor, scope: Scope, f: SiteFilter, page: number, pageSize: number) {
    return this.filtered(db, scope, f)
      .select(siteColumns)
      .orderBy('s.region_code')
      .orderBy('s.name')
      .orderBy('s.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  count(db: Executor, scope: Scope, f: SiteFilter) {
    return this.filtered(db, scope, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  }

  find(db: Executor, scope: Scope, id: string) {
    return whereInScope(this.sites(db), 's.region_code', scope)
      .select(siteColumns)
      .where('s.id', '=', id)
      .executeTakeFirst()
  }

  /** A site's region alone, whoever asks (to answer 403 rather than 404 for another region's). */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('sampling_sites').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** Active sites under a region prefix (a citizen's city), by name; no scope: sites are public places. */
  openSitesUnder(db: Executor, prefix: string, limit: number) {
    return this.sites(db)
      .select(siteColumns)
      .where('s.region_code', 'like', likePrefix(prefix))
      .where('s.active', '=', true)
      .orderBy('s.name')
      .orderBy('s.id')
      .limit(limit)
      .execute()
  }

  /** One active site (no scope), locked against concurrent bookings when `lock`. */
  openSite(db: Executor, id: string, lock = false) {
    const qb = db
      .selectFrom('sampling_sites')
      .select(['id', 'region_code', 'opening_hours', 'capacity_per_hour'])
      .where('id', '=', id)
      .where('active', '=', true)
    return (lock ? qb.forUpdate() : qb).executeTakeFirst()
  }

  /** Existing sites among `ids` with their regions and whether active. */
  sitesByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db
      .selectFrom('sampling_sites')
      .select(['id', 'name', 'region_code', 'active'])
      .where('id', 'in', [...ids])
      .execute()
  }

  insert(tx: Executor, row: Insertable<SamplingSites>) {
    return tx.insertInto('sampling_sites').values(row).returning('id').executeTakeFirstOrThrow()
  }

  update(tx: Executor, id: string, set: Updateable<SamplingSites>) {
    return tx.updateTable('sampling_sites').set(set).where('id', '=', id).returning('id').executeTakeFirst()
  }

  /** Places taken per slot start of a site in `[from, to)`: bookings booked or sampled. */
  takenBySlot(db: Executor, siteId: string, from: Date, to: Date) {
    return db
      .selectFrom('sampling_bookings')
      .select(['slot_start', (eb) => eb.fn.countAll<string>().as('n')])
      .where('site_id', '=', siteId)
      .where('slot_start', '>=', from)
      .where('slot_start', '<', to)
      .where('status', 'in', ['booked', 'sampled'])
      .groupBy('slot_start')
      .execute()
  }

  /** The person's open booking of a slot (any site), if any. */
  openBookingAt(db: Executor, personId: string, slotStart: Date) {
    return db
      .selectFrom('sampling_bookings')
      .select('id')
      .where('person_id', '=', personId)
      .where('slot_start', '=', slotStart)
      .where('status', '=', 'booked')
      .executeTakeFirst()
  }

  insertBooking(tx: Executor, row: Insertable<SamplingBookings>) {
    return tx.insertInto('sampling_bookings').values(row).returning('id').executeTakeFirstOrThrow()
  }

  private bookings(db: Executor) {
    return db
      .selectFrom('sampling_bookings as b')
      .innerJoin('sampling_sites as s', 's.id', 'b.site_id')
      .select(bookingColumns)
  }

  /** A citizen's bookings, newest slot first. */
  bookingsOf(db: Executor, personId: string, limit: number) {
    return this.bookings(db)
      .where('b.person_id', '=', personId)
      .orderBy('b.slot_start', 'desc')
      .orderBy('b.id', 'desc')
      .limit(limit)
      .execute()
  }

  bookingOf(db: Executor, personId: string, id: string) {
    return this.bookings(db).where('b.person_id', '=', personId).where('b.id', '=', id).executeTakeFirst()
  }

  /** A booking by its code with the site's region and the person (masked fields only). */
  bookingByCode(db: Executor, code: string) {
    return this.bookings(db)
      .innerJoin('persons as p', 'p.id', 'b.person_id')
      .select(['s.region_code as site_region', 'b.person_id', 'p.name as person_name', 'p.id_number_masked'])
      .where('b.code', '=', code)
      .executeTakeFirst()
  }

  /** Moves a booking from `from` to `to` (sampled: now); the id when it was in `from`. */
  setBookingStatus(tx: Executor, id: string, from: 'booked', to: 'cancelled' | 'sampled') {
    return tx
      .updateTable('sampling_bookings')
      .set({ status: to, ...(to === 'sampled' ? { sampled_at: sql<Date>`now()` } : {}) })
      .where('id', '=', id)
      .where('status', '=', from)
      .returning('id')
      .executeTakeFirst()
  }
}
