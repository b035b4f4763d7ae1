import {
  allowedPoolSizes,
  DomainError,
  estimatePrevalence,
  poolAdvice,
  regionLevel,
  regionPrefix,
  ruleSetVersion,
} from '@lianfang/core'
import type { PoolAdvice, PoolAdviceQuery } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/index.js'
import type { RiskAreasService } from '../risk-areas/index.js'
import { CampaignsRepository } from './campaigns.repository.js'

const repo = new CampaignsRepository()

/** Days of NAT results the prevalence is estimated from. */
export const POSITIVITY_WINDOW_DAYS = 14
const DAY = 86_400_000

/**
 * Pool-size advice (POOL.MODES, POOL.WHO; docs/testing.md): the region's rule set, its risk level
 * now, the positivity of the last 14 days of individual NAT results in its subtree (core
 * `estimatePrevalence`, Jeffreys), and core `poolAdvice` — expected tests per person of every
 * allowed size, the recommended size, whether dilution pooling is allowed.
 */
export class PoolAdviceService {
  constructor(
    private readonly database: Database,
    private readonly risk: RiskAreasService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async advise(scope: Scope, q: PoolAdviceQuery): Promise<PoolAdvice> {
    if (!regionLevel(q.regionCode))
      throw new DomainError('REGION_INVALID', `not a region code: ${q.regionCode}`, { field: 'regionCode' })
    scope.assert(q.regionCode, `region ${q.regionCode}`)
    const db = this.database.db
    const now = this.clock()
    const [names, rules, levels, counts] = await Promise.all([
      repo.regionNames(db, [q.regionCode]),
      resolveRuleSets(db, [q.regionCode]),
      this.risk.levelsAt(db, [q.regionCode], now),
      repo.recentResults(
        db,
        regionPrefix(q.regionCode),
        new Date(now.getTime() - POSITIVITY_WINDOW_DAYS * DAY),
      ),
    ])
    const name = names[0]?.name
    if (name === undefined) throw new DomainError('REGION_NOT_FOUND', `region ${q.regionCode} does not exist`)
    const ruleSet = rules.get(q.regionCode)
    if (!ruleSet) throw new Error(`no rule set for ${q.regionCode}`)
    const risk = levels.get(q.regionCode) ?? 'low'
    const tested = Number(counts.tested)
    const positives = Number(counts.positives)
    const prevalence = estimatePrevalence(positives, tested)
    const keyArea = q.keyArea === true
    const advice = poolAdvice(ruleSet.params, { prevalence, risk, keyArea })
    return {
      regionCode: q.regionCode,
      regionName: name,
      ruleSetVersion: ruleSetVersion(ruleSet),
      risk,
      keyArea,
      windowDays: POSITIVITY_WINDOW_DAYS,
      tested,
      positives,
      prevalence,
      assay: { ...advice.assay },
      figures: advice.figures.map((f) => ({ ...f })),
      allowedSizes: allowedPoolSizes(ruleSet.params, risk),
      recommended: advice.recommended,
      dilutionAllowed: advice.dilutionAllowed,
      dilutionMaxPrevalence: ruleSet.params.pool.dilutionMaxPrevalence,
    }
  }
}
