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

/** A person's result from a tube (#17): one row per member of a resulted tube. */
export interface NewTubeResult {
  readonly personId: string
  readonly regionCode: string
  readonly sampledAt: Date
  readonly result: 'positive' | 'negative'
  readonly pooled: boolean
  readonly labName: string | null
  /** The lab user who entered it (null: the CLI's import). */
  readonly enteredBy: string | null
  readonly tubeId: string
}

/** Inserts many tube results in one statement; each new row's id with its person and tube. */
export async function insertTubeResults(
  db: Executor,
  rows: readonly NewTubeResult[],
): Promise<{ id: string; person_id: string; tube_id: string }[]> {
  if (rows.length === 0) return []
  const col = <T>(f: (r: NewTubeResult) => T) => rows.map(f)
  const r = await sql<{ id: string; person_id: string; tube_id: string }>`
    insert into nat_results (person_id, region_code, sampled_at, result, pooled, lab_name, entered_by, tube_id)
    select * from unnest(${col((r) => r.personId)}::bigint[], ${col((r) => r.regionCode)}::text[],
                         ${col((r) => r.sampledAt.toISOString())}::timestamptz[], ${col((r) => r.result)}::text[],
                         ${col((r) => r.pooled)}::boolean[], ${col((r) => r.labName)}::text[],
                         ${col((r) => r.enteredBy)}::bigint[], ${col((r) => r.tubeId)}::bigint[])
    returning id::text, person_id::text, tube_id::text`.execute(db)
  return r.rows
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
