import { isInRegion, regionPrefix } from '@lianfang/core'
import type { FactSource } from '../health-codes/index.js'
import { checkinVisitsInAreas } from '../checkins/index.js'
import { activePeriods, type RiskLevel } from './risk-areas.repository.js'

const RISK_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 }
/** How far back check-ins are read as trips (longer than any trip look-back of the presets). */
const CHECKIN_LOOKBACK_DAYS = 21

/**
 * Grades trips by the areas' risk levels: a trip gets the highest level any enclosing area had
 * while the person was there; check-ins at venues inside a current risk area count as trips.
 */
export function riskAreaFacts(clock: () => Date): FactSource {
  return {
    name: 'risk-areas',
    async enrich(db, personIds, facts) {
      const horizon = new Date(clock().getTime() - CHECKIN_LOOKBACK_DAYS * 86_400_000)
      const periods = await activePeriods(db, horizon)
      if (periods.length === 0) return
      const prefixes = [...new Set(periods.map((p) => regionPrefix(p.region_code)))]
      for (const v of await checkinVisitsInAreas(db, personIds, prefixes, horizon)) {
        if (v.person_id === null) continue
        facts.get(v.person_id).trips.push({
          regionCode: v.region_code,
          regionName: v.name,
          arrivedAt: v.checked_in_at,
          leftAt: v.checked_out_at ?? v.checked_in_at,
          riskLevel: 'low',
        })
      }
      for (const t of facts.allTrips()) {
        for (const p of periods) {
          const level = p.level as RiskLevel
          const overlaps = p.starts_at < t.leftAt && (p.ends_at === null || p.ends_at > t.arrivedAt)
          if (
            overlaps &&
            isInRegion(t.regionCode, p.region_code) &&
            RISK_RANK[level] > RISK_RANK[t.riskLevel]
          )
            t.riskLevel = level
        }
      }
    },
  }
}
