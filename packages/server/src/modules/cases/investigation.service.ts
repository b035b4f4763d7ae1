import {
  DEFAULT_DWELL_MINUTES,
  DomainError,
  exposureWindow,
  findOverlapContacts,
  groupCandidates,
  isInRegion,
  maskName,
  mergeCandidates,
  type CaseKind,
  type CoVisit,
  type ContactReason,
  type Seat,
  type Visit,
} from '@lianfang/core'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/rule-sets.repository.js'
import { secondaryInvestigation } from './secondary-investigation.js'

const MAX_DWELL_MS = Math.max(...Object.values(DEFAULT_DWELL_MINUTES)) * 60_000

/**
 * The hot query of contact finding: everyone checked in at the case's venues in the window. It
 * must stay an index range scan on `checkins_venue_time_idx` (venue_id, checked_in_at) — see
 * docs/query-plans.md and the EXPLAIN test beside this file.
 */
export function coVisitQuery(
  db: Database['db'],
  venueIds: readonly string[],
  from: Date,
  to: Date,
  excludePersonId: string,
) {
  return db
    .selectFrom('checkins as k')
    .innerJoin('venues as v', 'v.id', 'k.venue_id')
    .select(['k.person_id', 'k.venue_id', 'v.kind', 'k.checked_in_at', 'k.checked_out_at', 'k.seat'])
    .where('k.venue_id', 'in', [...venueIds])
    .where('k.checked_in_at', '>=', from)
    .where('k.checked_in_at', '<=', to)
    .where('k.person_id', 'is not', null)
    .where('k.person_id', '!=', excludePersonId)
    .where('k.decision', '=', 'allow')
    .where('k.direction', '=', 'in')
}

export interface InvestigationCandidate {
  personId: string
  name: string
  regionCode: string
  otherRegion: boolean
  degree: 'close' | 'secondary'
  lastExposureAt: string
  strongest: Record<string, unknown>
  reasons: Record<string, unknown>[]
}

/** A stored seat (jsonb, written from the validated `Seat` contract) as the tracing rules read it. */
export function seatOf(value: unknown): { seat?: Seat } {
  if (typeof value !== 'object' || value === null) return {}
  const v = value as Record<string, unknown>
  const seat: { carriage?: string; row?: number; bay?: number; compartment?: string } = {}
  if (typeof v['carriage'] === 'string') seat.carriage = v['carriage']
  if (typeof v['row'] === 'number') seat.row = v['row']
  if (typeof v['bay'] === 'number') seat.bay = v['bay']
  if (typeof v['compartment'] === 'string') seat.compartment = v['compartment']
  return Object.keys(seat).length > 0 ? { seat } : {}
}

/** A reason as JSON (times as ISO strings). */
const plain = (r: ContactReason): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : (v as unknown)]),
  )

/**
 * Opening an investigation (流调): the exposure window from the rule set (CC.WINDOW), the case's
 * timeline in it, and the candidate close contacts found from the data already held — co-visits
 * at the same venues (with the time buffer and the transport seat rules), the household, the
 * workplace and the school — each with the reasons that make it one. Persons of other regions
 * are listed as such (masked), to be routed as 协查 requests, never as this region's data.
 */
export class InvestigationService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
  ) {}

  async open(user: SessionUser, caseId: string, bufferMinutes: number) {
    const db = this.database.db
    const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
    if (!c) throw new DomainError('NOT_FOUND', `case ${caseId} does not exist`)
    assertInScope(user, c.region_code, `case ${caseId}`)
    const rs = (await resolveRuleSets(db, [c.region_code])).get(c.region_code)
    if (!rs) throw new Error('no rule set')
    const now = new Date()
    const w = exposureWindow(
      {
        kind: (c.status === 'excluded' ? 'suspected' : c.status) as CaseKind,
        ...(c.onset_at ? { onsetAt: c.onset_at } : {}),
        ...(c.first_positive_sample_at ? { firstPositiveSampleAt: c.first_positive_sample_at } : {}),
        ...(c.isolated_at ? { isolatedAt: c.isolated_at } : {}),
      },
      rs.params,
      now,
    )
    if ('error' in w) throw new DomainError('VALIDATION_FAILED', `exposure window: ${w.error}`)
    const person = await db
      .selectFrom('persons')
      .select(['id', 'household_id', 'workplace_id', 'school_id'])
      .where('id', '=', c.person_id)
      .executeTakeFirstOrThrow()

    // The case's stays in the window (person index), then everyone at those venues then (venue index).
    const visits = await db
      .selectFrom('checkins as k')
      .innerJoin('venues as v', 'v.id', 'k.venue_id')
      .select(['k.venue_id', 'v.kind', 'v.name', 'k.checked_in_at', 'k.checked_out_at', 'k.seat'])
      .where('k.person_id', '=', c.person_id)
      .where('k.decision', '=', 'allow')
      .where('k.direction', '=', 'in')
      .where('k.checked_in_at', '>=', new Date(w.start.getTime() - MAX_DWELL_MS))
      .where('k.checked_in_at', '<=', w.end)
      .orderBy('k.checked_in_at')
      .execute()
    const caseVisits: Visit[] = visits.map((v) => ({
      venueId: v.venue_id,
      venueKind: v.kind,
      checkedInAt: v.checked_in_at,
      checkedOutAt: v.checked_out_at,
      ...seatOf(v.seat),
    }))
    const venueIds = [...new Set(visits.map((v) => v.venue_id))]
    const buffer = bufferMinutes * 60_000
    const co =
      venueIds.length === 0
        ? []
        : await coVisitQuery(
            db,
            venueIds,
            new Date(w.start.getTime() - MAX_DWELL_MS - buffer),
            new Date(w.end.getTime() + buffer),
            c.person_id,
          ).execute()
    const coVisits: CoVisit[] = co.flatMap((v) =>
      v.person_id === null
        ? []
        : [
            {
              personId: v.person_id,
              venueId: v.venue_id,
              venueKind: v.kind,
              checkedInAt: v.checked_in_at,
              checkedOutAt: v.checked_out_at,
              ...seatOf(v.seat),
            },
          ],
    )
    const overlap = findOverlapContacts(caseVisits, coVisits, {
      casePersonId: c.person_id,
      bufferMinutes,
      params: rs.params,
      window: w,
    })

    const groups: {
      kind: 'household' | 'workplace' | 'school_class'
      groupId: string
      memberIds: string[]
    }[] = []
    for (const [kind, column, id] of [
      ['household', 'household_id', person.household_id],
      ['workplace', 'workplace_id', person.workplace_id],
      ['school_class', 'school_id', person.school_id],
    ] as const) {
      if (!id) continue
      const members = await db
        .selectFrom('persons')
        .select('id')
        .where(column, '=', id)
        .orderBy('id')
        .limit(500)
        .execute()
      groups.push({ kind, groupId: id, memberIds: members.map((m) => m.id) })
    }
    const merged = mergeCandidates([overlap, groupCandidates({ casePersonId: c.person_id, groups })], {
      exclude: [c.person_id],
    })

    const ids = merged.map((m) => m.personId)
    const persons =
      ids.length === 0
        ? []
        : await db
            .selectFrom('persons')
            .select(['id', 'name', 'region_code'])
            .where('id', 'in', ids)
            .execute()
    const byId = new Map(persons.map((p) => [p.id, p]))
    const candidates: InvestigationCandidate[] = merged.flatMap((m) => {
      const p = byId.get(m.personId)
      if (!p) return []
      const mine = isInRegion(p.region_code, user.regionCode)
      const last = m.reasons.reduce(
        (t, r) => ('to' in r ? Math.max(t, r.to.getTime()) : Math.max(t, w.end.getTime())),
        0,
      )
      return [
        {
          personId: p.id,
          name: mine ? p.name : maskName(p.name),
          regionCode: p.region_code,
          otherRegion: !mine,
          degree: m.degree,
          lastExposureAt: new Date(last).toISOString(),
          strongest: plain(m.strongest),
          reasons: m.reasons.map(plain),
        },
      ]
    })
    await this.audit.record(user, {
      action: 'investigation.open',
      targetType: 'person',
      targetId: c.person_id,
      details: {
        caseId,
        candidates: candidates.length,
        window: { start: w.start.toISOString(), end: w.end.toISOString() },
      },
    })
    return {
      caseId,
      window: { start: w.start.toISOString(), end: w.end.toISOString() },
      ruleSetVersion: `${rs.id}@${rs.version}`,
      timeline: visits.map((v) => ({
        venueId: v.venue_id,
        venueName: v.name,
        kind: v.kind,
        checkedInAt: v.checked_in_at.toISOString(),
        checkedOutAt: v.checked_out_at?.toISOString() ?? null,
      })),
      candidates,
    }
  }

  /**
   * Candidate secondary contacts (密接的密接, CC2.DEF) through the case's confirmed close contacts,
   * scoped like `open`: see `secondaryInvestigation`.
   */
  secondary(user: SessionUser, caseId: string, bufferMinutes: number) {
    return secondaryInvestigation(this.database.db, this.audit, user, caseId, bufferMinutes)
  }
}
