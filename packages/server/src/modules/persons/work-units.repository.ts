import { sql } from 'kysely'
import type { Executor } from '../../db/kit.js'
import type { WorkUnits } from '../../db/schema.generated.js'
import { type Scope, whereInScope } from '../../auth/scope.js'

const UNIT_COLUMNS = ['u.id', 'u.venue_id', 'u.region_code', 'u.kind', 'u.name', 'u.created_at'] as const

/**
 * SQL of work units and school classes (RULES.md CC.SETTINGS 4) and of the venues they belong
 * to, as the persons module reads them; one query per method (STYLE.md §5). Finds take a `Scope`.
 */
export class WorkUnitsRepository {
  /** A venue (employer or school) the scope sees. */
  venueInScope(db: Executor, scope: Scope, id: string) {
    return whereInScope(db.selectFrom('venues as v'), 'v.region_code', scope)
      .select(['v.id', 'v.region_code', 'v.name'])
      .where('v.id', '=', id)
      .executeTakeFirst()
  }

  /** Only the region of a venue, whatever the scope (OUT_OF_SCOPE versus NOT_FOUND). */
  venueRegionOf(db: Executor, id: string) {
    return db.selectFrom('venues').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** A unit the scope sees. */
  unitInScope(db: Executor, scope: Scope, id: string) {
    return whereInScope(db.selectFrom('work_units as u'), 'u.region_code', scope)
      .select(UNIT_COLUMNS)
      .where('u.id', '=', id)
      .executeTakeFirst()
  }

  /** Only the region of a unit, whatever the scope (OUT_OF_SCOPE versus NOT_FOUND). */
  unitRegionOf(db: Executor, id: string) {
    return db.selectFrom('work_units').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  /** A venue's units by name, each with its members (work unit or class) counted. */
  listByVenue(db: Executor, venueId: string) {
    return db
      .selectFrom('work_units as u')
      .select(UNIT_COLUMNS)
      .select(
        sql<string>`(select count(*) from persons p where p.work_unit_id = u.id)
          + (select count(*) from persons p where p.class_unit_id = u.id)`.as('members'),
      )
      .where('u.venue_id', '=', venueId)
      .orderBy('u.name')
      .execute()
  }

  insert(db: Executor, row: Pick<WorkUnits, 'region_code' | 'venue_id' | 'kind' | 'name'>) {
    return db
      .insertInto('work_units')
      .values(row)
      .returning(['id', 'venue_id', 'region_code', 'kind', 'name', 'created_at'])
      .executeTakeFirstOrThrow()
  }

  /** The units of these venues with these names (a roster names units within the employer). */
  byNames(db: Executor, venueIds: readonly string[], names: readonly string[]) {
    if (venueIds.length === 0 || names.length === 0) return Promise.resolve([])
    return db
      .selectFrom('work_units')
      .select(['id', 'venue_id', 'name'])
      .where('venue_id', 'in', [...venueIds])
      .where('name', 'in', [...names])
      .execute()
  }

  /** These venues, with their regions (a roster's employers and schools; the caller scopes them). */
  venuesByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([])
    return db
      .selectFrom('venues')
      .select(['id', 'region_code'])
      .where('id', 'in', [...ids])
      .execute()
  }

  /** The names of a person's employer, school and units (whichever are set), in one statement. */
  names(db: Executor, venueIds: readonly string[], unitIds: readonly string[]) {
    const none = sql<boolean>`false`
    return db
      .selectFrom('venues')
      .select(['id', 'name', sql.lit('venue').as('t')])
      .where(venueIds.length > 0 ? sql<boolean>`id in (${sql.join([...venueIds])})` : none)
      .unionAll(
        db
          .selectFrom('work_units')
          .select(['id', 'name', sql.lit('unit').as('t')])
          .where(unitIds.length > 0 ? sql<boolean>`id in (${sql.join([...unitIds])})` : none),
      )
      .execute() as Promise<{ id: string; name: string; t: 'venue' | 'unit' }[]>
  }
}
