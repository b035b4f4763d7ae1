import { DomainError } from '@lianfang/core'
import type { DeadJob, DeadJobPage, DeadJobQuery, RetriedJob } from '@lianfang/contracts'
import type { Database } from '../db/database.js'
import type { AuditService } from '../audit/audit.service.js'
import type { SessionUser } from '../auth/session-user.js'
import { isNodeOperator } from '../auth/scope.js'
import type { DeadJobRow } from './jobs.repository.js'
import type { JobsRuntime } from './jobs.runtime.js'

const toDeadJob = (r: DeadJobRow): DeadJob => ({
  id: r.id,
  topic: r.topic,
  payload: r.payload,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  diedAt: r.finished_at?.toISOString() ?? null,
})

/**
 * The dead letters for the console (`/api/jobs/…`). Jobs belong to the whole node, not to a
 * region, so only the node's operators (admins of `LIANFANG_NODE_REGION`) see or retry them; a
 * retry is audited with its reason.
 */
export class JobsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly runtime: JobsRuntime,
    private readonly nodeRegion: string,
  ) {}

  private assertOperator(user: SessionUser): void {
    if (!isNodeOperator(user, this.nodeRegion))
      throw new DomainError(
        'FORBIDDEN',
        `jobs belong to the whole node: for its operators (admins of ${this.nodeRegion}) only`,
      )
  }

  async listDead(user: SessionUser, q: DeadJobQuery): Promise<DeadJobPage> {
    this.assertOperator(user)
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const { items, total } = await this.runtime.listDead({ page, pageSize, topic: q.topic })
    return { items: items.map(toDeadJob), total, page, pageSize }
  }

  async retry(user: SessionUser, id: string, reason: string): Promise<RetriedJob> {
    this.assertOperator(user)
    return this.database.db.transaction().execute(async (tx) => {
      const job = await this.runtime.retry(id, tx)
      if (!job) {
        const found = await this.runtime.find(id, tx)
        if (!found) throw new DomainError('NOT_FOUND', `no job ${id}`)
        throw new DomainError('CONFLICT', `job ${id} is ${found.state}, not dead: only a dead job is retried`)
      }
      await this.audit.append(tx, user, {
        action: 'jobs.retry',
        targetType: 'job',
        targetId: job.id,
        reason,
        details: { topic: job.topic },
      })
      return { id: job.id, topic: job.topic, state: 'queued' as const }
    })
  }
}
