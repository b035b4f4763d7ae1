import { sql } from 'kysely'
import type { Executor } from '../db/kit.js'
import { pageOffset } from '../db/kit.js'
import { type Scope, scopeCondition } from '../auth/scope.js'
import type { AuditContent } from './audit-hash.js'

/** The chain's lock: a transaction-scoped advisory lock serialises appends (one order). */
const AUDIT_LOCK = 731_415_927

/** A row of `audit_log` as `appendMany` chains it. */
export interface AuditRow {
  at: Date
  actor_user_id: string | null
  actor_name: string
  actor_role: string
  actor_region: string | null
  action: string
  target_type: string
  target_id: string | null
  reason: string | null
  details: string
  prev_hash: string
  hash: string
}

export interface AuditFilter {
  targetType?: string | undefined
  targetId?: string | undefined
  actorUserId?: string | undefined
}

/**
 * The records of actors in the scope (and, for the node's operators, records with no actor
 * region), narrowed by the filter: the base of `list` and `count`.
 */
function filtered(db: Executor, scope: Scope, nodeOperator: boolean, q: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .where((eb) =>
      nodeOperator
        ? eb.or([scopeCondition(eb, 'actor_region', scope), eb('actor_region', 'is', null)])
        : scopeCondition(eb, 'actor_region', scope),
    )
  if (q.targetType) query = query.where('target_type', '=', q.targetType)
  if (q.targetId) query = query.where('target_id', '=', q.targetId)
  if (q.actorUserId) query = query.where('actor_user_id', '=', q.actorUserId)
  return query
}

/**
 * SQL of the audit chain; one query per method (STYLE.md §5). The table is append-only
 * (triggers refuse UPDATE, DELETE, TRUNCATE): there is no method that changes a record.
 */
export class AuditRepository {
  /**
   * One record in one statement: `audit_append` (migration 2130) takes the chain's lock, reads
   * its head and inserts the record with `contentText`'s hash, in place of three round trips.
   */
  async appendOne(
    db: Executor,
    content: AuditContent,
    genesisHash: string,
    contentText: string,
  ): Promise<void> {
    await sql`select audit_append(${AUDIT_LOCK}::bigint, ${genesisHash}, ${content.at}::timestamptz,
              ${content.actorUserId}::bigint, ${content.actorName}, ${content.actorRole},
              ${content.actorRegion}, ${content.action}, ${content.targetType}, ${content.targetId},
              ${content.reason}, ${JSON.stringify(content.details)}::jsonb,
              ${contentText})`.execute(db)
  }

  /** Takes the chain's lock until the end of the transaction. */
  async lock(db: Executor): Promise<void> {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db)
  }

  /** The hash of the newest record (under the lock: the head the next record links to). */
  headHash(db: Executor) {
    return db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst()
  }

  /** Inserts chained rows; a multi-row VALUES takes its identity values in list order. */
  insertMany(db: Executor, rows: readonly AuditRow[]) {
    return db.insertInto('audit_log').values(rows).execute()
  }

  /** Records after `afterId`, in chain order (the walk of `verify`). */
  pageAfter(db: Executor, afterId: string, limit: number) {
    return db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute()
  }

  /** The newest record's id and hash. */
  latest(db: Executor) {
    return db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst()
  }

  /** One record's id and hash. */
  findHead(db: Executor, id: string) {
    return db.selectFrom('audit_log').select(['id', 'hash']).where('id', '=', id).executeTakeFirst()
  }

  /** A page of the records the reader may see, newest first. */
  list(
    db: Executor,
    scope: Scope,
    nodeOperator: boolean,
    q: AuditFilter & { page: number; pageSize: number },
  ) {
    return filtered(db, scope, nodeOperator, q)
      .select([
        'id',
        'at',
        'actor_user_id',
        'actor_name',
        'actor_role',
        'action',
        'target_type',
        'target_id',
        'reason',
        'hash',
      ])
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset(pageOffset(q.page, q.pageSize))
      .execute()
  }

  /** How many records `list` pages through. */
  count(db: Executor, scope: Scope, nodeOperator: boolean, q: AuditFilter) {
    return filtered(db, scope, nodeOperator, q)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  }
}
