import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/kit.js'
import type { Insertable } from 'kysely'
import type { FeverClinicVisits, HealthDeclarations, Trips } from '../../db/schema.generated.js'

/** The tables of the facts health codes own, by the correction that voids a row of each. */
export const VOIDABLE = {
  void_trip: 'trips',
  void_declaration: 'health_declarations',
  void_fever_clinic: 'fever_clinic_visits',
} as const

export type VoidableTable = (typeof VOIDABLE)[keyof typeof VOIDABLE]

/**
 * SQL of the facts health codes own — health declarations, declared trips and fever-clinic
 * visits; one query per method (#15). Reads leave voided rows out.
 */
export class DeclarationsRepository {
  insertDeclaration(tx: Executor, row: Insertable<HealthDeclarations>) {
    return tx.insertInto('health_declarations').values(row).returning('id').executeTakeFirstOrThrow()
  }

  insertTrip(tx: Executor, row: Insertable<Trips>) {
    return tx.insertInto('trips').values(row).returning('id').executeTakeFirstOrThrow()
  }

  insertFeverClinicVisit(tx: Executor, row: Insertable<FeverClinicVisits>) {
    return tx.insertInto('fever_clinic_visits').values(row).returning('id').executeTakeFirstOrThrow()
  }

  declarationsOf(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('health_declarations')
      .select(['person_id', 'declared_at', 'temperature_c', 'symptoms'])
      .where('person_id', 'in', [...personIds])
      .where('voided_at', 'is', null)
      .execute()
  }

  tripsOf(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('trips as t')
      .innerJoin('regions as r', 'r.code', 't.place_region_code')
      .select(['t.person_id', 't.place_region_code', 'r.name', 't.arrived_at', 't.left_at'])
      .where('t.person_id', 'in', [...personIds])
      .where('t.voided_at', 'is', null)
      .execute()
  }

  feverClinicVisitsOf(db: Executor, personIds: readonly string[]) {
    return db
      .selectFrom('fever_clinic_visits')
      .select(['person_id', 'visited_at'])
      .where('person_id', 'in', [...personIds])
      .where('voided_at', 'is', null)
      .execute()
  }

  /** True for a person (`persons p`) with a live declaration, trip or fever-clinic visit. */
  hasFacts(): RawBuilder<boolean> {
    return sql<boolean>`(exists (select 1 from health_declarations d where d.person_id = p.id and d.voided_at is null)
      or exists (select 1 from trips t where t.person_id = p.id and t.voided_at is null)
      or exists (select 1 from fever_clinic_visits f where f.person_id = p.id and f.voided_at is null))`
  }

  /** The person's live rows of the three tables, with a one-line summary, newest first. */
  async correctable(db: Executor, personId: string) {
    const rows = await sql<{ type: string; id: string; summary: string; at: Date }>`
      select 'void_trip' as type, t.id::text, 'trip: ' || r.name || ' ' || to_char(t.arrived_at, 'YYYY-MM-DD') || '…' || to_char(t.left_at, 'YYYY-MM-DD') as summary, t.left_at as at
        from trips t join regions r on r.code = t.place_region_code where t.person_id = ${personId} and t.voided_at is null
      union all
      select 'void_declaration', d.id::text, 'declaration: ' || coalesce(d.temperature_c::text || '°C ', '') || array_to_string(d.symptoms, ', '), d.declared_at
        from health_declarations d where d.person_id = ${personId} and d.voided_at is null
      union all
      select 'void_fever_clinic', f.id::text, 'fever clinic ' || coalesce(f.hospital, ''), f.visited_at
        from fever_clinic_visits f where f.person_id = ${personId} and f.voided_at is null
      order by at desc limit 200`.execute(db)
    return rows.rows
  }

  /** Voids a live row of the person's; false when there is none. */
  async void(
    tx: Executor,
    table: VoidableTable,
    personId: string,
    id: string,
    reason: string,
  ): Promise<boolean> {
    const r = await tx
      .updateTable(table)
      .set({ voided_at: sql<Date>`now()`, voided_reason: reason })
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .where('voided_at', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  }
}
