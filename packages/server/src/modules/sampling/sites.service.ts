import {
  DomainError,
  openingHoursProblem,
  regionLevel,
  regionPrefix,
  type OpeningPeriod,
} from '@lianfang/core'
import type {
  CreateSamplingSiteBody,
  OpeningPeriodBody,
  SamplingSite,
  SamplingSitePage,
  SamplingSiteQuery,
  UpdateSamplingSiteBody,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import { requireRegion } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { SitesRepository } from './sites.repository.js'

export const sitesRepo = new SitesRepository()

type SiteRow = NonNullable<Awaited<ReturnType<SitesRepository['find']>>>

/** The stored opening hours as periods (the column is jsonb written only from checked bodies). */
export function periodsOf(json: unknown): OpeningPeriod[] {
  return Array.isArray(json) ? (json as OpeningPeriod[]) : []
}

export function toSite(r: SiteRow): SamplingSite {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    name: r.name,
    address: r.address,
    openingHours: periodsOf(r.opening_hours).map((p) => ({
      weekdays: [...p.weekdays],
      from: p.from,
      to: p.to,
    })),
    capacityPerHour: r.capacity_per_hour,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  }
}

function checkHours(periods: readonly OpeningPeriodBody[]): OpeningPeriod[] {
  const problem = openingHoursProblem(periods)
  if (problem !== null)
    throw new DomainError('VALIDATION_FAILED', `opening hours: ${problem}`, {
      field: 'openingHours',
      problem,
    })
  return periods.map((p) => ({ weekdays: [...p.weekdays].sort((a, b) => a - b), from: p.from, to: p.to }))
}

/**
 * Sampling sites (采样点, #17): where swabs are taken, with weekly opening hours and a capacity per
 * hour. Testers and admins keep the sites of their region; anyone with `sampling:read` lists them.
 */
export class SitesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
  ) {}

  async list(scope: Scope, q: SamplingSiteQuery): Promise<SamplingSitePage> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    if (q.regionCode !== undefined) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const q2 = q.q?.trim()
    const filter = {
      regionPrefix: regionPrefix(q.regionCode ?? scope.regionCode),
      active: q.active,
      q: q2 === '' ? undefined : q2,
    }
    const db = this.database.db
    const [rows, total] = await Promise.all([
      sitesRepo.list(db, scope, filter, page, pageSize),
      sitesRepo.count(db, scope, filter),
    ])
    return { items: rows.map(toSite), total: Number(total.n), page, pageSize }
  }

  /** A site in scope; NOT_FOUND when there is none, OUT_OF_SCOPE when it is another region's. */
  async get(scope: Scope, id: string): Promise<SamplingSite> {
    const row = await sitesRepo.find(this.database.db, scope, id)
    if (row) return toSite(row)
    const other = await sitesRepo.regionOf(this.database.db, id)
    if (other) scope.assert(other.region_code, `sampling site ${id}`)
    throw new DomainError('NOT_FOUND', `sampling site ${id} does not exist`)
  }

  async create(user: SessionUser, scope: Scope, body: CreateSamplingSiteBody): Promise<SamplingSite> {
    if (!regionLevel(body.regionCode))
      throw new DomainError('REGION_INVALID', `not a region code: ${body.regionCode}`, {
        field: 'regionCode',
      })
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    const hours = checkHours(body.openingHours)
    const id = await this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const { id } = await sitesRepo.insert(tx, {
        region_code: body.regionCode,
        name: body.name.trim(),
        address: body.address?.trim() || null,
        opening_hours: JSON.stringify(hours),
        capacity_per_hour: body.capacityPerHour,
        created_by: user.id,
      })
      await this.audit.append(tx, user, {
        action: 'sampling_site.create',
        targetType: 'sampling_site',
        targetId: id,
        details: { regionCode: body.regionCode, capacityPerHour: body.capacityPerHour },
      })
      return id
    })
    return this.get(scope, id)
  }

  async update(
    user: SessionUser,
    scope: Scope,
    id: string,
    body: UpdateSamplingSiteBody,
  ): Promise<SamplingSite> {
    await this.get(scope, id)
    const hours = body.openingHours === undefined ? undefined : checkHours(body.openingHours)
    if (body.name !== undefined && body.name.trim() === '')
      throw new DomainError('VALIDATION_FAILED', 'a site needs a name', { field: 'name' })
    const set = {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.address !== undefined ? { address: body.address?.trim() || null } : {}),
      ...(hours !== undefined ? { opening_hours: JSON.stringify(hours) } : {}),
      ...(body.capacityPerHour !== undefined ? { capacity_per_hour: body.capacityPerHour } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    }
    // Nothing to change: the site as it is.
    if (Object.keys(set).length === 0) return this.get(scope, id)
    await this.database.db.transaction().execute(async (tx) => {
      await sitesRepo.update(tx, id, set)
      await this.audit.append(tx, user, {
        action: 'sampling_site.update',
        targetType: 'sampling_site',
        targetId: id,
        details: { fields: Object.keys(body) },
      })
    })
    return this.get(scope, id)
  }
}
