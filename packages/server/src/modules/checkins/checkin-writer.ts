import { sql } from 'kysely'
import { MAX_STAY_HOURS } from '@lianfang/core'
import type { Database } from '../../db/database.js'

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
  resolve: (inserted: boolean) => void
  reject: (e: unknown) => void
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/** The unique key's order, (client_scan_id, checked_in_at): concurrent batches lock in one order. */
function byKey(a: CheckinRow, b: CheckinRow): number {
  const ia = a.clientScanId
  const ib = b.clientScanId
  return ia < ib ? -1 : ia > ib ? 1 : a.checkedInAt.getTime() - b.checkedInAt.getTime()
}

/**
 * Group commit for check-ins (issue "Entry/exit": acknowledge only after commit, and per-scan
 * commits are too slow). Callers hand rows in and wait; rows that arrive while a batch is being
 * written wait for the next batch, so under load one transaction carries many scans. A scan is
 * inserted at most once: `ON CONFLICT (client_scan_id, checked_in_at) DO NOTHING`, and the
 * promise says whether this call inserted it (false = a replay). Check-outs also close the
 * person's open check-in at that venue, in the same transaction.
 *
 * One flush is in flight at a time by default (`maxConcurrent`): rows that arrive while it waits
 * for its commit make the next batch larger, which costs less per scan than more, smaller
 * transactions (docs/benchmarks.md "gate": two in flight measured no faster). Rows go in key order,
 * so batches that carry the same replayed scan — in flight together in one process, or in two API
 * processes — wait on each other's unique-index entry in one order and cannot deadlock. With more
 * than one in flight, a batch with check-outs starts only when no flush is: the check-ins it
 * closes must be committed before it looks for them.
 */
export class CheckinWriter {
  private pending: Pending[] = []
  private inFlight = 0
  private readonly knownDays = new Map<string, Promise<void>>()

  constructor(
    private readonly database: Database,
    private readonly maxBatch = 2000,
    private readonly maxConcurrent = 1,
  ) {}
  private scheduled = false

  /** Resolves, per row, true when inserted by this call and false for a duplicate — after commit. */
  write(rows: readonly CheckinRow[]): Promise<boolean[]> {
    const promises = rows.map(
      (row) =>
        new Promise<boolean>((resolve, reject) => {
          this.pending.push({ row, resolve, reject })
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
          p = sql`select ensure_checkin_partition(${d}::date)`.execute(this.database.db).then(() => undefined)
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
    const rows = batch.map((p) => p.row).sort(byKey)
    await this.ensurePartitions(rows)
    const c = columns(rows)
    const insertQuery = sql<{ id: string; at: Date }>`
        insert into checkins (region_code, venue_id, person_id, checked_in_at, source, client_scan_id, direction,
                              decision, deny_reason, colour, resident, companion_person_id, operator_user_id, issuer, subject, seat)
        select * from unnest(
          ${c.regionCode}::text[], ${c.venueId}::bigint[], ${c.personId}::bigint[],
          ${c.checkedInAt}::timestamptz[], ${c.source}::text[],
          ${c.clientScanId}::uuid[], ${c.direction}::text[], ${c.decision}::text[],
          ${c.denyReason}::text[], ${c.colour}::text[], ${c.resident}::boolean[],
          ${c.companionPersonId}::bigint[], ${c.operatorUserId}::bigint[],
          ${c.issuer}::text[], ${c.subject}::text[], ${c.seat}::jsonb[])
        on conflict (client_scan_id, checked_in_at) do nothing
        returning client_scan_id::text as id, checked_in_at as at`
    const outs = rows.filter((r) => r.direction === 'out' && r.personId !== null && r.decision === 'allow')
    // One statement is its own transaction: entries-only batches take one round trip, not three,
    // prepared (`Database.prepared`: the text is fixed, the rows are arrays), so PostgreSQL neither
    // parses nor plans it again for every flush.
    const result =
      outs.length === 0
        ? { rows: await this.database.prepared(insertQuery.compile(this.database.db)) }
        : await this.database.db.transaction().execute(async (tx) => {
            const r = await insertQuery.execute(tx)
            await sql`
              update checkins c set checked_out_at = o.at
                from unnest(${outs.map((o) => o.personId)}::bigint[], ${outs.map((o) => o.venueId)}::bigint[],
                            ${outs.map((o) => o.checkedInAt.toISOString())}::timestamptz[]) as o(pid, vid, at)
               where c.person_id = o.pid and c.venue_id = o.vid and c.direction = 'in' and c.checked_out_at is null
                 and c.checked_in_at between o.at - make_interval(hours => ${MAX_STAY_HOURS}) and o.at`.execute(
              tx,
            )
            return r
          })
    const inserted = new Set(result.rows.map((r) => `${r.id}|${r.at.getTime()}`))
    // A replay inside one batch: only the first of two equal keys can have inserted the row.
    const claimed = new Set<string>()
    for (const p of batch) {
      const key = `${p.row.clientScanId}|${p.row.checkedInAt.getTime()}`
      const mine = inserted.has(key) && !claimed.has(key)
      if (mine) claimed.add(key)
      p.resolve(mine)
    }
  }
}

/** The rows as the insert's sixteen column arrays, in one pass. */
function columns(rows: readonly CheckinRow[]) {
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
