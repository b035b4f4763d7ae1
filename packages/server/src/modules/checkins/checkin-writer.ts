import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { AuditEvent, AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { checkinDigest, idRuns, type DigestedCheckin } from './checkin-digest.js'
import { CheckinsRepository, type ScanColumns } from './checkins.repository.js'

export interface CheckinRow {
  readonly regionCode: string
  readonly venueId: string
  readonly personId: string | null
  readonly checkedInAt: Date
  readonly source: 'gate_scan' | 'self_scan' | 'proxy' | 'transport'
  /** Lower case, as PostgreSQL prints a uuid (so that `byKey` orders rows as the index does). */
  readonly clientScanId: string
  readonly direction: 'in' | 'out'
  readonly decision: 'allow' | 'deny'
  readonly denyReason: string | null
  readonly colour: string | null
  readonly resident: boolean | null
  readonly companionPersonId: string | null
  readonly operatorUserId: string | null
  readonly issuer: string | null
  readonly subject: string | null
  /** Transport venues: the seat (core `Seat`), for the seat rules of contact tracing. */
  readonly seat: Readonly<Record<string, string | number>> | null
}

/**
 * A row with its fields always in this order. Every row a flush reads has the same shape, so the
 * loop that turns rows into columns reads each field at a fixed place; rows made by spreading a
 * common part and adding the rest took several shapes, and the reads went through the slow,
 * generic property look-up (about a tenth of the gate path's own time, in a profile).
 */
export function checkinRow(r: CheckinRow): CheckinRow {
  return {
    regionCode: r.regionCode,
    venueId: r.venueId,
    personId: r.personId,
    checkedInAt: r.checkedInAt,
    source: r.source,
    clientScanId: r.clientScanId,
    direction: r.direction,
    decision: r.decision,
    denyReason: r.denyReason,
    colour: r.colour,
    resident: r.resident,
    companionPersonId: r.companionPersonId,
    operatorUserId: r.operatorUserId,
    issuer: r.issuer,
    subject: r.subject,
    seat: r.seat,
  }
}

interface Pending {
  row: CheckinRow
  /** Who recorded the row (the audit record of the flush is theirs); null: not audited (tests). */
  actor: SessionUser | null
  /** A record of its own for this row (a proxy scan's look-up), in the same transaction. */
  event: AuditEvent | null
  resolve: (inserted: boolean) => void
  reject: (e: unknown) => void
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/** The key's order (the client scan id): concurrent batches take the ids' index entries in one order. */
function byKey(a: Pending, b: Pending): number {
  const ia = a.row.clientScanId
  const ib = b.row.clientScanId
  return ia < ib ? -1 : ia > ib ? 1 : a.row.checkedInAt.getTime() - b.row.checkedInAt.getTime()
}

/** The audit action of a flush's record: one per actor and flush, covering the rows it stored. */
export const CHECKINS_RECORDED = 'checkins.recorded'

/**
 * Group commit for check-ins (issue "Entry/exit": acknowledge only after commit, and per-scan
 * commits are too slow). Callers hand rows in and wait; rows that arrive while a batch is being
 * written wait for the next batch, so under load one transaction carries many scans.
 *
 * A scan is stored at most once by its client scan id alone (issue #14: a client that re-stamps
 * the time on a retry must not store it again): one statement inserts the ids into
 * `checkin_scan_ids` (its primary key; `ON CONFLICT DO NOTHING`) and into `checkins` only the rows
 * whose id was new, so it holds across API processes and across a crash; the promise says whether
 * this call stored the row (false = a replay). Check-outs also close the person's open check-in at
 * that venue, in the same transaction.
 *
 * Audit (issue #14): in the same transaction, after the rows, each actor of the flush gets one
 * record ({@link CHECKINS_RECORDED}: the count, the rows' ids as runs and {@link checkinDigest} of
 * the stored rows), after the records of their own that rows carry (a proxy scan's look-up of a
 * person). One lock of the chain per flush, not per scan: the gate path is not serialised on it,
 * and the chain makes the stored rows tamper-evident.
 *
 * One flush is in flight at a time by default (`maxConcurrent`): rows that arrive while it waits
 * for its commit make the next batch larger, which costs less per scan than more, smaller
 * transactions (docs/benchmarks.md "gate": two in flight measured no faster). Rows go in key order,
 * so batches that carry the same replayed scan — in flight together in one process, or in two API
 * processes — wait on each other's index entry in one order and cannot deadlock; the chain's lock
 * is taken last, after every row lock. With more than one in flight, a batch with check-outs starts
 * only when no flush is: the check-ins it closes must be committed before it looks for them.
 */
export class CheckinWriter {
  private pending: Pending[] = []
  private inFlight = 0
  private readonly knownDays = new Map<string, Promise<void>>()
  private readonly maxBatch: number
  private readonly maxConcurrent: number
  private readonly repo = new CheckinsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService | null,
    options: { maxBatch?: number; maxConcurrent?: number } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 2000
    this.maxConcurrent = options.maxConcurrent ?? 1
  }
  private scheduled = false

  /**
   * Resolves, per row, true when stored by this call and false for a duplicate — after commit.
   * `actor` recorded the rows (null: not audited); `events[i]`, when given, is an audit record of
   * its own for `rows[i]`, appended in the same transaction whether or not the row was new.
   */
  write(
    rows: readonly CheckinRow[],
    actor: SessionUser | null,
    events: readonly (AuditEvent | null)[] = [],
  ): Promise<boolean[]> {
    const promises = rows.map(
      (row, i) =>
        new Promise<boolean>((resolve, reject) => {
          this.pending.push({ row, actor, event: events[i] ?? null, resolve, reject })
        }),
    )
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => {
        this.scheduled = false
        this.schedule()
      })
    }
    return Promise.all(promises)
  }

  private schedule(): void {
    while (this.inFlight < this.maxConcurrent && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch)
      if (this.inFlight > 0 && batch.some((p) => p.row.direction === 'out')) {
        this.pending.unshift(...batch) // after the flushes in flight (see the class doc)
        return
      }
      this.inFlight++
      this.flush(batch)
        .catch((e: unknown) => {
          for (const p of batch) p.reject(e)
        })
        .finally(() => {
          this.inFlight--
          this.schedule()
        })
    }
  }

  /** Creates missing day partitions, once per day per process (concurrent flushes share the promise). */
  private async ensurePartitions(rows: readonly CheckinRow[]): Promise<void> {
    const days = [...new Set(rows.map((r) => dayOf(r.checkedInAt)))]
    await Promise.all(
      days.map((d) => {
        let p = this.knownDays.get(d)
        if (!p) {
          p = this.repo.ensurePartition(this.database.db, d)
          p.catch(() => this.knownDays.delete(d))
          this.knownDays.set(d, p)
        }
        return p
      }),
    )
  }

  /** Forgets known partitions (after the retention job dropped some). */
  forgetPartitions(): void {
    this.knownDays.clear()
  }

  private async flush(batch: Pending[]): Promise<void> {
    // One row per scan id: of a batch's replays only the first (in key order) can be stored.
    const sorted = [...batch].sort(byKey)
    const unique: Pending[] = []
    for (const p of sorted) if (unique.at(-1)?.row.clientScanId !== p.row.clientScanId) unique.push(p)
    const rows = unique.map((p) => p.row)
    await this.ensurePartitions(rows)
    const c = columns(rows)
    const outs = rows.filter((r) => r.direction === 'out' && r.personId !== null && r.decision === 'allow')
    const audited = this.audit !== null && batch.some((p) => p.actor !== null)
    // Entries only and nobody to audit (tests of the writer): one statement is its own
    // transaction, prepared (`Database.prepared`: the text is fixed, the rows are arrays).
    // Otherwise the insert, the check-outs and the audit records in one transaction.
    const stored =
      outs.length === 0 && !audited
        ? await this.repo.insertScansPrepared(this.database, c)
        : await this.database.db.transaction().execute(async (tx) => {
            const r = await this.repo.insertScans(tx, c)
            if (outs.length > 0) await this.repo.closeCheckIns(tx, outs)
            if (audited) await this.appendAudit(tx, batch, unique, r)
            return r
          })
    const mine = new Set<Pending>()
    const byScan = new Map(unique.map((p) => [p.row.clientScanId, p]))
    for (const s of stored) {
      const p = byScan.get(s.scan)
      if (p) mine.add(p)
    }
    for (const p of batch) p.resolve(mine.has(p))
  }

  /** The flush's audit records (see the class doc), last in its transaction. */
  private async appendAudit(
    tx: Transaction<DB>,
    batch: readonly Pending[],
    unique: readonly Pending[],
    stored: readonly { id: string; scan: string }[],
  ): Promise<void> {
    const audit = this.audit
    if (!audit) return
    const idOf = new Map(stored.map((s) => [s.scan, s.id]))
    const byActor = new Map<string, { actor: SessionUser; events: AuditEvent[]; rows: DigestedCheckin[] }>()
    const groupOf = (actor: SessionUser) => {
      let g = byActor.get(actor.id)
      if (!g) byActor.set(actor.id, (g = { actor, events: [], rows: [] }))
      return g
    }
    for (const p of batch) if (p.actor && p.event) groupOf(p.actor).events.push(p.event)
    for (const p of unique) {
      const id = idOf.get(p.row.clientScanId)
      if (!p.actor || id === undefined) continue
      const r = p.row
      groupOf(p.actor).rows.push({
        id,
        clientScanId: r.clientScanId,
        checkedInAt: r.checkedInAt,
        venueId: r.venueId,
        personId: r.personId,
        decision: r.decision,
        colour: r.colour,
      })
    }
    for (const g of [...byActor.values()].sort((a, b) => (a.actor.id < b.actor.id ? -1 : 1))) {
      if (g.rows.length > 0) {
        const sources: Record<string, number> = {}
        for (const p of unique)
          if (p.actor?.id === g.actor.id && idOf.has(p.row.clientScanId))
            sources[p.row.source] = (sources[p.row.source] ?? 0) + 1
        g.events.push({
          action: CHECKINS_RECORDED,
          targetType: 'checkins',
          details: {
            count: g.rows.length,
            sources,
            ids: idRuns(g.rows.map((r) => r.id)),
            digest: checkinDigest(g.rows),
          },
        })
      }
      await audit.appendMany(tx, g.actor, g.events)
    }
  }
}

/** The rows as the insert's sixteen column arrays, in one pass. */
function columns(rows: readonly CheckinRow[]): ScanColumns {
  const n = rows.length
  const c = {
    regionCode: new Array<string>(n),
    venueId: new Array<string>(n),
    personId: new Array<string | null>(n),
    checkedInAt: new Array<string>(n),
    source: new Array<string>(n),
    clientScanId: new Array<string>(n),
    direction: new Array<string>(n),
    decision: new Array<string>(n),
    denyReason: new Array<string | null>(n),
    colour: new Array<string | null>(n),
    resident: new Array<boolean | null>(n),
    companionPersonId: new Array<string | null>(n),
    operatorUserId: new Array<string | null>(n),
    issuer: new Array<string | null>(n),
    subject: new Array<string | null>(n),
    seat: new Array<string | null>(n),
  }
  for (let i = 0; i < n; i++) {
    const r = rows[i] as CheckinRow
    c.regionCode[i] = r.regionCode
    c.venueId[i] = r.venueId
    c.personId[i] = r.personId
    c.checkedInAt[i] = r.checkedInAt.toISOString()
    c.source[i] = r.source
    c.clientScanId[i] = r.clientScanId
    c.direction[i] = r.direction
    c.decision[i] = r.decision
    c.denyReason[i] = r.denyReason
    c.colour[i] = r.colour
    c.resident[i] = r.resident
    c.companionPersonId[i] = r.companionPersonId
    c.operatorUserId[i] = r.operatorUserId
    c.issuer[i] = r.issuer
    c.subject[i] = r.subject
    c.seat[i] = r.seat ? JSON.stringify(r.seat) : null
  }
  return c
}
