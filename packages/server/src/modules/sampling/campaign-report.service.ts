import { regionPrefix } from '@lianfang/core'
import type { CampaignReport } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { Scope } from '../../auth/scope.js'
import type { ExportTable } from '../../export/table-export.js'
import { campaignsRepo, toSummary, type CampaignsService } from './campaigns.service.js'

/**
 * The campaign report (#17): per community the population, tested, unreachable and not yet, the
 * tubes holding its people, those positive and their members (POOL.POSITIVE re-samples), as the
 * user's scope shows them; as JSON for the page and as a table for CSV / Excel.
 */
export class CampaignReportService {
  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
  ) {}

  async report(scope: Scope, id: string): Promise<CampaignReport> {
    const c = await this.campaigns.visible(scope, id)
    const prefix = regionPrefix(c.region_code)
    const db = this.database.db
    const [rows, tubes, totalTubes] = await Promise.all([
      this.campaigns.communityRows(scope, c),
      campaignsRepo.tubesByRegion(db, scope, id, prefix),
      campaignsRepo.tubeTotals(db, scope, id, prefix),
    ])
    const byCode = new Map(tubes.map((t) => [t.region_code, t]))
    const communities = rows.map((r) => {
      const t = byCode.get(r.regionCode)
      return {
        ...r,
        tubes: Number(t?.tubes ?? 0),
        positiveTubes: Number(t?.positive_tubes ?? 0),
        personsInPositiveTubes: Number(t?.in_positive ?? 0),
      }
    })
    const sum = (k: 'population' | 'tested' | 'unreachable' | 'notYet') =>
      communities.reduce((n, r) => n + r[k], 0)
    return {
      campaign: toSummary(c),
      closedAt: c.closed_at?.toISOString() ?? null,
      communities,
      totals: {
        population: sum('population'),
        tested: sum('tested'),
        unreachable: sum('unreachable'),
        notYet: sum('notYet'),
        tubes: Number(totalTubes.tubes),
        positiveTubes: Number(totalTubes.positive_tubes),
        personsInPositiveTubes: Number(totalTubes.in_positive),
      },
    }
  }

  /** The report as a table (Chinese headers first, as the other exports). */
  async table(scope: Scope, id: string): Promise<ExportTable> {
    const r = await this.report(scope, id)
    const columns = [
      '社区 community',
      '区划代码 region code',
      '应检人数 population',
      '已检 tested',
      '联系不上 unreachable',
      '未检 not yet',
      '采样管 tubes',
      '阳性管 positive tubes',
      '阳性管人数 persons in positive tubes',
    ]
    const row = (name: string, code: string, x: CampaignReport['totals']) => [
      name,
      code,
      x.population,
      x.tested,
      x.unreachable,
      x.notYet,
      x.tubes,
      x.positiveTubes,
      x.personsInPositiveTubes,
    ]
    return {
      columns,
      rows: [
        ...r.communities.map((c) => row(c.regionName, c.regionCode, c)),
        row('合计 total', r.campaign.regionCode, r.totals),
      ],
    }
  }
}
