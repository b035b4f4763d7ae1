import {
  DomainError,
  localDate,
  maskName,
  quarantineTestDays,
  regionPrefix,
  startOfLocalDay,
  testDueDates,
  type QuarantineKind,
  type QuarantineReason,
} from '@lianfang/core'
import type { TestOrderPage, TestOrderQuery, TestOrderReason } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { Executor } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/index.js'
import { TestOrdersRepository } from './test-orders.repository.js'

const repo = new TestOrdersRepository()

/** A test order another module places: who, where they live, why, which day, where to sample. */
export interface TestOrderInput {
  readonly personId: string
  readonly regionCode: string
  readonly reason: TestOrderReason
  /** The local day the sample is due, `YYYY-MM-DD`. */
  readonly dueOn: string
  readonly siteId?: string | null
  /** What the order comes from: `quarantine_order:12`, `tube:LF0001234`, `key_group:medical_staff`. */
  readonly source?: string | null
  readonly createdBy?: string | null
}

/** A quarantine order whose test days become test orders. */
export interface QuarantineOrderRef {
  readonly orderId: string
  readonly personId: string
  readonly regionCode: string
  readonly reason: QuarantineReason
  readonly kind: QuarantineKind
  readonly startsAt: Date
  readonly endsAt: Date
  readonly createdBy: string | null
}

/**
 * Test orders (#17): a person who must give a sample on a day — a quarantine test day (CC.TESTS,
 * CC2.OBS, IN.FK8), a single-tube re-sample after a positive pool (POOL.POSITIVE), a key group's
 * schedule. Other modules place them through `orderTests` in their own transaction; sites and
 * communities read the day's list. An order is done once the person gives a sample on or after
 * its due day (a live NAT result or a tube registration): computed when the list is read, so a
 * result from any path (entry, lab import, federation) counts without a hook in each of them.
 */
export class SamplingService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly timeZone: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Places test orders in the caller's transaction; an open order of the same person, reason,
   * day and source is not placed twice. Returns the ids placed.
   */
  async orderTests(tx: Executor, orders: readonly TestOrderInput[]): Promise<string[]> {
    if (orders.length === 0) return []
    const first = orders.reduce((m, o) => (o.dueOn < m ? o.dueOn : m), orders[0]?.dueOn ?? '')
    const existing = await repo.openOrdersOf(tx, [...new Set(orders.map((o) => o.personId))], first)
    const key = (o: { person_id: string; reason: string; due_on: string; source: string | null }) =>
      `${o.person_id}|${o.reason}|${o.due_on}|${o.source ?? ''}`
    const seen = new Set(existing.map(key))
    const rows = []
    for (const o of orders) {
      const k = key({ person_id: o.personId, reason: o.reason, due_on: o.dueOn, source: o.source ?? null })
      if (seen.has(k)) continue
      seen.add(k)
      rows.push({
        person_id: o.personId,
        region_code: o.regionCode,
        reason: o.reason,
        due_on: o.dueOn,
        site_id: o.siteId ?? null,
        source: o.source ?? null,
        created_by: o.createdBy ?? null,
      })
    }
    return (await repo.insertMany(tx, rows)).map((r) => r.id)
  }

  /**
   * The test days of quarantine orders as test orders (core `quarantineTestDays` from the rule set
   * in force in each person's region: FK8 centralized 1, 4, 7, 14; home monitoring 2, 7; secondary
   * contacts 1, 4, 7), day 1 being the order's first local day, days after its end left out. For
   * the quarantine module, in its transaction.
   */
  async orderQuarantineTests(tx: Executor, orders: readonly QuarantineOrderRef[]): Promise<string[]> {
    if (orders.length === 0) return []
    const rules = await resolveRuleSets(tx, [...new Set(orders.map((o) => o.regionCode))])
    const inputs: TestOrderInput[] = []
    for (const o of orders) {
      const params = rules.get(o.regionCode)?.params
      if (!params) continue
      const days = quarantineTestDays(params, o.reason, o.kind)
      const first = localDate(o.startsAt, this.timeZone)
      for (const dueOn of testDueDates(first, localDate(o.endsAt, this.timeZone), days))
        inputs.push({
          personId: o.personId,
          regionCode: o.regionCode,
          reason: 'quarantine_day',
          dueOn,
          source: `quarantine_order:${o.orderId}`,
          createdBy: o.createdBy,
        })
    }
    return this.orderTests(tx, inputs)
  }

  /** The sampling list of a day (default today), per region or site; masked and audited. */
  async list(user: SessionUser, scope: Scope, q: TestOrderQuery): Promise<TestOrderPage> {
    if (q.regionCode !== undefined) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const date = q.date ?? localDate(this.clock(), this.timeZone)
    let dayStart: Date
    try {
      dayStart = startOfLocalDay(date, this.timeZone)
    } catch {
      throw new DomainError('VALIDATION_FAILED', `not a calendar date: ${date}`, { field: 'date' })
    }
    const f = {
      date,
      dayStart,
      regionPrefix: regionPrefix(q.regionCode ?? scope.regionCode),
      siteId: q.siteId,
    }
    const status = q.status ?? 'open'
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 50
    const db = this.database.db
    const [rows, total, counts] = await Promise.all([
      repo.list(db, scope, f, status, page, pageSize),
      repo.count(db, scope, f, status),
      repo.countsByRegion(db, scope, f),
    ])
    await this.audit.record(user, {
      action: 'test_orders.read',
      targetType: 'person',
      details: { query: q, returned: rows.map((r) => r.person_id) },
    })
    const first = (a: Date | string | null, b: Date | string | null): string | null => {
      const ts = [a, b].filter((x): x is Date | string => x !== null).map((x) => new Date(x).getTime())
      return ts.length === 0 ? null : new Date(Math.min(...ts)).toISOString()
    }
    return {
      items: rows.map((r) => {
        const sampledAt = first(r.result_at, r.tube_at)
        const done = r.status === 'done' || (r.status === 'open' && sampledAt !== null)
        return {
          id: r.id,
          personId: r.person_id,
          nameMasked: maskName(r.name),
          idNumberMasked: r.id_number_masked,
          regionCode: r.region_code,
          regionName: r.region_name,
          reason: r.reason,
          dueOn: r.due_on,
          siteId: r.site_id,
          siteName: r.site_name,
          source: r.source,
          status: done ? 'done' : r.status,
          doneAt: r.done_at?.toISOString() ?? (done ? sampledAt : null),
        }
      }),
      total: Number(total.n),
      page,
      pageSize,
      counts: counts.map((c) => ({
        regionCode: c.region_code,
        regionName: c.region_name,
        done: Number(c.done),
        open: Number(c.total) - Number(c.done),
      })),
    }
  }
}
