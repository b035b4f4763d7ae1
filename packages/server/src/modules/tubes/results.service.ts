import { DomainError, localDate } from '@lianfang/core'
import type { CtValues, LabResultBody, LabResultOutcome } from '@lianfang/contracts'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { JobsRegistrar } from '../../jobs/index.js'
import type { RowIssue } from '../../import/import.types.js'
import type { ColourService } from '../health-codes/index.js'
import type { TestingService } from '../testing/index.js'
import { ResultsRepository, type NewAlert, type TubeResultUpdate } from './results.repository.js'
import { TubesRepository } from './tubes.repository.js'
import { toTube } from './tubes.service.js'

/** The job that alerts epidemiologists of a positive tube (and opens a single positive's case draft). */
export const ALERT_TOPIC = 'tubes.alert'

/** One tube's result as a lab reports it (a row of the instrument's file, or the form). */
export interface ResultInput {
  readonly row: number
  readonly barcode: string
  readonly result: 'positive' | 'negative' | 'invalid'
  readonly ct: CtValues | null
  readonly resultedAt: Date
  readonly operator: string | null
}

/**
 * The re-sample orders of POOL.POSITIVE (单管单采), placed through the sampling module's
 * `SamplingService.orderTests` (it owns test_orders), in the results' transaction.
 */
export interface ResampleOrders {
  orderTests(
    tx: Transaction<DB>,
    orders: readonly {
      personId: string
      regionCode: string
      reason: 'resample'
      dueOn: string
      source: string
      createdBy: string | null
    }[],
  ): Promise<unknown>
}

export interface Applied {
  readonly row: number
  readonly tubeId: string
  readonly members: number
  readonly alerted: boolean
}

/**
 * Applies lab results to tubes (POOL.POSITIVE): a negative tube makes every member negative; a
 * positive pool gives every member a pooled positive (their code shows POOL_POSITIVE: the rule
 * set's pool-positive colour until a single-tube result), a re-sample order each and an alert; a
 * positive single tube (pool size 1: a re-sample, or a single tube from the start) is the person's
 * individual positive and an alert that opens a case draft. An invalid tube records no result and
 * re-samples its members. A result for a tube never shipped to one of the actor's labs, or resulted
 * already, is a row problem; the other rows go on. Everything in the caller's transaction.
 */
export class ResultsWriter {
  private readonly repo = new ResultsRepository()

  constructor(
    private readonly testing: TestingService,
    private readonly colours: ColourService,
    private readonly jobs: JobsRegistrar,
    private readonly timeZone: string,
    private readonly resample: ResampleOrders,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async apply(
    tx: Transaction<DB>,
    actor: { readonly userId: string | null },
    labIds: readonly string[],
    rows: readonly ResultInput[],
    options: { readonly dryRun?: boolean } = {},
  ): Promise<{ applied: Applied[]; issues: RowIssue[] }> {
    const issues: RowIssue[] = []
    if (rows.length === 0) return { applied: [], issues }
    const tubes = new Map(
      (await this.repo.tubesForResults(tx, [...new Set(rows.map((r) => r.barcode))])).map((t) => [
        t.barcode,
        t,
      ]),
    )
    const labs = new Set(labIds)
    const now = this.clock().getTime()
    const good: { input: ResultInput; tube: NonNullable<ReturnType<typeof tubes.get>> }[] = []
    const seen = new Set<string>()
    for (const input of rows) {
      const tube = tubes.get(input.barcode)
      const issue = (code: string, column = 'barcode') =>
        issues.push({ row: input.row, column, code, detail: null })
      if (!tube) issue('tubeNotFound')
      else if (tube.lab_id === null || !labs.has(tube.lab_id)) issue('notShippedToLab')
      else if (tube.status === 'resulted' || seen.has(tube.id)) issue('alreadyResulted')
      else if (tube.status !== 'shipped' && tube.status !== 'received') issue('notShippedToLab')
      else if (input.resultedAt.getTime() > now + 5 * 60_000) issue('inFuture', 'resultedAt')
      else if (input.resultedAt.getTime() < new Date(tube.registered_at).getTime())
        issue('beforeSampling', 'resultedAt')
      else {
        seen.add(tube.id)
        good.push({ input, tube })
      }
    }
    if (options.dryRun) return { applied: [], issues }
    const updates: TubeResultUpdate[] = good.map((g) => ({
      id: g.tube.id,
      result: g.input.result,
      ct: g.input.ct,
      resultedAt: g.input.resultedAt,
    }))
    const written = new Set(await this.repo.setResults(tx, updates, actor.userId ?? null))
    const done = good.filter((g) => written.has(g.tube.id))
    for (const g of good)
      if (!written.has(g.tube.id))
        issues.push({ row: g.input.row, column: 'barcode', code: 'alreadyResulted', detail: null })
    const members = await this.repo.membersOfTubes(
      tx,
      done.map((d) => d.tube.id),
    )
    const byTube = new Map<string, typeof members>()
    for (const m of members) byTube.set(m.tube_id, [...(byTube.get(m.tube_id) ?? []), m])
    const natRows = done.flatMap(({ input, tube }) =>
      input.result === 'invalid'
        ? []
        : (byTube.get(tube.id) ?? []).map((m) => ({
            personId: m.person_id,
            regionCode: m.region_code,
            sampledAt: new Date(tube.registered_at),
            result: input.result as 'positive' | 'negative',
            pooled: tube.pool_size > 1,
            labName: tube.lab_name,
            enteredBy: actor.userId ?? null,
            tubeId: tube.id,
          })),
    )
    const nat = await this.testing.recordManyIn(tx, natRows)
    const natOfTube = new Map(nat.map((n) => [n.tube_id, n]))
    const alerts: NewAlert[] = []
    const resample: { personId: string; regionCode: string; tube: string }[] = []
    for (const { input, tube } of done) {
      const ms = byTube.get(tube.id) ?? []
      if (input.result === 'positive') {
        const single = tube.pool_size === 1 && ms.length === 1
        const n = natOfTube.get(tube.id)
        alerts.push({
          regionCode: tube.region_code,
          kind: single ? 'single_positive' : 'pool_positive',
          tubeId: tube.id,
          members: ms.length,
          personId: single ? (ms[0]?.person_id ?? null) : null,
          natResultId: single ? (n?.id ?? null) : null,
        })
      }
      if ((input.result === 'positive' && tube.pool_size > 1) || input.result === 'invalid')
        for (const m of ms)
          resample.push({ personId: m.person_id, regionCode: m.region_code, tube: tube.barcode })
    }
    const created = await this.repo.insertAlerts(tx, alerts)
    for (const a of created) await this.jobs.enqueue(tx, ALERT_TOPIC, { alertId: a.id })
    if (resample.length > 0) {
      const dueOn = localDate(this.clock(), this.timeZone)
      await this.resample.orderTests(
        tx,
        resample.map((r) => ({
          personId: r.personId,
          regionCode: r.regionCode,
          reason: 'resample' as const,
          dueOn,
          source: `tube:${r.tube}`,
          createdBy: actor.userId ?? null,
        })),
      )
    }
    await this.colours.enqueue(
      tx,
      members.map((m) => m.person_id),
    )
    const alertedTubes = new Set(created.map((a) => a.tube_id))
    return {
      applied: done.map(({ input, tube }) => ({
        row: input.row,
        tubeId: tube.id,
        members: (byTube.get(tube.id) ?? []).length,
        alerted: alertedTubes.has(tube.id),
      })),
      issues,
    }
  }
}

const ISSUE_ERRORS: Record<
  string,
  [code: 'NOT_FOUND' | 'TUBE_STATE' | 'VALIDATION_FAILED', message: string]
> = {
  tubeNotFound: ['NOT_FOUND', 'no tube with this barcode'],
  notShippedToLab: ['NOT_FOUND', 'this tube was not shipped to your lab'],
  alreadyResulted: ['TUBE_STATE', 'this tube has a result already'],
  inFuture: ['VALIDATION_FAILED', 'resultedAt is in the future'],
  beforeSampling: ['VALIDATION_FAILED', 'resultedAt is before the tube was sampled'],
}

/** One result entered by hand (the form starts empty), through the same writer as an import. */
export class LabResultsService {
  private readonly tubes = new TubesRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly writer: ResultsWriter,
    private readonly labsOf: (db: Transaction<DB>, user: SessionUser) => Promise<string[]>,
  ) {}

  async enter(user: SessionUser, body: LabResultBody): Promise<LabResultOutcome> {
    const { applied, tubeId } = await this.database.db.transaction().execute(async (tx) => {
      const labIds = await this.labsOf(tx, user)
      const { applied, issues } = await this.writer.apply(tx, { userId: user.id }, labIds, [
        {
          row: 1,
          barcode: body.barcode,
          result: body.result,
          ct: body.ct ?? null,
          resultedAt: new Date(body.resultedAt),
          operator: body.operator ?? null,
        },
      ])
      const issue = issues[0]
      if (issue) {
        const [code, message] = ISSUE_ERRORS[issue.code] ?? ['VALIDATION_FAILED', issue.code]
        throw new DomainError(code, `${body.barcode}: ${message}`, { field: issue.column, issue: issue.code })
      }
      const a = applied[0]
      if (!a) throw new Error('no result applied')
      await this.audit.append(tx, user, {
        action: 'lab.result',
        targetType: 'tube',
        targetId: a.tubeId,
        details: {
          barcode: body.barcode,
          result: body.result,
          ct: body.ct ?? null,
          operator: body.operator ?? null,
        },
      })
      return { applied: a, tubeId: a.tubeId }
    })
    // The lab reads back the tube it has just resulted (its shipment went to the lab).
    const t = await this.tubes.tubeOfLab(this.database.db, tubeId)
    if (!t) throw new Error(`tube ${tubeId} vanished`)
    return { tube: toTube(t), members: applied.members, alerted: applied.alerted }
  }
}
