import {
  DEFAULT_TIME_ZONE,
  DomainError,
  localDate,
  localDayBounds,
  readsEnclosed,
  regionPrefix,
  signVenueCode,
} from '@lianfang/core'
import type { CreateVenueBody, PatchVenueBody, Venue, VenueQuery, VenueStats } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { requireRegion } from '../../db/kit.js'
import { VenuesRepository } from './venues.repository.js'
import type { KeysService } from '../keys/index.js'

type VenueRow = {
  id: string
  region_code: string
  name: string
  kind: Venue['kind']
  capacity: number
  address: string | null
  active: boolean
  manager_user_id: string | null
  enclosed: boolean | null
  region_name: string
}

const toVenue = (r: VenueRow): Venue => ({
  id: r.id,
  regionCode: r.region_code,
  regionName: r.region_name,
  kind: r.kind,
  name: r.name,
  capacity: r.capacity,
  address: r.address,
  active: r.active,
  managerUserId: r.manager_user_id,
  enclosed: r.enclosed,
})

/**
 * Refuses a ventilation for a kind whose seat rule does not read it (core `readsEnclosed`: trains
 * and buses, RULES.md CC.TRANSPORT.TRAIN / BUS) — before anything is written.
 */
function assertEnclosedApplies(kind: Venue['kind'], enclosed: boolean | null | undefined): void {
  if (enclosed === undefined || enclosed === null || readsEnclosed(kind)) return
  throw new DomainError(
    'VENUE_TRANSPORT_NOT_APPLICABLE',
    `enclosed: a ${kind} has no ventilation rule; only trains and buses record whether they are enclosed and air-conditioned (CC.TRANSPORT.TRAIN, CC.TRANSPORT.BUS)`,
    { field: 'enclosed', kind },
  )
}

/** The instants of a local day; an impossible date is the caller's error (400), not ours. */
function dayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  try {
    return localDayBounds(day, timeZone)
  } catch (e) {
    if (e instanceof RangeError) throw new DomainError('VALIDATION_FAILED', `date: ${e.message}`)
    throw e
  }
}

/** Venues of a region, their signed codes (场所码) and the community view of their gates. */
export class VenuesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly keys: KeysService,
    /** Called after a venue's state changed (the gate path's venue cache forgets it at once). */
    private readonly onChange: (venueId: string) => void = () => undefined,
    /** The IANA zone of the days and hours in venue statistics (config `TIME_ZONE`). */
    private readonly timeZone: string = DEFAULT_TIME_ZONE,
  ) {}

  private readonly repo = new VenuesRepository()

  async list(scope: Scope, q: VenueQuery) {
    if (q.regionCode) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const filter = {
      regionPrefix: q.regionCode ? regionPrefix(q.regionCode) : undefined,
      kind: q.kind,
      name: q.q,
    }
    const db = this.database.db
    const [rows, total] = await Promise.all([
      this.repo.list(db, scope, filter, page, pageSize),
      this.repo.count(db, scope, filter),
    ])
    return { items: rows.map(toVenue), total, page, pageSize }
  }

  /** A venue the scope sees; else OUT_OF_SCOPE (another region's) or NOT_FOUND, as before #15. */
  async get(scope: Scope, id: string): Promise<Venue> {
    const row = await this.repo.findById(this.database.db, scope, id)
    if (row) return toVenue(row)
    const elsewhere = await this.repo.regionOf(this.database.db, id)
    if (elsewhere) scope.assert(elsewhere.region_code, `venue ${id}`)
    throw new DomainError('NOT_FOUND', `venue ${id} does not exist`)
  }

  async create(user: SessionUser, scope: Scope, body: CreateVenueBody): Promise<Venue> {
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    assertEnclosedApplies(body.kind, body.enclosed)
    const id = await this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      if (body.managerUserId !== undefined && body.managerUserId !== user.id) {
        // The manager must be a user the caller could see: one outside the caller's subtree reads
        // as one that does not exist (issue #14: every id a request names is checked).
        const manager = await this.repo.userRegion(tx, body.managerUserId)
        if (!manager || !scope.covers(manager.region_code)) {
          throw new DomainError('NOT_FOUND', `user ${body.managerUserId} does not exist`)
        }
      }
      const row = await this.repo.insert(tx, {
        region_code: body.regionCode,
        kind: body.kind,
        name: body.name.trim(),
        capacity: body.capacity ?? 0,
        address: body.address ?? null,
        manager_user_id: body.managerUserId ?? user.id,
        enclosed: body.enclosed ?? null,
      })
      await this.audit.append(tx, user, { action: 'venue.create', targetType: 'venue', targetId: row.id })
      return row.id
    })
    return this.get(scope, id)
  }

  /** Changes a venue's transport properties (`PATCH /api/venues/:id`), audited. */
  async patch(user: SessionUser, scope: Scope, id: string, body: PatchVenueBody): Promise<Venue> {
    const venue = await this.get(scope, id)
    assertEnclosedApplies(venue.kind, body.enclosed)
    if (body.enclosed === undefined || body.enclosed === venue.enclosed) return venue
    const enclosed = body.enclosed
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.setEnclosed(tx, venue.id, enclosed)
      await this.audit.append(tx, user, {
        action: 'venue.update',
        targetType: 'venue',
        targetId: venue.id,
        details: { enclosed: { from: venue.enclosed, to: enclosed } },
      })
    })
    this.onChange(venue.id)
    return { ...venue, enclosed }
  }

  async setActive(user: SessionUser, scope: Scope, id: string, active: boolean): Promise<Venue> {
    const venue = await this.get(scope, id)
    await this.repo.setActive(this.database.db, venue.id, active)
    this.onChange(venue.id)
    await this.audit.record(user, {
      action: active ? 'venue.activate' : 'venue.deactivate',
      targetType: 'venue',
      targetId: id,
    })
    return { ...venue, active }
  }

  /** The venue's signed code for its poster. */
  async code(scope: Scope, id: string): Promise<{ venueId: string; code: string }> {
    const v = await this.get(scope, id)
    if (!v.active) throw new DomainError('CONFLICT', `venue ${id} is deactivated`)
    const code = await signVenueCode(
      { issuer: this.keys.policy.issuer, venueId: v.id, region: v.regionCode, kind: v.kind, name: v.name },
      await this.keys.codeSigner(),
    )
    return { venueId: v.id, code }
  }

  /** Today's (or a day's) entries and exits, residents vs visitors, denials and the hourly shape. */
  async stats(scope: Scope, id: string, date: string | undefined): Promise<VenueStats> {
    await this.get(scope, id)
    const day = date ?? localDate(Date.now(), this.timeZone)
    // 24 hours, or 23 / 25 on a daylight-saving switch in zones that have one.
    const { start, end } = dayBounds(day, this.timeZone)
    const db = this.database.db
    const d = { venueId: id, start, end }
    const [totals, denied, hourly] = await Promise.all([
      this.repo.statsTotals(db, scope, d),
      this.repo.statsDenied(db, scope, d),
      this.repo.statsHourly(db, scope, d, this.timeZone),
    ])
    const byHour = new Map(hourly.map((h) => [h.hour, h]))
    const t = totals ?? { entries: 0, exits: 0, residents: 0, visitors: 0 }
    return {
      venueId: id,
      date: day,
      entries: t.entries,
      exits: t.exits,
      residents: t.residents,
      visitors: t.visitors,
      denied,
      hourly: Array.from({ length: 24 }, (_, hour) => {
        const h = byHour.get(hour)
        return { hour, entries: h?.entries ?? 0, exits: h?.exits ?? 0, denied: h?.denied ?? 0 }
      }),
    }
  }
}
