import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import type { DB } from '../db/schema.generated.js'
import type { SessionUser } from '../auth/session-user.js'
import type { Executor } from '../db/kit.js'
import type { Scope } from '../auth/scope.js'
import { AuditRepository } from './audit.repository.js'
import {
  auditContentText,
  auditHash,
  GENESIS_HASH,
  storableJson,
  storableText,
  type AuditContent,
} from './audit-hash.js'
import type { AuditBreak } from '@lianfang/contracts'

const repo = new AuditRepository()

export interface AuditEvent {
  readonly action: string
  readonly targetType: string
  readonly targetId?: string | null
  readonly reason?: string | null
  readonly details?: Record<string, unknown>
}

/** An actor that is not a signed-in user (the system itself, a CLI run, a failed login). */
export interface SystemActor {
  readonly name: string
  readonly role: string
}

/**
 * What a record says (and its hash covers): who, when, what — as it will be stored. Text that
 * PostgreSQL cannot store as given (a lone surrogate, a NUL) is made storable first, so the hash
 * is over exactly what the table holds and `verify` recomputes it (an ill-formed username once
 * stored a record that could never verify).
 */
function contentOf(actor: SessionUser | SystemActor, event: AuditEvent, at: Date): AuditContent {
  const isUser = 'id' in actor
  const text = (s: string) => storableText(s)
  const maybe = (s: string | null | undefined) => (s === null || s === undefined ? null : storableText(s))
  return {
    at,
    actorUserId: isUser ? actor.id : null,
    actorName: text(isUser ? actor.username : actor.name),
    actorRole: text(actor.role),
    actorRegion: isUser ? text(actor.regionCode) : null,
    action: text(event.action),
    targetType: text(event.targetType),
    targetId: maybe(event.targetId),
    reason: maybe(event.reason),
    details: storableJson(event.details ?? {}),
  }
}

/**
 * One record in one statement: `audit_append` (migration 2130) takes the chain's lock, reads its
 * head and inserts the record with its hash, in place of three round trips. The content's
 * canonical text comes from here, so the hash is the one `verify` recomputes.
 */
function appendOne(db: Executor, content: AuditContent): Promise<void> {
  return repo.appendOne(db, content, GENESIS_HASH, auditContentText(content))
}

/** At most this many breaks are listed by `verify` (all are counted). */
const MAX_BREAKS_LISTED = 1000

export interface AuditVerification {
  ok: boolean
  checked: number
  brokenAt: string | null
  problem: string | null
  broken: AuditBreak[]
  brokenCount: number
}

const PROBLEM_TEXT: Record<AuditBreak['problem'], string> = {
  link: 'link to the previous record is broken (a record was removed or inserted)',
  edited: 'record content does not match its hash (it was edited)',
}

/**
 * The audit trail (DESIGN.md "Data rules"): every read or change of personal data appends
 * a record in the same transaction as the access. Records are hash-chained; appends are
 * serialised with a transaction-scoped advisory lock so the chain has one order.
 */
export class AuditService {
  constructor(private readonly database: Database) {}

  /** Appends one record inside `tx` (call it inside the transaction that does the access). */
  append(tx: Transaction<DB>, actor: SessionUser | SystemActor, event: AuditEvent): Promise<void> {
    return this.appendMany(tx, actor, [event])
  }

  /**
   * Appends several records inside `tx`, in the given order, with one lock, one read of the
   * chain's head and one multi-row insert: the hashes are chained here, and the rows of a
   * multi-row `VALUES` take their identity values in list order, which is the order `verify`
   * walks. For bulk operations (confirming 200 contacts is 200 records, 3 statements).
   */
  async appendMany(
    tx: Transaction<DB>,
    actor: SessionUser | SystemActor,
    events: readonly AuditEvent[],
  ): Promise<void> {
    if (events.length === 0) return
    const only = events.length === 1 ? events[0] : undefined
    // One record (a check-in flush's, most often): one statement instead of three.
    if (only) return appendOne(tx, contentOf(actor, only, new Date()))
    await repo.lock(tx)
    const last = await repo.headHash(tx)
    let prevHash = last?.hash ?? GENESIS_HASH
    const at = new Date()
    const rows = events.map((event) => {
      const content = contentOf(actor, event, at)
      const hash = auditHash(prevHash, content)
      const row = {
        at: content.at,
        actor_user_id: content.actorUserId,
        actor_name: content.actorName,
        actor_role: content.actorRole,
        actor_region: content.actorRegion,
        action: content.action,
        target_type: content.targetType,
        target_id: content.targetId,
        reason: content.reason,
        details: JSON.stringify(content.details),
        prev_hash: prevHash,
        hash,
      }
      prevHash = hash
      return row
    })
    // 12 parameters a row: stay well under the protocol's 65,535 bind parameters.
    for (let i = 0; i < rows.length; i += 4000) {
      await repo.insertMany(tx, rows.slice(i, i + 4000))
    }
  }

  /**
   * Appends in a transaction of its own: one statement, `audit_append` (migration 2130), which
   * takes the lock, reads the chain's head and inserts the record with its hash, in place of five
   * round trips. The content's canonical text comes from here, so the hash is the one `verify`
   * recomputes.
   */
  async record(actor: SessionUser | SystemActor, event: AuditEvent): Promise<void> {
    await appendOne(this.database.db, contentOf(actor, event, new Date()))
  }

  /**
   * Recomputes the chain from the first record and reports every break, not only the first: each
   * record's hash is checked against its own stored `prev_hash` (an edit shows at that record
   * only), and each link against the previous record's stored hash (a removed, inserted or
   * re-chained record shows at the link). A break early in the chain does not hide a later edit.
   */
  async verify(): Promise<AuditVerification> {
    let prevStored = GENESIS_HASH
    let afterId = '0'
    let checked = 0
    const broken: AuditBreak[] = []
    let brokenCount = 0
    const report = (id: string, problem: AuditBreak['problem']) => {
      brokenCount++
      if (broken.length < MAX_BREAKS_LISTED) broken.push({ id, problem })
    }
    for (;;) {
      const rows = await repo.pageAfter(this.database.db, afterId, 5000)
      if (rows.length === 0) break
      for (const r of rows) {
        if (r.prev_hash !== prevStored) report(r.id, 'link')
        const expected = auditHash(r.prev_hash, {
          at: r.at,
          actorUserId: r.actor_user_id,
          actorName: r.actor_name,
          actorRole: r.actor_role,
          actorRegion: r.actor_region,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          reason: r.reason,
          details: r.details,
        })
        if (expected !== r.hash) report(r.id, 'edited')
        prevStored = r.hash
        checked++
        afterId = r.id
      }
    }
    const first = broken[0]
    return {
      ok: brokenCount === 0,
      checked,
      brokenAt: first?.id ?? null,
      problem: first ? PROBLEM_TEXT[first.problem] : null,
      broken,
      brokenCount,
    }
  }

  /**
   * Records of actors in the reader's region subtree, newest first; records with no actor
   * region (the system's, anonymous sign-in attempts) only for the node's operators. Reading
   * the list is itself recorded.
   */
  async list(
    reader: SessionUser,
    scope: Scope,
    node: { nodeOperator: boolean },
    q: {
      targetType?: string | undefined
      targetId?: string | undefined
      actorUserId?: string | undefined
      page: number
      pageSize: number
    },
  ) {
    const [rows, total] = await Promise.all([
      repo.list(this.database.db, scope, node.nodeOperator, q),
      repo.count(this.database.db, scope, node.nodeOperator, q),
    ])
    await this.record(reader, {
      action: 'audit.read',
      targetType: 'audit_log',
      details: { filter: { ...q }, returned: rows.length },
    })
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        actorRole: r.actor_role,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        reason: r.reason,
        hash: r.hash,
      })),
      total: Number(total.n),
      page: q.page,
      pageSize: q.pageSize,
    }
  }
}
