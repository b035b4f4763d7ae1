import type { Transaction } from 'kysely'
import { assertQuarantinePeriod, DomainError } from '@lianfang/core'
import type { CreateQuarantineOrderBody, QuarantineOrder } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets, type FactWriter } from '../health-codes/index.js'
import type { SamplingService } from '../sampling/index.js'
import {
  extendOrders,
  findOrder,
  insertContactOrders,
  insertOrder,
  orderIdsOf,
  orderRegionOf,
  orderStarts,
  personRegionOf,
  releaseOrder,
  runningCentralized,
} from './quarantine.repository.js'

const DAY = 86_400_000

type OrderRow = NonNullable<Awaited<ReturnType<typeof findOrder>>>

function toOrder(o: OrderRow): QuarantineOrder {
  return {
    id: o.id,
    personId: o.person_id,
    regionCode: o.region_code,
    kind: o.kind,
    reason: o.reason,
    startsAt: o.starts_at.toISOString(),
    endsAt: o.ends_at.toISOString(),
    releasedAt: o.released_at?.toISOString() ?? null,
    note: o.note,
    ruleSetVersion: o.rule_set_version,
  }
}

/**
 * Quarantine orders (集中隔离, 居家健康监测): the quarantine domain owns them. Other domains
 * order a quarantine through this service (cases for confirmed contacts), never by writing
 * the table; the orders reach health codes as facts through its fact source.
 */
export class QuarantineService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly writer: FactWriter,
    /** Places the orders' test days on the sampling lists (CC.TESTS, CC2.OBS, IN.FK8). */
    private readonly sampling: Pick<SamplingService, 'orderQuarantineTests'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async createOrder(
    user: SessionUser,
    scope: Scope,
    body: CreateQuarantineOrderBody,
  ): Promise<QuarantineOrder> {
    const start = new Date(body.startsAt)
    if (body.endsAt) assertQuarantinePeriod(start, new Date(body.endsAt), this.clock())
    const created = await this.writer.change(user, body.personId, 'quarantine.order', async (tx, p) => {
      const rules = (await resolveRuleSets(tx, [p.region_code])).get(p.region_code)
      if (!rules) throw new Error('no rule set')
      const params = rules.params
      const days: Record<CreateQuarantineOrderBody['reason'], number> = {
        close_contact:
          body.kind === 'home_monitoring'
            ? params.closeContact.homeMonitorDays
            : params.closeContact.centralizedDays,
        secondary_contact: params.secondaryContact.centralizedDays,
        inbound:
          body.kind === 'home_monitoring' ? params.inbound.homeMonitorDays : params.inbound.centralizedDays,
        risk_area: params.closeContact.centralizedDays,
        pool_positive: params.pool.positiveIsolationDays, // UNSOURCED (core PARAM_SOURCES)
        other: params.closeContact.centralizedDays,
      }
      const end = body.endsAt ? new Date(body.endsAt) : new Date(start.getTime() + days[body.reason] * DAY)
      // Also the period a rule set gives (0 days, or an edited rule set's 3650) must be plausible.
      assertQuarantinePeriod(start, end, this.clock())
      const id = await insertOrder(tx, {
        personId: p.id,
        regionCode: p.region_code,
        kind: body.kind,
        reason: body.reason,
        startsAt: start,
        endsAt: end,
        note: body.note ?? null,
        ruleSetVersion: `${rules.id}@${rules.version}`,
        createdBy: user.id,
      })
      await this.sampling.orderQuarantineTests(tx, [
        {
          orderId: id,
          personId: p.id,
          regionCode: p.region_code,
          reason: body.reason,
          kind: body.kind,
          startsAt: start,
          endsAt: end,
          createdBy: user.id,
        },
      ])
      return id
    })
    return this.order(scope, created.id)
  }

  async release(user: SessionUser, scope: Scope, id: string): Promise<QuarantineOrder> {
    const order = await this.order(scope, id)
    if (order.releasedAt) throw new DomainError('CONFLICT', `quarantine order ${id} was already released`)
    await this.writer.change(user, order.personId, 'quarantine.release', async (tx) => {
      await releaseOrder(tx, id, this.clock())
      return id
    })
    return this.order(scope, id)
  }

  /** A person's quarantine orders, newest first (scoped; audited as a read of personal data). */
  async ordersOf(user: SessionUser, scope: Scope, personId: string): Promise<QuarantineOrder[]> {
    const p = await personRegionOf(this.database.db, personId)
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    scope.assert(p.region_code, `person ${personId}`)
    const ids = await orderIdsOf(this.database.db, scope, personId, 100)
    await this.audit.record(user, { action: 'quarantine.list', targetType: 'person', targetId: personId })
    return Promise.all(ids.map((id) => this.order(scope, id)))
  }

  /** The order if in scope; NOT_FOUND if there is none, OUT_OF_SCOPE if it is another region's. */
  private async order(scope: Scope, id: string): Promise<QuarantineOrder> {
    const o = await findOrder(this.database.db, scope, id)
    if (o) return toOrder(o)
    const other = await orderRegionOf(this.database.db, id)
    if (other) scope.assert(other.region_code, `quarantine order ${id}`)
    throw new DomainError('NOT_FOUND', `quarantine order ${id} does not exist`)
  }

  // --- ports for other domains (inside their transactions) ---

  /** Each person's running centralized order, by person id. */
  async runningCentralized(
    tx: Transaction<DB>,
    personIds: readonly string[],
    now: Date,
  ): Promise<Map<string, { id: string; endsAt: Date; note: string | null }>> {
    const rows = await runningCentralized(tx, personIds, now)
    return new Map(rows.map((r) => [r.person_id, { id: r.id, endsAt: r.ends_at, note: r.note }]))
  }

  /**
   * Orders centralized quarantine for confirmed contacts of a case in the caller's transaction:
   * running orders extended to the new end, new orders for the others (one statement each).
   * The caller audits and enqueues the recompute in the same transaction.
   */
  async orderForContacts(
    tx: Transaction<DB>,
    o: {
      readonly caseId: string
      readonly user: SessionUser
      readonly ruleSetVersion: string
      readonly now: Date
      readonly extend: readonly { id: string; endsAt: Date; note: string }[]
      readonly create: readonly {
        personId: string
        regionCode: string
        reason: 'close_contact' | 'secondary_contact'
        endsAt: Date
      }[]
    },
  ): Promise<Map<string, string>> {
    await extendOrders(
      tx,
      o.extend.map((e) => ({ id: e.id, endsAt: e.endsAt.toISOString(), note: e.note })),
    )
    const created = await insertContactOrders(tx, {
      startsAt: o.now,
      note: `contact of case ${o.caseId}`,
      ruleSetVersion: o.ruleSetVersion,
      createdBy: o.user.id,
      rows: o.create,
    })
    await this.sampling.orderQuarantineTests(
      tx,
      o.create.flatMap((c) => {
        const orderId = created.get(c.personId)
        return orderId === undefined
          ? []
          : [
              {
                orderId,
                personId: c.personId,
                regionCode: c.regionCode,
                reason: c.reason,
                kind: 'centralized' as const,
                startsAt: o.now,
                endsAt: c.endsAt,
                createdBy: o.user.id,
              },
            ]
      }),
    )
    return created
  }

  /** When each order's person was isolated (its start), by order id. */
  isolationStarts(
    db: Database['db'] | Transaction<DB>,
    orderIds: readonly string[],
  ): Promise<Map<string, Date>> {
    return orderStarts(db, orderIds)
  }
}
