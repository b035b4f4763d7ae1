import { sql } from 'kysely'
import { type Scope, whereInScope } from '../../auth/scope.js'
import { type Executor, likePrefix, pageOffset } from '../../db/kit.js'
import type { Venue } from '@lianfang/contracts'

export interface NewVenueRow {
  readonly region_code: string
  readonly kind: Venue['kind']
  readonly name: string
  readonly capacity: number
  readonly address: string | null
  readonly manager_user_id: string
  /** Trains and buses only (the CHECK `venues_enclosed_conveyance_check`). */
  readonly enclosed: boolean | null
}

/** A venue's check-ins of one local day: `[start, end)` (statistics). */
export interface VenueDay {
  readonly venueId: string
  readonly start: Date
  readonly end: Date
}

export interface VenueFilter {
  /** Narrows within the scope to a region's subtree (the caller asserted it is in scope). */
  readonly regionPrefix?: string | undefined
  readonly kind?: Venue['kind'] | undefined
  /** A substring of the name. */
  readonly name?: string | undefined
}

/**
 * SQL for the venues register and its statistics; one query per method (STYLE.md §5). Reads
 * take a `Scope` (#15): a venue of another region, or its check-ins, are simply not found.
 */
export class VenuesRepository {
  private scoped(db: Executor, scope: Scope) {
    return whereInScope(
      db.selectFrom('venues as v').innerJoin('regions as r', 'r.code', 'v.region_code'),
      'v.region_code',
      scope,
    ).select([
      'v.id',
      'v.region_code',
      'v.name',
      'v.kind',
      'v.capacity',
      'v.address',
      'v.active',
      'v.manager_user_id',
      'v.enclosed',
      'r.name as region_name',
    ])
  }

  private filtered(db: Executor, scope: Scope, f: VenueFilter) {
    let q = this.scoped(db, scope)
    if (f.regionPrefix) q = q.where('v.region_code', 'like', likePrefix(f.regionPrefix))
    if (f.kind) q = q.where('v.kind', '=', f.kind)
    if (f.name) q = q.where('v.name', 'like', `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    return q
  }

  list(db: Executor, scope: Scope, f: VenueFilter, page: number, pageSize: number) {
    return this.filtered(db, scope, f)
      .orderBy('v.region_code')
      .orderBy('v.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  async count(db: Executor, scope: Scope, f: VenueFilter): Promise<number> {
    const row = await this.filtered(db, scope, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  findById(db: Executor, scope: Scope, id: string) {
    return this.scoped(db, scope).where('v.id', '=', id).executeTakeFirst()
  }

  /** Only the region of a venue, whatever the scope (OUT_OF_SCOPE versus NOT_FOUND). */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('venues').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** The region of a user (a venue's manager must be one the caller could see). */
  userRegion(db: Executor, userId: string) {
    return db.selectFrom('users').select('region_code').where('id', '=', userId).executeTakeFirst()
  }

  insert(db: Executor, row: NewVenueRow) {
    return db.insertInto('venues').values(row).returning('id').executeTakeFirstOrThrow()
  }

  async setActive(db: Executor, id: string, active: boolean): Promise<void> {
    await db.updateTable('venues').set({ active }).where('id', '=', id).execute()
  }

  /** A train's or a bus's ventilation (CC.TRANSPORT.TRAIN, CC.TRANSPORT.BUS). */
  async setEnclosed(db: Executor, id: string, enclosed: boolean | null): Promise<void> {
    await db.updateTable('venues').set({ enclosed }).where('id', '=', id).execute()
  }

  /** The check-ins of a venue's day that the scope sees (the venue's region is the rows'). */
  private checkinsOfDay(db: Executor, scope: Scope, d: VenueDay) {
    return whereInScope(
      db
        .selectFrom('checkins')
        .where('venue_id', '=', d.venueId)
        .where('checked_in_at', '>=', d.start)
        .where('checked_in_at', '<', d.end),
      'region_code',
      scope,
    )
  }

  /** Allowed entries and exits, and distinct residents and visitors who entered. */
  statsTotals(db: Executor, scope: Scope, d: VenueDay) {
    return this.checkinsOfDay(db, scope, d)
      .select([
        sql<number>`count(*) filter (where direction = 'in' and decision = 'allow')::int`.as('entries'),
        sql<number>`count(*) filter (where direction = 'out' and decision = 'allow')::int`.as('exits'),
        sql<number>`count(distinct person_id) filter (where direction = 'in' and decision = 'allow' and resident)::int`.as(
          'residents',
        ),
        sql<number>`count(distinct coalesce(person_id::text, subject)) filter (where direction = 'in' and decision = 'allow' and not coalesce(resident, false))::int`.as(
          'visitors',
        ),
      ])
      .executeTakeFirst()
  }

  /** Denials by reason, most frequent first. */
  statsDenied(db: Executor, scope: Scope, d: VenueDay) {
    return this.checkinsOfDay(db, scope, d)
      .where('decision', '=', 'deny')
      .select([
        sql<string>`coalesce(deny_reason, 'unknown')`.as('reason'),
        sql<number>`count(*)::int`.as('count'),
      ])
      .groupBy(sql`1`)
      .orderBy(sql`2 desc`)
      .execute()
  }

  /** Entries, exits and denials by the hour of the day in `timeZone`. */
  statsHourly(db: Executor, scope: Scope, d: VenueDay, timeZone: string) {
    return this.checkinsOfDay(db, scope, d)
      .select([
        sql<number>`extract(hour from checked_in_at at time zone ${timeZone})::int`.as('hour'),
        sql<number>`count(*) filter (where direction = 'in' and decision = 'allow')::int`.as('entries'),
        sql<number>`count(*) filter (where direction = 'out' and decision = 'allow')::int`.as('exits'),
        sql<number>`count(*) filter (where decision = 'deny')::int`.as('denied'),
      ])
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute()
  }
}
