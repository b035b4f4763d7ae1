import type { FastifyBaseLogger } from 'fastify'
import {
  DomainError,
  detectClusters,
  exposureWindow,
  regionPrefix,
  type CaseKind,
  type Cluster,
  type ClusterCase,
  type RuleSet,
} from '@lianfang/core'
import type {
  AcknowledgeClusterBody,
  ClusterAlert,
  ClusterPage,
  ClusterQuery,
  DetectClustersBody,
  DetectClustersResult,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/index.js'
import {
  acknowledgeAlert,
  alertRegionOf,
  alertsByIds,
  caseDate,
  checkinsAtVenues,
  checkinsOfPersons,
  countAlerts,
  findClusterCase,
  groupRelatedCases,
  listAlerts,
  lockAlert,
  seedCases,
  type AlertRow,
  type CaseRow,
} from './clusters.repository.js'
import { settingId, storeClusters } from './cluster-store.js'

const DAY = 86_400_000
export const DEFAULT_CLUSTER_SINCE_DAYS = 60
const MAX_SEED_CASES = 5000
/** Exposure windows start a few days before onset (CC.WINDOW: 2, FK9 4): margin for check-ins. */
const WINDOW_MARGIN_MS = 14 * DAY

function toAlert(r: AlertRow & { setting_name?: string | null }, now: Date): ClusterAlert {
  return {
    id: r.id,
    kind: r.kind,
    key: r.key,
    regionCode: r.region_code,
    settingName: r.kind === 'household' ? null : (r.setting_name ?? null),
    status: r.status,
    active: r.status !== 'closed' && r.active_until.getTime() > now.getTime(),
    activeUntil: r.active_until.toISOString(),
    caseIds: r.case_ids,
    firstAt: r.first_at.toISOString(),
    lastAt: r.last_at.toISOString(),
    windowDays: r.window_days,
    minCases: r.min_cases,
    ruleSetVersion: r.rule_set_version,
    detectedAt: r.detected_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    note: r.note,
    closedReason: r.closed_reason,
  }
}

/**
 * Cluster alerts (聚集性疫情, RULES.md §A9): ≥ `cluster.minCases` cases linked to one household,
 * work unit, school or venue within `cluster.windowDays` (core `detectClusters`, parameters from
 * the rule set in force). Detection starts from seed cases (one changed case, or a region's recent
 * cases), evaluates every setting they are linked to — with all recent cases of that setting,
 * whatever their region — and upserts one alert per cluster: a re-run updates the alert of the
 * same setting whose cases overlap (new cases re-open an acknowledged alert), an alert that no
 * longer meets the threshold (a case excluded) is closed. Alerts carry case ids, never names.
 */
export class ClustersService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly logger: { current: FastifyBaseLogger | undefined } = { current: undefined },
  ) {}

  async list(scope: Scope, q: ClusterQuery): Promise<ClusterPage> {
    if (q.regionCode) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const now = new Date()
    const filter = {
      regionPrefix: q.regionCode === undefined ? undefined : regionPrefix(q.regionCode),
      status: q.status,
      active: q.active,
      now,
    }
    const db = this.database.db
    const [rows, total] = await Promise.all([
      listAlerts(db, scope, filter, page, pageSize),
      countAlerts(db, scope, filter),
    ])
    return { items: rows.map((r) => toAlert(r, now)), total, page, pageSize }
  }

  async acknowledge(
    user: SessionUser,
    scope: Scope,
    id: string,
    body: AcknowledgeClusterBody,
  ): Promise<ClusterAlert> {
    await this.database.db.transaction().execute(async (tx) => {
      const a = await lockAlert(tx, scope, id)
      if (!a) {
        const elsewhere = await alertRegionOf(tx, id)
        if (elsewhere) scope.assert(elsewhere.region_code, `cluster alert ${id}`)
        throw new DomainError('NOT_FOUND', `cluster alert ${id} does not exist`)
      }
      if (a.status === 'closed')
        throw new DomainError(
          'TRANSITION_NOT_ALLOWED',
          `cluster alert ${id} is closed (${a.closed_reason ?? ''})`,
        )
      if (a.status === 'acknowledged') return
      await acknowledgeAlert(tx, id, user.id, body.note ?? a.note)
      await this.audit.append(tx, user, {
        action: 'cluster.acknowledge',
        targetType: 'cluster_alert',
        targetId: id,
        details: { kind: a.kind, key: a.key, cases: a.case_ids.length },
      })
    })
    const [alert] = await this.alerts([id])
    if (!alert) throw new DomainError('NOT_FOUND', `cluster alert ${id} does not exist`)
    return alert
  }

  /** These alerts as the API gives them, by id. */
  private async alerts(ids: readonly string[]): Promise<ClusterAlert[]> {
    const now = new Date()
    const rows = await alertsByIds(this.database.db, ids)
    return rows.map((r) => toAlert(r, now)).sort((x, y) => Number(BigInt(x.id) - BigInt(y.id)))
  }

  /** On demand: the recent cases of a region subtree (default the user's) as seeds. */
  async detect(user: SessionUser, scope: Scope, body: DetectClustersBody): Promise<DetectClustersResult> {
    const region = body.regionCode ?? user.regionCode
    if (body.regionCode) scope.assert(body.regionCode, `region ${body.regionCode}`)
    const sinceDays = body.sinceDays ?? DEFAULT_CLUSTER_SINCE_DAYS
    const since = new Date(Date.now() - sinceDays * DAY)
    const seeds = await seedCases(
      this.database.db,
      scope,
      { regionPrefix: body.regionCode === undefined ? undefined : regionPrefix(body.regionCode), since },
      MAX_SEED_CASES,
    )
    return this.run(user, seeds, region, since)
  }

  /**
   * After a case was reported or re-classified: the settings of that case are evaluated again.
   * Never fails the case's own change: a failure is logged.
   */
  async afterCaseChange(user: SessionUser, scope: Scope, caseId: string): Promise<void> {
    try {
      const seed = await findClusterCase(this.database.db, scope, caseId)
      if (!seed) return
      await this.run(user, [seed], seed.region_code, new Date(Date.now() - DEFAULT_CLUSTER_SINCE_DAYS * DAY))
    } catch (e) {
      this.logger.current?.error({ err: e, caseId }, 'cluster detection failed')
    }
  }

  private async run(
    user: SessionUser,
    seeds: readonly CaseRow[],
    scopeRegion: string,
    since: Date,
  ): Promise<DetectClustersResult> {
    const db = this.database.db
    const now = new Date()
    const rs = (await resolveRuleSets(db, [scopeRegion])).get(scopeRegion)
    if (!rs) throw new Error('no rule set')
    const windowOf = (c: CaseRow) => {
      const w = exposureWindow(
        {
          kind: (c.status === 'excluded' ? 'suspected' : c.status) as CaseKind,
          ...(c.onset_at ? { onsetAt: c.onset_at } : {}),
          ...(c.first_positive_sample_at ? { firstPositiveSampleAt: c.first_positive_sample_at } : {}),
          ...(c.isolated_at ? { isolatedAt: c.isolated_at } : {}),
        },
        rs.params,
        now,
      )
      return 'error' in w ? undefined : w
    }

    // 1. The settings of the seeds: their groups, and the venues they visited in their windows.
    const H = new Set(seeds.flatMap((s) => (s.household_id ? [s.household_id] : [])))
    const W = new Set(seeds.flatMap((s) => (s.workplace_id ? [s.workplace_id] : [])))
    const S = new Set(seeds.flatMap((s) => (s.school_id ? [s.school_id] : [])))
    const venuesOfCase = new Map<string, Set<string>>()
    const addVenue = (caseId: string, venueId: string) => {
      const set = venuesOfCase.get(caseId)
      if (set) set.add(venueId)
      else venuesOfCase.set(caseId, new Set([venueId]))
    }
    const windows = new Map(seeds.map((s) => [s.id, windowOf(s)]))
    const seedWindows = [...windows.values()].filter((w) => w !== undefined)
    if (seedWindows.length > 0) {
      const visits = await checkinsOfPersons(
        db,
        [...new Set(seeds.map((s) => s.person_id))],
        new Date(Math.min(...seedWindows.map((w) => w.start.getTime()))),
        new Date(Math.max(...seedWindows.map((w) => w.end.getTime()))),
      )
      for (const s of seeds) {
        const w = windows.get(s.id)
        if (!w) continue
        for (const v of visits.get(s.person_id) ?? [])
          if (v.at >= w.start && v.at <= w.end) addVenue(s.id, v.venueId)
      }
    }
    const V = new Set([...venuesOfCase.values()].flatMap((set) => [...set]))

    // 2. Every recent case linked to those settings, whatever its region.
    const cases = new Map(seeds.map((s) => [s.id, s]))
    for (const c of await groupRelatedCases(db, [...H], [...W], [...S], since)) cases.set(c.id, c)
    for (const row of await checkinsAtVenues(
      db,
      [...V],
      new Date(since.getTime() - WINDOW_MARGIN_MS),
      since,
    )) {
      if (!cases.has(row.id)) cases.set(row.id, row)
      let w = windows.get(row.id)
      if (!windows.has(row.id)) {
        w = windowOf(row)
        windows.set(row.id, w)
      }
      if (w && row.checked_in_at >= w.start && row.checked_in_at <= w.end) addVenue(row.id, row.venue_id)
    }

    // 3. Detection over those settings only.
    const input: ClusterCase[] = []
    for (const c of cases.values()) {
      const at = caseDate(c)
      if (c.status === 'excluded' || at === null) continue
      input.push({
        caseId: c.id,
        personId: c.person_id,
        onsetOrSampleAt: at,
        kind: c.status as CaseKind,
        links: {
          ...(c.household_id && H.has(c.household_id) ? { household: c.household_id } : {}),
          ...(c.workplace_id && W.has(c.workplace_id) ? { workplace: c.workplace_id } : {}),
          ...(c.school_id && S.has(c.school_id) ? { school: c.school_id } : {}),
          venues: [...(venuesOfCase.get(c.id) ?? [])],
        },
      })
    }
    const found = detectClusters(input, rs.params, now)
    const evaluated = new Set([
      ...[...H].map((k) => settingId('household', k)),
      ...[...W].map((k) => settingId('workplace', k)),
      ...[...S].map((k) => settingId('school', k)),
      ...[...V].map((k) => settingId('venue', k)),
    ])
    const result = await this.store(user, rs, found, evaluated, now)
    return { evaluatedCases: input.length, found: found.length, ...result }
  }

  private async store(
    user: SessionUser,
    rs: RuleSet,
    found: Cluster[],
    evaluated: ReadonlySet<string>,
    now: Date,
  ): Promise<Omit<DetectClustersResult, 'evaluatedCases' | 'found'>> {
    const { created, updated, closed, touched } = await this.database.db
      .transaction()
      .execute((tx) => storeClusters(tx, this.audit, user, rs, found, evaluated, now))
    return { created, updated, closed, alerts: await this.alerts([...new Set(touched)]) }
  }
}
