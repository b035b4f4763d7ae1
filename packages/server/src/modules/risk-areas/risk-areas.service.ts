import { assertEventTime, DomainError, MAX_LEAD_DAYS, regionLevel, regionPrefix } from '@lianfang/core'
import type { RiskAreaPeriod, SetRiskLevelBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { requireRegion } from '../../db/kit.js'
import type { ColourService } from '../health-codes/index.js'
import {
  closePeriod,
  findPeriod,
  insertPeriod,
  listPeriods,
  openPeriod,
  visitorsSince,
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
}
