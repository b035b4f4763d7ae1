import {
  addDays,
  allowedPoolSizes,
  DomainError,
  isInRegion,
  localDate,
  maskName,
  maskPhone,
  parentRegionCode,
  regionLevel,
  regionPrefix,
} from '@lianfang/core'
import type {
  Campaign,
  CampaignAreaPool,
  CampaignPage,
  CampaignProgress,
  CampaignQuery,
  CampaignSummary,
  CommunityProgress,
  CreateCampaignBody,
  MarkUnreachableBody,
  MissingPage,
  MissingQuery,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import { requireRegion, type Executor } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/index.js'
import type { RiskAreasService } from '../risk-areas/index.js'
import { CampaignsRepository } from './campaigns.repository.js'
import { sitesRepo } from './sites.service.js'

export const campaignsRepo = new CampaignsRepository()

/** The longest campaign: whole-city screenings were done in days; a quarter is generous. */
export const MAX_CAMPAIGN_DAYS = 92

type CampaignRow = NonNullable<Awaited<ReturnType<CampaignsRepository['find']>>>

/** A region and its ancestors, nearest first. */
export function chainOf(code: string): string[] {
  const out: string[] = []
  for (let c: string | undefined = code; c !== undefined; c = parentRegionCode(c)) out.push(c)
  return out
}

const dateOf = (d: string | Date): string =>
  typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10)

export function toSummary(c: CampaignRow): CampaignSummary {
  return {
    id: c.id,
    regionCode: c.region_code,
    regionName: c.region_name,
    name: c.name,
    startsOn: dateOf(c.starts_on),
    endsOn: dateOf(c.ends_on),
    status: c.status,
    createdAt: c.created_at.toISOString(),
  }
}

function poolSizesOf(json: unknown): Record<string, number> {
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, number>)
    : {}
}

/**
 * Screening campaigns (全员检测, #17): a commander plans one for a region (dates, sites, pool size
 * per area defaulting from its risk level, POOL.WHO), starts and closes it; progress per community
 * counts who is in a tube of the campaign (the `tubes` module registers them), who is marked
 * unreachable, who is not yet tested; community workers read who is missing (masked, audited).
 */
export class CampaignsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly risk: RiskAreasService,
    private readonly timeZone: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The campaign if the user may follow it: its region is in their subtree, or theirs lies in the
   * campaign's (a community worker under a district's campaign). NOT_FOUND / OUT_OF_SCOPE otherwise.
   */
  async visible(scope: Scope, id: string, db: Executor = this.database.db): Promise<CampaignRow> {
    const c = await campaignsRepo.find(db, id)
    if (!c) throw new DomainError('NOT_FOUND', `campaign ${id} does not exist`)
    if (scope.kind === 'region' && isInRegion(scope.regionCode, c.region_code)) return c
    scope.assert(c.region_code, `campaign ${id}`)
    return c
  }

  /** The pool size of each community of a region (or the region when it has none), POOL.WHO. */
  async areasOf(db: Executor, regionCode: string, own: Record<string, number>): Promise<CampaignAreaPool[]> {
    const communities = await campaignsRepo.communitiesUnder(db, regionPrefix(regionCode))
    const areas = communities.length > 0 ? communities : await campaignsRepo.regionNames(db, [regionCode])
    const codes = areas.map((a) => a.code)
    const [rules, levels] = await Promise.all([
      resolveRuleSets(db, codes),
      this.risk.levelsAt(db, codes, this.clock()),
    ])
    return areas.map((a) => {
      const params = rules.get(a.code)?.params
      if (!params) throw new Error(`no rule set for ${a.code}`)
      const risk = levels.get(a.code) ?? 'low'
      const allowed = allowedPoolSizes(params, risk)
      const defaultSize = Math.max(...allowed)
      // The campaign's size for the area, or for the nearest enclosing area it names.
      const set = chainOf(a.code)
        .map((c) => own[c])
        .find((v) => v !== undefined)
      return {
        regionCode: a.code,
        regionName: a.name,
        risk,
        poolSize: set !== undefined && allowed.includes(set) ? set : defaultSize,
        defaultSize,
        allowedSizes: allowed,
      }
    })
  }

  private async toCampaign(c: CampaignRow): Promise<Campaign> {
    const db = this.database.db
    const [sites, areas, population] = await Promise.all([
      campaignsRepo.sitesOf(db, c.id),
      this.areasOf(db, c.region_code, poolSizesOf(c.pool_sizes)),
      campaignsRepo.population(db, regionPrefix(c.region_code)),
    ])
    return {
      ...toSummary(c),
      sites: sites.map((s) => ({ id: s.id, name: s.name, regionCode: s.region_code })),
      areas,
      population: Number(population.n),
      closedAt: c.closed_at?.toISOString() ?? null,
    }
  }

  async get(scope: Scope, id: string): Promise<Campaign> {
    return this.toCampaign(await this.visible(scope, id))
  }

  async list(scope: Scope, q: CampaignQuery): Promise<CampaignPage> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    // Campaigns are regions' business: a citizen's scope holds none.
    if (scope.kind !== 'region') return { items: [], total: 0, page, pageSize }
    const db = this.database.db
    const ancestors = chainOf(scope.regionCode)
    const [rows, total] = await Promise.all([
      campaignsRepo.list(db, scope, ancestors, q.status, page, pageSize),
      campaignsRepo.count(db, scope, ancestors, q.status),
    ])
    return { items: rows.map(toSummary), total: Number(total.n), page, pageSize }
  }

  async create(user: SessionUser, scope: Scope, body: CreateCampaignBody): Promise<Campaign> {
    if (!regionLevel(body.regionCode))
      throw new DomainError('REGION_INVALID', `not a region code: ${body.regionCode}`, {
        field: 'regionCode',
      })
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    const today = localDate(this.clock(), this.timeZone)
    if (body.startsOn < today)
      throw new DomainError('VALIDATION_FAILED', 'a campaign starts today or later', { field: 'startsOn' })
    if (body.endsOn < body.startsOn || body.endsOn > addDays(body.startsOn, MAX_CAMPAIGN_DAYS - 1))
      throw new DomainError(
        'VALIDATION_FAILED',
        `a campaign ends on or after its start, within ${MAX_CAMPAIGN_DAYS} days`,
        {
          field: 'endsOn',
        },
      )
    const siteIds = [...new Set(body.siteIds)]
    const own = body.poolSizes ?? {}
    const id = await this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const sites = await sitesRepo.sitesByIds(tx, siteIds)
      for (const s of siteIds) {
        const site = sites.find((x) => x.id === s)
        if (!site || !site.active || !isInRegion(site.region_code, body.regionCode))
          throw new DomainError(
            'VALIDATION_FAILED',
            `site ${s} is not an open site of the campaign's region`,
            {
              field: 'siteIds',
              siteId: s,
            },
          )
      }
      const areaCodes = Object.keys(own)
      const known = new Set((await campaignsRepo.regionNames(tx, areaCodes)).map((r) => r.code))
      for (const code of areaCodes)
        if (!known.has(code) || !isInRegion(code, body.regionCode))
          throw new DomainError('VALIDATION_FAILED', `area ${code} is not a region of the campaign's`, {
            field: 'poolSizes',
            regionCode: code,
          })
      // Each size must be allowed in every area it applies to (POOL.WHO).
      for (const a of await this.areasOf(tx, body.regionCode, {})) {
        const set = chainOf(a.regionCode)
          .map((c) => own[c])
          .find((v) => v !== undefined)
        if (set !== undefined && !a.allowedSizes.includes(set))
          throw new DomainError(
            'POOL_SIZE_NOT_ALLOWED',
            `pool size ${set} is not allowed in ${a.regionName} (${a.risk} risk)`,
            {
              field: 'poolSizes',
              regionCode: a.regionCode,
              allowed: a.allowedSizes,
            },
          )
      }
      const { id } = await campaignsRepo.insert(tx, {
        region_code: body.regionCode,
        name: body.name.trim(),
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        pool_sizes: JSON.stringify(own),
        created_by: user.id,
      })
      await campaignsRepo.insertSites(tx, id, siteIds)
      await this.audit.append(tx, user, {
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: id,
        details: { regionCode: body.regionCode, startsOn: body.startsOn, endsOn: body.endsOn, siteIds },
      })
      return id
    })
    return this.get(scope, id)
  }

  /** planned → running → closed; only a commander whose region holds the campaign's. */
  async transition(user: SessionUser, scope: Scope, id: string, to: 'running' | 'closed'): Promise<Campaign> {
    const c = await this.visible(scope, id)
    scope.assert(c.region_code, `campaign ${id}`)
    const from = to === 'running' ? 'planned' : 'running'
    await this.database.db.transaction().execute(async (tx) => {
      if (!(await campaignsRepo.setStatus(tx, id, from, to)))
        throw new DomainError('TRANSITION_NOT_ALLOWED', `campaign ${id} is ${c.status}, not ${from}`)
      await this.audit.append(tx, user, {
        action: to === 'running' ? 'campaign.start' : 'campaign.close',
        targetType: 'campaign',
        targetId: id,
      })
    })
    return this.get(scope, id)
  }

  /** Per community in the user's scope: population, tested, unreachable, not yet. */
  async progress(scope: Scope, id: string): Promise<CampaignProgress> {
    const c = await this.visible(scope, id)
    const communities = await this.communityRows(scope, c)
    const totals = { population: 0, tested: 0, unreachable: 0, notYet: 0 }
    for (const r of communities) {
      totals.population += r.population
      totals.tested += r.tested
      totals.unreachable += r.unreachable
      totals.notYet += r.notYet
    }
    return { campaignId: id, status: c.status, computedAt: this.clock().toISOString(), totals, communities }
  }

  /** The rows of the progress: every community in scope, and any other region persons live in. */
  async communityRows(scope: Scope, c: CampaignRow): Promise<CommunityProgress[]> {
    const db = this.database.db
    const prefix = regionPrefix(c.region_code)
    const [counts, communities] = await Promise.all([
      campaignsRepo.progressByRegion(db, scope, c.id, prefix),
      campaignsRepo.communitiesUnder(db, prefix),
    ])
    const byCode = new Map(counts.map((r) => [r.region_code, r]))
    const names = new Map(communities.filter((r) => scope.covers(r.code)).map((r) => [r.code, r.name]))
    const others = counts.map((r) => r.region_code).filter((code) => !names.has(code))
    for (const r of await campaignsRepo.regionNames(db, others)) names.set(r.code, r.name)
    return [...names.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, name]) => {
        const r = byCode.get(code)
        const population = Number(r?.population ?? 0)
        const tested = Number(r?.tested ?? 0)
        const unreachable = Number(r?.unreachable ?? 0)
        return {
          regionCode: code,
          regionName: name,
          population,
          tested,
          unreachable,
          notYet: population - tested - unreachable,
        }
      })
  }

  /** Who is not in a tube of the campaign yet, masked; audited as a read of personal data. */
  async missing(user: SessionUser, scope: Scope, id: string, q: MissingQuery): Promise<MissingPage> {
    const c = await this.visible(scope, id)
    const area = q.regionCode ?? (scope.covers(c.region_code) ? c.region_code : scope.regionCode)
    if (!isInRegion(area, c.region_code))
      throw new DomainError('VALIDATION_FAILED', `region ${area} is not in the campaign's region`, {
        field: 'regionCode',
      })
    scope.assert(area, `region ${area}`)
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const include = q.includeUnreachable === true
    const prefix = regionPrefix(area)
    const db = this.database.db
    const [rows, total] = await Promise.all([
      campaignsRepo.missing(db, scope, id, prefix, include, page, pageSize),
      campaignsRepo.countMissing(db, scope, id, prefix, include),
    ])
    await this.audit.record(user, {
      action: 'campaign.missing.read',
      targetType: 'campaign',
      targetId: id,
      details: { regionCode: area, page, returned: rows.map((r) => r.id) },
    })
    return {
      items: rows.map((r) => ({
        personId: r.id,
        nameMasked: maskName(r.name),
        phoneMasked: r.phone === null ? null : maskPhone(r.phone),
        idNumberMasked: r.id_number_masked,
        regionCode: r.region_code,
        regionName: r.region_name,
        unreachable: r.unreachable_id !== null,
        unreachableNote: r.unreachable_note,
      })),
      total: Number(total.n),
      page,
      pageSize,
    }
  }

  /** Marks (or unmarks) a person of the campaign's population as unreachable while it is open. */
  async markUnreachable(
    user: SessionUser,
    scope: Scope,
    id: string,
    body: MarkUnreachableBody,
  ): Promise<{ ok: boolean }> {
    const c = await this.visible(scope, id)
    if (c.status === 'closed') throw new DomainError('TRANSITION_NOT_ALLOWED', `campaign ${id} is closed`)
    const p = await campaignsRepo.personRegion(this.database.db, body.personId)
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${body.personId} does not exist`)
    scope.assert(p.region_code, `person ${body.personId}`)
    if (!isInRegion(p.region_code, c.region_code))
      throw new DomainError(
        'VALIDATION_FAILED',
        `person ${body.personId} does not live in the campaign's region`,
        {
          field: 'personId',
        },
      )
    const note = body.note?.trim() || null
    await this.database.db.transaction().execute(async (tx) => {
      if (body.unreachable)
        await campaignsRepo.markUnreachable(tx, {
          campaignId: id,
          personId: body.personId,
          regionCode: p.region_code,
          note,
          by: user.id,
        })
      else await campaignsRepo.unmarkUnreachable(tx, id, body.personId)
      await this.audit.append(tx, user, {
        action: body.unreachable ? 'campaign.unreachable.mark' : 'campaign.unreachable.unmark',
        targetType: 'person',
        targetId: body.personId,
        details: { campaignId: id },
      })
    })
    return { ok: true }
  }
}
