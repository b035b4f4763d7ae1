import { sql } from 'kysely'
import type { FactSource } from './fact-sources.js'

const VOIDABLE = {
  void_trip: 'trips',
  void_declaration: 'health_declarations',
  void_fever_clinic: 'fever_clinic_visits',
} as const

/**
 * The facts health codes own themselves: health declarations, declared trips and fever-clinic
 * visits (voided rows excluded). Trips start as low risk; the risk-area module grades them.
 */
export const declarationFacts: FactSource = {
  name: 'declarations',
  async load(db, personIds, facts) {
    const ids = [...personIds]
    const [decls, trips, visits] = await Promise.all([
      db
        .selectFrom('health_declarations')
        .select(['person_id', 'declared_at', 'temperature_c', 'symptoms'])
        .where('person_id', 'in', ids)
        .where('voided_at', 'is', null)
        .execute(),
      db
        .selectFrom('trips as t')
        .innerJoin('regions as r', 'r.code', 't.place_region_code')
        .select(['t.person_id', 't.place_region_code', 'r.name', 't.arrived_at', 't.left_at'])
        .where('t.person_id', 'in', ids)
        .where('t.voided_at', 'is', null)
        .execute(),
      db
        .selectFrom('fever_clinic_visits')
        .select(['person_id', 'visited_at'])
        .where('person_id', 'in', ids)
        .where('voided_at', 'is', null)
        .execute(),
    ])
    for (const d of decls)
      facts.get(d.person_id).declarations.push({
        at: d.declared_at,
        temperatureC: d.temperature_c === null ? undefined : Number(d.temperature_c),
        symptoms: d.symptoms,
      })
    for (const t of trips)
      facts.get(t.person_id).trips.push({
        regionCode: t.place_region_code,
        regionName: t.name,
        arrivedAt: t.arrived_at,
        leftAt: t.left_at,
        riskLevel: 'low',
      })
    for (const v of visits) facts.get(v.person_id).feverClinicVisits.push({ at: v.visited_at })
  },
  hasFacts: () =>
    sql<boolean>`(exists (select 1 from health_declarations d where d.person_id = p.id and d.voided_at is null)
      or exists (select 1 from trips t where t.person_id = p.id and t.voided_at is null)
      or exists (select 1 from fever_clinic_visits f where f.person_id = p.id and f.voided_at is null))`,
  corrections: Object.keys(VOIDABLE),
  async correctable(db, personId) {
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
    return rows.rows.map((r) => ({ ...r, at: new Date(r.at) }))
  },
  async correct(tx, personId, type, id, reason) {
    const table = VOIDABLE[type as keyof typeof VOIDABLE]
    const r = await tx
      .updateTable(table)
      .set({ voided_at: sql<Date>`now()`, voided_reason: reason })
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .where('voided_at', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },
}
