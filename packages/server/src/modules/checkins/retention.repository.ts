import { sql } from 'kysely'
import type { Executor } from '../../db/kit.js'

/** Serialises the drops of API processes that run retention at the same time. */
const RETENTION_LOCK = 731_415_928

/**
 * SQL of check-in retention (retention.ts): the day partitions of `checkins`, their drops and
 * the log of drops; one query per method (STYLE.md §5). Node-wide upkeep, not a request's read:
 * no scope.
 */
export class RetentionRepository {
  /** The day partitions of `checkins` (`checkins_YYYYMMDD`) with their estimated row counts. */
  async dayPartitions(db: Executor): Promise<{ name: string; rows: string }[]> {
    const parts = await sql<{ name: string; rows: string }>`
    select c.relname as name, greatest(c.reltuples, 0)::bigint::text as rows
      from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
     where p.relname = 'checkins' and c.relnamespace = p.relnamespace and c.relname ~ '^checkins_[0-9]{8}$'`.execute(
      db,
    )
    return parts.rows
  }

  /** Takes the retention lock until the transaction ends. */
  async lock(tx: Executor): Promise<void> {
    await sql`select pg_advisory_xact_lock(${RETENTION_LOCK})`.execute(tx)
  }

  /** Whether the partition still exists (another process may have dropped it meanwhile). */
  async exists(db: Executor, partition: string): Promise<boolean> {
    const still = await sql<{ r: string | null }>`select to_regclass(${partition})::text as r`.execute(db)
    return Boolean(still.rows[0]?.r)
  }

  /** Drops a partition through the owner's function: the application may run as a role that owns nothing. */
  async drop(db: Executor, partition: string): Promise<void> {
    await sql`select drop_checkin_partition(${partition})`.execute(db)
  }

  /** Logs a drop (once per partition). `day`: `YYYY-MM-DD`. */
  async recordDrop(db: Executor, partition: string, day: string, rowsEstimate: string): Promise<void> {
    await db
      .insertInto('checkin_partition_drops')
      .values({ partition_name: partition, day, rows_estimate: rowsEstimate })
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  /** Forgets the scan ids of scans before the UTC day `cutoffDay` (`YYYY-MM-DD`). */
  async deleteScanIdsBefore(db: Executor, cutoffDay: string): Promise<void> {
    await sql`delete from checkin_scan_ids where checked_in_at < ${cutoffDay}::date::timestamp at time zone 'UTC'`.execute(
      db,
    )
  }
}
