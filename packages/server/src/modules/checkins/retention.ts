import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { CheckinWriter } from './checkin-writer.js'
import type { JobsRegistrar } from '../../jobs/index.js'
import { RetentionRepository } from './retention.repository.js'

const repo = new RetentionRepository()

/**
 * Check-ins older than the retention period (default 28 days) are dropped a whole day-partition
 * at a time — no row-by-row deletes — and each drop is logged and audited, once: every API process
 * runs this (docs/operations.md "Scale out"), so each drop takes a lock and goes ahead only if the
 * partition is still there. The ids of the dropped days' scans leave
 * `checkin_scan_ids` at the same time. Returns the partitions this call dropped.
 */
export async function dropExpiredCheckinPartitions(
  database: Database,
  audit: AuditService,
  retentionDays: number,
  log: FastifyBaseLogger | undefined,
  writer?: CheckinWriter,
  now = new Date(),
): Promise<string[]> {
  const cutoffDay = new Date(now.getTime() - retentionDays * 86_400_000).toISOString().slice(0, 10)
  const cutoff = cutoffDay.replaceAll('-', '')
  const parts = await repo.dayPartitions(database.db)
  const expired = parts
    .filter((p) => p.name.slice('checkins_'.length) < cutoff)
    .sort((a, b) => a.name.localeCompare(b.name))
  const dropped: string[] = []
  for (const p of expired) {
    const ymd = p.name.slice('checkins_'.length)
    const day = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`
    const done = await database.db.transaction().execute(async (tx) => {
      await repo.lock(tx)
      if (!(await repo.exists(tx, p.name))) return false
      await repo.drop(tx, p.name)
      await repo.recordDrop(tx, p.name, day, p.rows)
      await audit.append(
        tx,
        { name: 'retention', role: 'system' },
        {
          action: 'checkins.partition_dropped',
          targetType: 'checkin_partition',
          targetId: p.name,
          details: { day, retentionDays, rowsEstimate: p.rows },
        },
      )
      return true
    })
    if (!done) continue
    dropped.push(p.name)
    log?.info({ partition: p.name, day, retentionDays }, 'dropped expired check-in partition')
  }
  if (expired.length > 0) writer?.forgetPartitions()
  // The scan ids of the dropped days (exactly-once, `checkin_scan_ids`): a scan that old is
  // refused anyway (SCAN_TOO_OLD), so its id can no longer be replayed into a stored row.
  await repo.deleteScanIdsBefore(database.db, cutoffDay)
  return dropped
}

/**
 * Retention on the jobs runtime (docs/jobs.md): every 6 hours, once for the whole node (a lease;
 * the advisory lock above still guards a drop run by hand at the same time). The first run is
 * when the node starts if no process has run it in the last 6 hours.
 */
export function registerRetentionJob(
  jobs: JobsRegistrar,
  deps: { database: Database; audit: AuditService; checkinWriter: CheckinWriter; retentionDays: number },
  log: FastifyBaseLogger,
): void {
  jobs.every('checkins.retention', 6 * 3600_000, async () => {
    await dropExpiredCheckinPartitions(deps.database, deps.audit, deps.retentionDays, log, deps.checkinWriter)
  })
}
