import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { QuarantineOrder } from '@lianfang/contracts'
import type { Executor } from '../../db/kit.js'
import { type Scope, whereInScope } from '../../auth/scope.js'
import type { DB } from '../../db/schema.generated.js'

export interface NewOrder {
  readonly personId: string
  readonly regionCode: string
  readonly kind: QuarantineOrder['kind']
  readonly reason: QuarantineOrder['reason']
  readonly startsAt: Date
  readonly endsAt: Date
  readonly note: string | null
  readonly ruleSetVersion: string
  readonly createdBy: string
}

export async function insertOrder(db: Executor, o: NewOrder): Promise<string> {
  const row = await db
    .insertInto('quarantine_orders')
    .values({
      person_id: o.personId,
      region_code: o.regionCode,
      kind: o.kind,
      reason: o.reason,
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      note: o.note,
      rule_set_version: o.ruleSetVersion,
      created_by: o.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** An order within the scope (a citizen's: their own). */
export function findOrder(db: Executor, scope: Scope, id: string) {
  return whereInScope(db.selectFrom('quarantine_orders as q'), 'q.region_code', scope, 'q.person_id')
    .selectAll()
    .where('q.id', '=', id)
    .executeTakeFirst()
}

/** Only the region of an order, whatever the scope: tells OUT_OF_SCOPE from NOT_FOUND. */
export function orderRegionOf(db: Executor, id: string) {
  return db.selectFrom('quarantine_orders').select('region_code').where('id', '=', id).executeTakeFirst()
}

/** Only the region of a person, whatever the scope: tells OUT_OF_SCOPE from PERSON_NOT_FOUND. */
export function personRegionOf(db: Executor, personId: string) {
  return db.selectFrom('persons').select('region_code').where('id', '=', personId).executeTakeFirst()
}

/** True for a person (`persons p`) with a live order (dry runs). */
export function hasLiveOrder(): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from quarantine_orders q where q.person_id = p.id and q.voided_at is null)`
}

export async function releaseOrder(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('quarantine_orders').set({ released_at: at }).where('id', '=', id).execute()
}

/** A person's live orders, newest first. */
export async function orderIdsOf(
  db: Executor,
  scope: Scope,
  personId: string,
  limit: number,
): Promise<string[]> {
  const rows = await whereInScope(
    db.selectFrom('quarantine_orders as q'),
    'q.region_code',
    scope,
    'q.person_id',
  )
    .select('q.id')
    .where('q.person_id', '=', personId)
    .where('q.voided_at', 'is', null)
    .orderBy('q.starts_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

export function ordersOfPersons(db: Executor, personIds: readonly string[]) {
  return db
    .selectFrom('quarantine_orders')
    .select(['person_id', 'kind', 'reason', 'starts_at', 'ends_at', 'released_at'])
    .where('person_id', 'in', [...personIds])
    .where('voided_at', 'is', null)
    .execute()
}

/** Start of each live order (when its person was isolated), by order id. */
export async function orderStarts(db: Executor, orderIds: readonly string[]): Promise<Map<string, Date>> {
  if (orderIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('quarantine_orders')
    .select(['id', 'starts_at'])
    .where('id', 'in', [...orderIds])
    .where('voided_at', 'is', null)
    .execute()
  return new Map(rows.map((r) => [r.id, r.starts_at]))
}

/** Each person's running centralized order (latest end), for extending rather than duplicating. */
export async function runningCentralized(
  tx: Transaction<DB>,
  personIds: readonly string[],
  now: Date,
): Promise<{ person_id: string; id: string; ends_at: Date; note: string | null }[]> {
  if (personIds.length === 0) return []
  const r = await sql<{ person_id: string; id: string; ends_at: Date; note: string | null }>`
    select distinct on (person_id) person_id, id, ends_at, note from quarantine_orders
     where person_id = any(${[...personIds]}::bigint[]) and kind = 'centralized'
       and released_at is null and voided_at is null and ends_at > ${now}
     order by person_id, ends_at desc`.execute(tx)
  return r.rows
}

/** Extends running orders, set-based (one statement). */
export async function extendOrders(
  tx: Transaction<DB>,
  extended: readonly { id: string; endsAt: string; note: string }[],
): Promise<void> {
  if (extended.length === 0) return
  await sql`update quarantine_orders q set ends_at = u.ends_at, note = u.note
      from unnest(${extended.map((e) => e.id)}::bigint[], ${extended.map((e) => e.endsAt)}::timestamptz[],
                  ${extended.map((e) => e.note)}::text[]) as u(id, ends_at, note)
     where q.id = u.id`.execute(tx)
}

/** New centralized orders for contacts, set-based (one statement); returns order id by person. */
export async function insertContactOrders(
  tx: Transaction<DB>,
  o: {
    readonly startsAt: Date
    readonly note: string
    readonly ruleSetVersion: string
    readonly createdBy: string
    readonly rows: readonly {
      personId: string
      regionCode: string
      reason: 'close_contact' | 'secondary_contact'
      endsAt: Date
    }[]
  },
): Promise<Map<string, string>> {
  if (o.rows.length === 0) return new Map()
  const r = await sql<{ id: string; person_id: string }>`
      insert into quarantine_orders
        (person_id, region_code, kind, reason, starts_at, ends_at, note, rule_set_version, created_by)
      select u.person_id, u.region_code, 'centralized', u.reason, ${o.startsAt}::timestamptz, u.ends_at,
             ${o.note}::text, ${o.ruleSetVersion}::text, ${o.createdBy}::bigint
        from unnest(${o.rows.map((p) => p.personId)}::bigint[], ${o.rows.map((p) => p.regionCode)}::text[],
                    ${o.rows.map((p) => p.reason)}::text[],
                    ${o.rows.map((p) => p.endsAt.toISOString())}::timestamptz[])
             as u(person_id, region_code, reason, ends_at)
      returning id, person_id`.execute(tx)
  return new Map(r.rows.map((x) => [x.person_id, x.id]))
}

/** Releases an open order of this person with a note (appeal corrections); false if none. */
export async function releaseWithNote(
  tx: Transaction<DB>,
  personId: string,
  id: string,
  note: string,
): Promise<boolean> {
  const r = await tx
    .updateTable('quarantine_orders')
    .set({ released_at: sql<Date>`now()`, note })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('released_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Open orders an appeal may release. */
export async function openOrders(
  db: Executor,
  personId: string,
): Promise<{ id: string; summary: string; at: Date }[]> {
  const rows = await sql<{ id: string; summary: string; at: Date }>`
    select q.id::text, 'quarantine ' || q.kind || ' (' || q.reason || ') until ' || to_char(q.ends_at, 'YYYY-MM-DD') as summary, q.starts_at as at
      from quarantine_orders q where q.person_id = ${personId} and q.voided_at is null and q.released_at is null and q.ends_at > now()`.execute(
    db,
  )
  return rows.rows.map((r) => ({ ...r, at: new Date(r.at) }))
}
