import {
  assertEventTime,
  DomainError,
  MAX_LEAD_DAYS,
  parentRegionCode,
  regionLevel,
  regionPrefix,
} from '@lianfang/core'
import type { RiskAreaPeriod, SetRiskLevelBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { requireRegion, type Executor } from '../../db/kit.js'
import type { ColourService } from '../health-codes/index.js'
import {
  closePeriod,
  findPeriod,
  insertPeriod,
  listPeriods,
  openPeriod,
  periodsInForce,
  visitorsSince,
  type RiskLevel,
} from './risk-areas.repository.js'

const DAY = 86_400_000

/** Risk areas (RULES RISK.*): the level of an area over time, set by a commander today. */
export class RiskAreasService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Sets an area's risk level from `startsAt` on (closing its open period) and recomputes the
   * colours of everyone with a trip or a check-in there since the look-back horizon.
   */
  async setRiskLevel(user: SessionUser, scope: Scope, body: SetRiskLevelBody): Promise<RiskAreaPeriod> {
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    if (!regionLevel(body.regionCode))
      throw new DomainError('REGION_INVALID', `not a region code: ${body.regionCode}`)
    const start = body.startsAt ? new Date(body.startsAt) : this.clock()
    assertEventTime('startsAt', start, this.clock(), { leadDays: MAX_LEAD_DAYS })
    const id = await this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const open = await openPeriod(tx, body.regionCode)
      if (open && open.starts_at >= start)
        throw new DomainError(
          'CONFLICT',
          'the current period starts after the new one; pick a later startsAt',
        )
      if (open) await closePeriod(tx, open.id, start)
      const id = await insertPeriod(tx, {
        regionCode: body.regionCode,
        level: body.level,
        startsAt: start,
        setBy: user.id,
      })
      await this.audit.append(tx, user, {
        action: 'risk_area.set',
        targetType: 'region',
        targetId: body.regionCode,
        details: { level: body.level, startsAt: start.toISOString() },
      })
      const horizon = new Date(start.getTime() - 30 * DAY)
      // Who may have been there: declared trips (health codes) and check-ins (entry and exit).
      await this.colours.enqueueWhere(tx, visitorsSince(regionPrefix(body.regionCode), horizon))
      return id
    })
    return findPeriod(this.database.db, scope, id)
  }

  listRiskAreas(scope: Scope): Promise<RiskAreaPeriod[]> {
    return listPeriods(this.database.db, scope, 500)
  }

  /**
   * Each region's risk level at `at` (RISK.*): the highest level in force on the region or one of
   * its ancestors (a high-risk street makes its communities high-risk); `low` when none is set.
   * For other domains (pool sizes by risk level, POOL.WHO).
   */
  async levelsAt(db: Executor, regionCodes: readonly string[], at: Date): Promise<Map<string, RiskLevel>> {
    const chain = (code: string): string[] => {
      const out: string[] = []
      for (let c: string | undefined = code; c !== undefined; c = parentRegionCode(c)) out.push(c)
      return out
    }
    const all = new Set(regionCodes.flatMap(chain))
    const byRegion = new Map<string, RiskLevel>()
    const rank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 }
    for (const p of await periodsInForce(db, [...all], at)) {
      const had = byRegion.get(p.region_code)
      if (had === undefined || rank[p.level] > rank[had]) byRegion.set(p.region_code, p.level)
    }
    const out = new Map<string, RiskLevel>()
    for (const code of regionCodes) {
      let level: RiskLevel = 'low'
      for (const c of chain(code)) {
        const l = byRegion.get(c)
        if (l !== undefined && rank[l] > rank[level]) level = l
      }
      out.set(code, level)
    }
    return out
  }
}
