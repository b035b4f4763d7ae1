import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import {
  assertEventTime,
  assertQuarantinePeriod,
  DomainError,
  MAX_LEAD_DAYS,
  regionPrefix,
  regionLevel,
} from '@lianfang/core'
import type {
  CreateQuarantineOrderBody,
  FactCreated,
  FeverClinicVisitBody,
  HealthDeclarationBody,
  KeyGroupBody,
  NatResultBody,
  QuarantineOrder,
  RiskAreaPeriod,
  SetRiskLevelBody,
  TripDeclarationBody,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope } from '../../auth/scope.js'
import { likePrefix, requireRegion } from '../../db/kit.js'
import type { ColourService } from './colour.service.js'
import { resolveRuleSets } from './rule-sets.repository.js'

const DAY = 86_400_000

/**
 * The facts health codes are computed from. Each change is one transaction that writes the
 * fact, its audit record and the outbox row; after the commit the change is drained, so
 * the response already reflects the new colour.
 */
export class FactsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The person a request is about: citizens act for themselves, staff for persons in scope. */
  private async target(tx: Transaction<DB>, user: SessionUser, personId: string | undefined) {
    const id = user.role === 'citizen' ? user.personId : personId
    if (user.role === 'citizen' && personId && personId !== user.personId) {
      throw new DomainError('FORBIDDEN', 'citizens declare for themselves only')
    }
    if (!id)
      throw new DomainError(
        'VALIDATION_FAILED',
        user.role === 'citizen' ? 'your account is not linked to a person' : 'personId is required',
      )
    const p = await tx
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${id} does not exist`)
    if (user.role !== 'citizen') assertInScope(user, p.region_code, `person ${id}`)
    return p
  }

  /** Runs a fact change: write, audit, enqueue — then drain and report the new colour. */
  private async change(
    user: SessionUser,
    personId: string | undefined,
    action: string,
    write: (tx: Transaction<DB>, person: { id: string; region_code: string }) => Promise<string>,
  ): Promise<FactCreated> {
    const { id, person } = await this.database.db.transaction().execute(async (tx) => {
      const person = await this.target(tx, user, personId)
      const id = await write(tx, person)
      await this.audit.append(tx, user, {
        action,
        targetType: 'person',
        targetId: person.id,
        details: { factId: id },
      })
      await this.colours.enqueue(tx, [person.id])
      return { id, person }
    })
    const code = await this.colours.current(person.id)
    return {
      id,
      personId: person.id,
      colour: code.colour as FactCreated['colour'],
      ruleSetVersion: code.rule_set_version,
    }
  }

  declareHealth(user: SessionUser, body: HealthDeclarationBody): Promise<FactCreated> {
    return this.change(user, body.personId, 'fact.health_declaration', async (tx, p) => {
      const row = await tx
        .insertInto('health_declarations')
        .values({
          person_id: p.id,
          region_code: p.region_code,
          declared_at: this.clock(),
          temperature_c: body.temperatureC === undefined ? null : body.temperatureC.toFixed(1),
          symptoms: body.symptoms,
          source: user.role === 'citizen' ? 'self' : 'staff',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
  }

  declareTrip(user: SessionUser, body: TripDeclarationBody): Promise<FactCreated> {
    const arrived = new Date(body.arrivedAt)
    const left = new Date(body.leftAt)
    assertEventTime('arrivedAt', arrived, this.clock())
    assertEventTime('leftAt', left, this.clock())
    if (left < arrived)
      throw new DomainError('VALIDATION_FAILED', 'leftAt is before arrivedAt', {
        field: 'leftAt',
        rule: 'ends_before_start',
      })
    return this.change(user, body.personId, 'fact.trip', async (tx, p) => {
      await requireRegion(tx, body.placeRegionCode)
      const row = await tx
        .insertInto('trips')
        .values({
          person_id: p.id,
          region_code: p.region_code,
          place_region_code: body.placeRegionCode,
          arrived_at: arrived,
          left_at: left,
          source: user.role === 'citizen' ? 'declared' : 'staff',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
  }

  async createQuarantineOrder(user: SessionUser, body: CreateQuarantineOrderBody): Promise<QuarantineOrder> {
    const start = new Date(body.startsAt)
    if (body.endsAt) assertQuarantinePeriod(start, new Date(body.endsAt), this.clock())
    const created = await this.change(user, body.personId, 'quarantine.order', async (tx, p) => {
      const rules = (await resolveRuleSets(tx, [p.region_code])).get(p.region_code)
      if (!rules) throw new Error('no rule set')
      const params = rules.params
      const days: Record<CreateQuarantineOrderBody['reason'], number> = {
        close_contact:
          body.kind === 'home_monitoring'
            ? params.closeContact.homeMonitorDays
            : params.closeContact.centralizedDays,
        secondary_contact: params.secondaryContact.centralizedDays,
        inbound:
          body.kind === 'home_monitoring' ? params.inbound.homeMonitorDays : params.inbound.centralizedDays,
        risk_area: params.closeContact.centralizedDays,
        pool_positive: 2,
        other: params.closeContact.centralizedDays,
      }
      const end = body.endsAt ? new Date(body.endsAt) : new Date(start.getTime() + days[body.reason] * DAY)
      // Also the period a rule set gives (0 days, or an edited rule set's 3650) must be plausible.
      assertQuarantinePeriod(start, end, this.clock())
      const row = await tx
        .insertInto('quarantine_orders')
        .values({
          person_id: p.id,
          region_code: p.region_code,
          kind: body.kind,
          reason: body.reason,
          starts_at: start,
          ends_at: end,
          note: body.note ?? null,
          rule_set_version: `${rules.id}@${rules.version}`,
          created_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
    return this.order(created.id)
  }

  async releaseQuarantineOrder(user: SessionUser, id: string): Promise<QuarantineOrder> {
    const order = await this.database.db
      .selectFrom('quarantine_orders')
      .select(['person_id', 'released_at'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!order) throw new DomainError('NOT_FOUND', `quarantine order ${id} does not exist`)
    if (order.released_at) throw new DomainError('CONFLICT', `quarantine order ${id} was already released`)
    await this.change(user, order.person_id, 'quarantine.release', async (tx) => {
      await tx
        .updateTable('quarantine_orders')
        .set({ released_at: this.clock() })
        .where('id', '=', id)
        .execute()
      return id
    })
    return this.order(id)
  }

  /** A person's quarantine orders, newest first (scoped; audited as a read of personal data). */
  async ordersOf(user: SessionUser, personId: string): Promise<QuarantineOrder[]> {
    const p = await this.database.db
      .selectFrom('persons')
      .select('region_code')
      .where('id', '=', personId)
      .executeTakeFirst()
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    assertInScope(user, p.region_code, `person ${personId}`)
    const rows = await this.database.db
      .selectFrom('quarantine_orders')
      .select('id')
      .where('person_id', '=', personId)
      .where('voided_at', 'is', null)
      .orderBy('starts_at', 'desc')
      .limit(100)
      .execute()
    await this.audit.record(user, { action: 'quarantine.list', targetType: 'person', targetId: personId })
    return Promise.all(rows.map((r) => this.order(r.id)))
  }

  private async order(id: string): Promise<QuarantineOrder> {
    const o = await this.database.db
      .selectFrom('quarantine_orders')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    return {
      id: o.id,
      personId: o.person_id,
      regionCode: o.region_code,
      kind: o.kind as QuarantineOrder['kind'],
      reason: o.reason as QuarantineOrder['reason'],
      startsAt: o.starts_at.toISOString(),
      endsAt: o.ends_at.toISOString(),
      releasedAt: o.released_at?.toISOString() ?? null,
      note: o.note,
      ruleSetVersion: o.rule_set_version,
    }
  }

  recordNatResult(user: SessionUser, body: NatResultBody): Promise<FactCreated> {
    const sampled = new Date(body.sampledAt)
    assertEventTime('sampledAt', sampled, this.clock())
    return this.change(user, body.personId, 'fact.nat_result', async (tx, p) => {
      const row = await tx
        .insertInto('nat_results')
        .values({
          person_id: p.id,
          region_code: p.region_code,
          sampled_at: sampled,
          result: body.result,
          pooled: body.pooled ?? false,
          lab_name: body.labName ?? null,
          entered_by: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
  }

  recordFeverClinicVisit(user: SessionUser, body: FeverClinicVisitBody): Promise<FactCreated> {
    const visited = new Date(body.visitedAt)
    assertEventTime('visitedAt', visited, this.clock())
    return this.change(user, body.personId, 'fact.fever_clinic', async (tx, p) => {
      const row = await tx
        .insertInto('fever_clinic_visits')
        .values({
          person_id: p.id,
          region_code: p.region_code,
          visited_at: visited,
          hospital: body.hospital ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
  }

  setKeyGroup(user: SessionUser, body: KeyGroupBody): Promise<FactCreated> {
    return this.change(user, body.personId, 'fact.key_group', async (tx, p) => {
      await tx
        .insertInto('key_group_memberships')
        .values({
          person_id: p.id,
          grp: body.group,
          interval_days: body.intervalDays,
          region_code: p.region_code,
        })
        .onConflict((oc) =>
          oc.columns(['person_id', 'grp']).doUpdateSet({ interval_days: body.intervalDays }),
        )
        .execute()
      return p.id
    })
  }

  /**
   * Sets an area's risk level from `startsAt` on (closing its open period) and recomputes the
   * colours of everyone with a trip there since the look-back horizon.
   */
  async setRiskLevel(user: SessionUser, body: SetRiskLevelBody): Promise<RiskAreaPeriod> {
    assertInScope(user, body.regionCode, `region ${body.regionCode}`)
    if (!regionLevel(body.regionCode))
      throw new DomainError('REGION_INVALID', `not a region code: ${body.regionCode}`)
    const start = body.startsAt ? new Date(body.startsAt) : this.clock()
    assertEventTime('startsAt', start, this.clock(), { leadDays: MAX_LEAD_DAYS })
    const id = await this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const open = await tx
        .selectFrom('risk_area_periods')
        .select(['id', 'starts_at'])
        .where('region_code', '=', body.regionCode)
        .where('ends_at', 'is', null)
        .executeTakeFirst()
      if (open && open.starts_at >= start)
        throw new DomainError(
          'CONFLICT',
          'the current period starts after the new one; pick a later startsAt',
        )
      if (open)
        await tx.updateTable('risk_area_periods').set({ ends_at: start }).where('id', '=', open.id).execute()
      const row = await tx
        .insertInto('risk_area_periods')
        .values({ region_code: body.regionCode, level: body.level, starts_at: start, set_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow()
      await this.audit.append(tx, user, {
        action: 'risk_area.set',
        targetType: 'region',
        targetId: body.regionCode,
        details: { level: body.level, startsAt: start.toISOString() },
      })
      const horizon = new Date(start.getTime() - 30 * DAY)
      await this.colours.enqueueWhere(
        tx,
        sql<{
          person_id: string
        }>`select person_id from trips where place_region_code like ${likePrefix(regionPrefix(body.regionCode))} and left_at >= ${horizon} and voided_at is null
           union
           select c.person_id from venues v join checkins c on c.venue_id = v.id
            where v.region_code like ${likePrefix(regionPrefix(body.regionCode))} and c.checked_in_at >= ${horizon}`,
      )
      return row.id
    })
    const p = await this.database.db
      .selectFrom('risk_area_periods as p')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .select(['p.id', 'p.region_code', 'r.name', 'p.level', 'p.starts_at', 'p.ends_at'])
      .where('p.id', '=', id)
      .executeTakeFirstOrThrow()
    return {
      id: p.id,
      regionCode: p.region_code,
      regionName: p.name,
      level: p.level as RiskAreaPeriod['level'],
      startsAt: p.starts_at.toISOString(),
      endsAt: p.ends_at?.toISOString() ?? null,
    }
  }

  async listRiskAreas(user: SessionUser): Promise<RiskAreaPeriod[]> {
    const rows = await this.database.db
      .selectFrom('risk_area_periods as p')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .select(['p.id', 'p.region_code', 'r.name', 'p.level', 'p.starts_at', 'p.ends_at'])
      .where('p.region_code', 'like', likePrefix(regionPrefix(user.regionCode)))
      .orderBy('p.starts_at', 'desc')
      .limit(500)
      .execute()
    return rows.map((p) => ({
      id: p.id,
      regionCode: p.region_code,
      regionName: p.name,
      level: p.level as RiskAreaPeriod['level'],
      startsAt: p.starts_at.toISOString(),
      endsAt: p.ends_at?.toISOString() ?? null,
    }))
  }
}
