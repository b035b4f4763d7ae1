import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/kit.js'

export interface NewResult {
  readonly personId: string
  readonly regionCode: string
  readonly sampledAt: Date
  readonly result: 'positive' | 'negative' | 'pending'
  readonly pooled: boolean
  readonly labName: string | null
  readonly enteredBy: string
}

export async function insertResult(db: Executor, r: NewResult): Promise<string> {
  const row = await db
    .insertInto('nat_results')
    .values({
      person_id: r.personId,
      region_code: r.regionCode,
      sampled_at: r.sampledAt,
      result: r.result,
      pooled: r.pooled,
      lab_name: r.labName,
      entered_by: r.enteredBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface NewAntibodyResult {
  readonly personId: string
  readonly regionCode: string
  readonly sampledAt: Date
  readonly igm: 'positive' | 'negative'
  readonly igg: 'positive' | 'negative'
  readonly labName: string | null
  readonly enteredBy: string
}

export async function insertAntibodyResult(db: Executor, r: NewAntibodyResult): Promise<string> {
  const row = await db
    .insertInto('antibody_results')
    .values({
      person_id: r.personId,
      region_code: r.regionCode,
      sampled_at: r.sampledAt,
      igm: r.igm,
      igg: r.igg,
      lab_name: r.labName,
      entered_by: r.enteredBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A person's live serum antibody results, newest first (CASE.SUSPECT.EXCLUDE). */
export function antibodyResults(db: Executor, personId: string) {
  return db
    .selectFrom('antibody_results')
    .select(['sampled_at', 'igm', 'igg'])
    .where('person_id', '=', personId)
    .where('voided_at', 'is', null)
    .orderBy('sampled_at', 'desc')
    .execute()
}

export function resultsOfPersons(db: Executor, personIds: readonly string[]) {
  return db
    .selectFrom('nat_results')
    .select(['person_id', 'sampled_at', 'result', 'pooled'])
    .where('person_id', 'in', [...personIds])
    .where('voided_at', 'is', null)
    .execute()
}

/** A person's live individual (unpooled) results: what discharge and release criteria count. */
export function individualResults(db: Executor, personId: string) {
  return db
    .selectFrom('nat_results')
    .select(['sampled_at', 'result'])
    .where('person_id', '=', personId)
    .where('pooled', '=', false)
    .where('voided_at', 'is', null)
    .execute()
}

export async function liveResultsSummary(
  db: Executor,
  personId: string,
): Promise<{ id: string; summary: string; at: Date }[]> {
  const rows = await sql<{ id: string; summary: string; at: Date }>`
    select n.id::text, 'NAT ' || n.result || case when n.pooled then ' (pooled)' else '' end as summary, n.sampled_at as at
      from nat_results n where n.person_id = ${personId} and n.voided_at is null`.execute(db)
  return rows.rows.map((r) => ({ ...r, at: new Date(r.at) }))
}

export async function voidResult(
  db: Executor,
  personId: string,
  id: string,
  reason: string,
): Promise<boolean> {
  const r = await db
    .updateTable('nat_results')
    .set({ voided_at: sql<Date>`now()`, voided_reason: reason })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('voided_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** True for a person (`persons p`) with a live result (dry runs). */
export function hasLiveResult(): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from nat_results n where n.person_id = p.id and n.voided_at is null)`
}
