import { DomainError, isDomainError } from '@lianfang/core'
import type { TestAlert, TestAlertCount, TestAlertPage, TestAlertQuery } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { scopeOf, type Scope } from '../../auth/scope.js'
import type { SmsSender } from '../citizens/index.js'
import type { CasesService } from '../cases/index.js'
import { ResultsRepository } from './results.repository.js'

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())
type AlertRow = NonNullable<Awaited<ReturnType<ResultsRepository['alertById']>>>

function toAlert(a: AlertRow): TestAlert {
  return {
    id: a.id,
    kind: a.kind,
    regionCode: a.region_code,
    regionName: a.region_name,
    tubeId: a.tube_id,
    tubeBarcode: a.tube_barcode,
    members: a.members,
    personId: a.person_id,
    caseId: a.case_id,
    createdAt: new Date(a.created_at).toISOString(),
    notifiedAt: iso(a.notified_at),
    acknowledgedAt: iso(a.acknowledged_at),
  }
}

/** The text an epidemiologist receives: the area, the tube and how many are in it; no names. */
export function alertText(
  kind: 'pool_positive' | 'single_positive',
  area: string,
  barcode: string,
  members: number,
) {
  return kind === 'pool_positive'
    ? `【联防】混采阳性：${area} 采样管 ${barcode}（${String(members)} 人），已通知单管复采，请立即处置。`
    : `【联防】单管阳性：${area} 采样管 ${barcode}，已生成病例草稿，请立即核实。`
}

/**
 * Alerts of positive tubes (POOL.POSITIVE: notify at once): the console lists them with a badge
 * the console polls, and each is texted to the epidemiologists of the tube's region (and above)
 * by the `tubes.alert` job within seconds of the result. A single positive also opens a case
 * draft — an asymptomatic infection (CASE.ASYM: a positive specimen, no symptoms known to the lab)
 * through `CasesService.create`, whose first positive sample is the tube's; the epidemiologist
 * reclassifies it (CASE.CONFIRM) after the investigation. The alert row links the tube, the
 * person's nat_result and the case.
 */
export class TestAlertsService {
  private readonly repo = new ResultsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly sms: SmsSender,
    private readonly cases: CasesService,
  ) {}

  async list(scope: Scope, q: TestAlertQuery): Promise<TestAlertPage> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const { items, total } = await this.repo.listAlerts(this.database.db, scope, {
      unacknowledged: q.unacknowledged,
      page,
      pageSize,
    })
    return { items: items.map(toAlert), total, page, pageSize }
  }

  async count(scope: Scope): Promise<TestAlertCount> {
    return { unacknowledged: await this.repo.countUnacknowledged(this.database.db, scope) }
  }

  async acknowledge(user: SessionUser, scope: Scope, id: string): Promise<TestAlert> {
    const r = await this.repo.alertRegionOf(this.database.db, id)
    if (!r) throw new DomainError('NOT_FOUND', `no alert ${id}`)
    scope.assert(r.region_code, `alert ${id}`)
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.acknowledge(tx, id, user.id)
      await this.audit.append(tx, user, {
        action: 'test_alert.acknowledge',
        targetType: 'test_alert',
        targetId: id,
      })
    })
    const a = await this.repo.alertById(this.database.db, scope, id)
    if (!a) throw new DomainError('NOT_FOUND', `no alert ${id}`)
    return toAlert(a)
  }

  /**
   * The job of one alert (idempotent: a case already linked or an SMS already sent is not redone).
   * The case draft is reported in the name of the lab account that entered the result, within the
   * person's region.
   */
  async deliver(alertId: string): Promise<void> {
    const db = this.database.db
    const a = await this.repo.alertForJob(db, alertId)
    if (!a) return
    if (a.kind === 'single_positive' && a.case_id === null && a.person_id !== null && a.user_id !== null) {
      const reporter: SessionUser = {
        id: a.user_id,
        username: a.username ?? 'lab',
        displayName: a.display_name ?? 'lab',
        role: 'lab',
        regionCode: a.region_code,
        personId: null,
        sessionId: `job:tubes.alert:${alertId}`,
      }
      const sampled = a.resulted_at === null ? new Date() : new Date(a.resulted_at)
      let caseId: string
      try {
        const c = await this.cases.create(reporter, scopeOf(reporter), {
          personId: a.person_id,
          status: 'asymptomatic',
          firstPositiveSampleAt: (a.sampled_at === null ? sampled : new Date(a.sampled_at)).toISOString(),
          diagnosedAt: sampled.toISOString(),
        })
        caseId = c.id
      } catch (e) {
        // The person has an open case already: the alert links it instead.
        const open =
          isDomainError(e) && e.code === 'CONFLICT' ? (e.details as { caseId?: string }).caseId : undefined
        if (open === undefined) throw e
        caseId = open
      }
      await this.repo.setAlertCase(db, alertId, caseId)
    }
    if (a.notified_at === null) {
      const phones = await this.repo.epidemiologistPhones(db, a.region_code)
      const text = alertText(a.kind, a.region_name ?? a.region_code, a.barcode, a.members)
      for (const p of phones) if (p.phone !== null) await this.sms.send(p.phone, text, a.region_code)
      await this.repo.setNotified(db, alertId)
    }
  }
}
