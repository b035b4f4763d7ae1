import type { Transaction } from 'kysely'
import { DomainError } from '@lianfang/core'
import type { CreateWorkUnitBody, WorkUnit, WorkUnitList } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { Executor } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { WorkUnitsRepository } from './work-units.repository.js'

type UnitRow = NonNullable<Awaited<ReturnType<WorkUnitsRepository['unitInScope']>>>

function toUnit(r: UnitRow, members: number): WorkUnit {
  return {
    id: r.id,
    venueId: r.venue_id,
    regionCode: r.region_code,
    kind: r.kind,
    name: r.name,
    members,
    createdAt: r.created_at.toISOString(),
  }
}

/** A person's employer, school and units, as stored (`persons` columns). */
export interface Memberships {
  workplace_id: string | null
  work_unit_id: string | null
  school_id: string | null
  class_unit_id: string | null
}

/** What a create or change asks for: absent keeps, null removes (API field names). */
export interface MembershipInput {
  workplaceId?: string | null | undefined
  workUnitId?: string | null | undefined
  schoolId?: string | null | undefined
  classUnitId?: string | null | undefined
}

const NONE: Memberships = { workplace_id: null, work_unit_id: null, school_id: null, class_unit_id: null }

const SIDES = [
  { venue: 'workplaceId', unit: 'workUnitId', venueCol: 'workplace_id', unitCol: 'work_unit_id' },
  { venue: 'schoolId', unit: 'classUnitId', venueCol: 'school_id', unitCol: 'class_unit_id' },
] as const

/**
 * Work units and school classes (RULES.md CC.SETTINGS 4): listed and created per venue, scoped by
 * the venue's region; and the check that a person's unit is one of their own employer's (school's),
 * which the database enforces too (a foreign key on the pair unit, venue).
 */
export class WorkUnitsService {
  private readonly repo = new WorkUnitsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
  ) {}

  async list(scope: Scope, venueId: string): Promise<WorkUnitList> {
    const db = this.database.db
    await this.venueInScope(db, scope, venueId)
    const rows = await this.repo.listByVenue(db, venueId)
    return { venueId, items: rows.map((r) => toUnit(r, Number(r.members))) }
  }

  async create(
    user: SessionUser,
    scope: Scope,
    venueId: string,
    body: CreateWorkUnitBody,
  ): Promise<WorkUnit> {
    return this.database.db.transaction().execute(async (tx) => {
      const venue = await this.venueInScope(tx, scope, venueId)
      const row = await this.repo.insert(tx, {
        region_code: venue.region_code,
        venue_id: venue.id,
        kind: body.kind,
        name: body.name.trim(),
      })
      await this.audit.append(tx, user, {
        action: 'work_unit.create',
        targetType: 'work_unit',
        targetId: row.id,
        details: { venueId, kind: body.kind },
      })
      return toUnit(row, 0)
    })
  }

  /**
   * The memberships after a create (`current` absent) or a change: every venue and unit named must
   * be in the scope (OUT_OF_SCOPE, or NOT_FOUND / UNIT_NOT_FOUND), and a unit must belong to the
   * person's employer (resp. school) after the change — UNIT_NOT_IN_EMPLOYER otherwise. A new
   * employer (school) without a unit given clears the old unit. Returns only the columns that change.
   */
  async resolve(
    tx: Transaction<DB>,
    scope: Scope,
    input: MembershipInput,
    current: Memberships = NONE,
  ): Promise<Partial<Memberships>> {
    const changes: Partial<Memberships> = {}
    for (const side of SIDES) {
      const givenVenue = input[side.venue]
      const givenUnit = input[side.unit]
      const venue = givenVenue === undefined ? current[side.venueCol] : givenVenue
      if (givenVenue !== undefined && givenVenue !== null && givenVenue !== current[side.venueCol])
        await this.venueInScope(tx, scope, givenVenue)
      const unit =
        givenUnit !== undefined ? givenUnit : venue === current[side.venueCol] ? current[side.unitCol] : null
      if (givenUnit !== undefined && givenUnit !== null) {
        const u = await this.unitInScope(tx, scope, givenUnit)
        if (u.venue_id !== venue)
          throw new DomainError(
            'UNIT_NOT_IN_EMPLOYER',
            venue === null
              ? `${side.unit}: a unit needs the ${side.venue} it belongs to`
              : `${side.unit}: unit ${givenUnit} belongs to venue ${u.venue_id}, not to ${venue}`,
            { field: side.unit, unitVenueId: u.venue_id, venueId: venue },
          )
      }
      if (venue !== current[side.venueCol]) changes[side.venueCol] = venue
      if (unit !== current[side.unitCol]) changes[side.unitCol] = unit
    }
    return changes
  }

  /** The names of a person's employer, school and units, null where none. */
  async names(db: Executor, m: Memberships) {
    const venues = [m.workplace_id, m.school_id].filter((x): x is string => x !== null)
    const units = [m.work_unit_id, m.class_unit_id].filter((x): x is string => x !== null)
    const rows = venues.length + units.length === 0 ? [] : await this.repo.names(db, venues, units)
    const name = (t: 'venue' | 'unit', id: string | null) =>
      id === null ? null : (rows.find((r) => r.t === t && r.id === id)?.name ?? null)
    return {
      workplaceName: name('venue', m.workplace_id),
      workUnitName: name('unit', m.work_unit_id),
      schoolName: name('venue', m.school_id),
      classUnitName: name('unit', m.class_unit_id),
    }
  }

  private async venueInScope(db: Executor, scope: Scope, id: string) {
    const v = await this.repo.venueInScope(db, scope, id)
    if (v) return v
    const elsewhere = await this.repo.venueRegionOf(db, id)
    if (elsewhere) scope.assert(elsewhere.region_code, `venue ${id}`)
    throw new DomainError('NOT_FOUND', `venue ${id} does not exist`)
  }

  private async unitInScope(db: Executor, scope: Scope, id: string) {
    const u = await this.repo.unitInScope(db, scope, id)
    if (u) return u
    const elsewhere = await this.repo.unitRegionOf(db, id)
    if (elsewhere) scope.assert(elsewhere.region_code, `unit ${id}`)
    throw new DomainError('UNIT_NOT_FOUND', `unit ${id} does not exist`)
  }
}
