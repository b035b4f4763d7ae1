import { randomBytes } from 'node:crypto'
import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { Executor } from '../../db/kit.js'
import type { DB } from '../../db/schema.generated.js'

export interface StoredCode {
  person_id: string
  region_code: string
  subject_id: string
  colour: string
  reasons: unknown
  actions: unknown
  valid_until: Date
  rule_set_version: string
  status_index: number
  computed_at: Date
}

/** The columns of a batch of codes to write, one array per column (for `unnest`). */
export interface CodeColumns {
  readonly person: string[]
  readonly region: string[]
  readonly colour: string[]
  readonly reasons: string[]
  readonly actions: string[]
  readonly validUntil: string[]
  readonly version: string[]
  readonly index: number[]
}

/** One colour change for `colour_history`. */
export interface HistoryRow {
  readonly personId: string
  readonly colour: string
  readonly previousColour: string | null
  /** JSON of the reasons (code and text). */
  readonly reasons: string
  readonly ruleSetVersion: string
}

/** A query of person ids (`select … as person_id`) whose colours are to be recomputed. */
export type PersonIdsQuery = RawBuilder<{ person_id: string }>

/**
 * SQL of the colours: the outbox, `health_codes`, their history and the status-index sequence;
 * one query per method (#15). Set-based writes take one array per column and `unnest` them.
 */
export class ColourRepository {
  enqueue(tx: Executor, personIds: readonly string[]) {
    return tx
      .insertInto('outbox')
      .values(personIds.map((id) => ({ topic: 'colour.recompute', person_id: id })))
      .execute()
  }

  enqueueWhere(tx: Executor, personIdsQuery: PersonIdsQuery) {
    return sql`insert into outbox (topic, person_id) select distinct 'colour.recompute', q.person_id from (${personIdsQuery}) q`.execute(
      tx,
    )
  }

  /** Pending outbox rows (of these persons, if given), oldest first; locked and skipping locked ones when `lock`. */
  pending(tx: Transaction<DB>, personIds: readonly string[] | undefined, limit: number, lock: boolean) {
    let q = tx
      .selectFrom('outbox')
      .select(['id', 'person_id'])
      .where('processed_at', 'is', null)
      .orderBy('id')
      .limit(limit)
    if (personIds) q = q.where('person_id', 'in', [...personIds])
    return lock ? q.forUpdate().skipLocked().execute() : q.execute()
  }

  markProcessed(tx: Executor, ids: readonly string[]) {
    return tx
      .updateTable('outbox')
      .set({ processed_at: sql<Date>`now()` })
      .where('id', 'in', [...ids])
      .execute()
  }

  /** Persons whose colour's validity has lapsed, earliest first. */
  due(db: Executor, now: Date, limit: number) {
    return db
      .selectFrom('health_codes')
      .select('person_id')
      .where('valid_until', '<=', now)
      .orderBy('valid_until')
      .limit(limit)
      .execute()
  }

  find(db: Executor, personId: string): Promise<StoredCode | undefined> {
    return db.selectFrom('health_codes').selectAll().where('person_id', '=', personId).executeTakeFirst()
  }

  /** Locks the persons' rows against other recomputes (`for no key update`, see ColourService). */
  lockPersons(tx: Transaction<DB>, ids: readonly string[]) {
    return tx
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', 'in', [...ids])
      .orderBy('id')
      .forNoKeyUpdate()
      .execute()
  }

  current(tx: Executor, personIds: readonly string[]) {
    return tx
      .selectFrom('health_codes')
      .select(['person_id', 'colour', 'status_index'])
      .where('person_id', 'in', [...personIds])
      .execute()
  }

  async drawStatusIndexes(tx: Executor, count: number): Promise<number[]> {
    const r = await sql<{ n: number }>`select nextval('health_code_status_index_seq')::int as n
      from generate_series(1, ${count}::int)`.execute(tx)
    return r.rows.map((x) => x.n)
  }

  update(tx: Executor, c: CodeColumns, now: Date) {
    return sql`update health_codes h
         set region_code = u.region_code, colour = u.colour, reasons = u.reasons, actions = u.actions,
             valid_until = u.valid_until, rule_set_version = u.rule_set_version,
             status_index = u.status_index, computed_at = ${now}::timestamptz
        from unnest(${c.person}::bigint[], ${c.region}::text[], ${c.colour}::text[],
                    ${c.reasons}::jsonb[], ${c.actions}::jsonb[], ${c.validUntil}::timestamptz[],
                    ${c.version}::text[], ${c.index}::int[])
             as u(person_id, region_code, colour, reasons, actions, valid_until, rule_set_version, status_index)
       where h.person_id = u.person_id`.execute(tx)
  }

  /** New codes, each with a fresh random pseudonymous subject id. */
  insert(tx: Executor, c: CodeColumns, now: Date) {
    return sql`insert into health_codes (person_id, region_code, subject_id, colour, reasons, actions,
                                        valid_until, rule_set_version, status_index, computed_at)
      select u.person_id, u.region_code, u.subject_id, u.colour, u.reasons, u.actions, u.valid_until,
             u.rule_set_version, u.status_index, ${now}::timestamptz
        from unnest(${c.person}::bigint[], ${c.region}::text[],
                    ${c.person.map(() => randomBytes(12).toString('base64url'))}::text[],
                    ${c.colour}::text[], ${c.reasons}::jsonb[], ${c.actions}::jsonb[],
                    ${c.validUntil}::timestamptz[], ${c.version}::text[], ${c.index}::int[])
             as u(person_id, region_code, subject_id, colour, reasons, actions, valid_until,
                  rule_set_version, status_index)`.execute(tx)
  }

  insertHistory(tx: Executor, rows: readonly HistoryRow[], now: Date) {
    return sql`insert into colour_history (person_id, colour, previous_colour, reasons, rule_set_version, at)
      select u.person_id, u.colour, u.previous_colour, u.reasons, u.rule_set_version, ${now}::timestamptz
        from unnest(${rows.map((r) => r.personId)}::bigint[], ${rows.map((r) => r.colour)}::text[],
                    ${rows.map((r) => r.previousColour)}::text[], ${rows.map((r) => r.reasons)}::jsonb[],
                    ${rows.map((r) => r.ruleSetVersion)}::text[])
             as u(person_id, colour, previous_colour, reasons, rule_set_version)`.execute(tx)
  }

  history(db: Executor, personId: string, limit: number) {
    return db
      .selectFrom('colour_history')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
  }

  /** The person's name (a code's masked name). */
  personName(db: Executor, personId: string) {
    return db.selectFrom('persons').select('name').where('id', '=', personId).executeTakeFirst()
  }

  /**
   * Only the id and region of a person, whatever the scope: the target of a fact change, and
   * for telling "not yours" (OUT_OF_SCOPE) from "not there" (NOT_FOUND). Returns no person data.
   */
  regionOf(db: Executor, personId: string) {
    return db
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', '=', personId)
      .executeTakeFirst()
  }
}

/** A false condition: the dry run's "has a fact" when no source declares one. */
export function noFacts(): RawBuilder<boolean> {
  return sql<boolean>`false`
}
