import {
  DomainError,
  dwellMinutesOf,
  exposureWindow,
  findSecondaryContacts,
  maskName,
  overlapTierOf,
  type CloseContactTrace,
  type CoVisit,
  type RuleSetParams,
  type TimeWindow,
  type Visit,
} from '@lianfang/core'
import type { SecondaryCandidate, SecondaryInvestigation } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/index.js'
import type { QuarantineService } from '../quarantine/index.js'
import { reasonJson } from './reason-json.js'
import { coVisits, reachStays } from './co-visits.repository.js'
import { groupMembers } from './group-members.repository.js'
import { underControl } from './candidate-control.js'
import { InvestigationRepository } from './investigation.repository.js'
import { CasesRepository } from './cases.repository.js'
import { missingCase } from './case-scope.js'
import { seatOf, visitOfStay } from './stay-visits.js'

const repo = new InvestigationRepository()
const cases = new CasesRepository()

/** Close contacts traced in one request; the others are listed as skipped. */
export const MAX_TRACED_CLOSE_CONTACTS = 200

/**
 * The close contact's first exposure to the case: the earliest `from` of the reasons recorded at
 * confirmation (venue co-presence), else the start of the case's exposure window (household and
 * group reasons have no time: they were together the whole window), never before that start.
 */
export function firstExposureOf(reasons: unknown, window: TimeWindow): Date {
  let first = Number.POSITIVE_INFINITY
  if (Array.isArray(reasons)) {
    for (const r of reasons as unknown[]) {
      if (typeof r !== 'object' || r === null || !('from' in r)) continue
      const from: unknown = r.from
      const t = typeof from === 'string' ? Date.parse(from) : Number.NaN
      if (Number.isFinite(t) && t < first) first = t
    }
  }
  const start = window.start.getTime()
  return new Date(Number.isFinite(first) ? Math.max(first, start) : start)
}

/** The close contact's stays, with seats and the venues' ventilation (CC.TRANSPORT.*). */
async function visitsOf(database: Database, personId: string, w: TimeWindow): Promise<Visit[]> {
  const query = repo.visitsIn(database.db, personId, w)
  return (await database.prepared(query)).map(visitOfStay)
}

/**
 * Other people's stays that met the close contact's at venues of the `close` tier (the general
 * tier makes no secondary contact: `findSecondaryContacts`), by the narrowed co-visit query, with
 * their seats: on a conveyance the seat rules decide, as for close contacts (CC.TRANSPORT.*).
 */
async function coVisitsOf(
  database: Database,
  personId: string,
  visits: readonly Visit[],
  w: TimeWindow,
  bufferMs: number,
  params: RuleSetParams,
): Promise<CoVisit[]> {
  const close = visits.filter((v) => overlapTierOf(params, v.venueKind) === 'close')
  const kindOf = new Map(close.map((v) => [v.venueId, v.venueKind]))
  const rows = await coVisits(database, {
    stays: reachStays(close, w, bufferMs, dwellMinutesOf(params)),
    personId,
  })
  return rows.map((v) => ({
    personId: v.person_id,
    venueId: v.venue_id,
    venueKind: kindOf.get(v.venue_id) ?? 'other',
    checkedInAt: v.checked_in_at,
    checkedOutAt: v.checked_out_at,
    ...seatOf(v.seat),
  }))
}

/**
 * Candidate secondary contacts of a case (密接的密接, RULES.md CC2.DEF): for each of the case's
 * confirmed close contacts the investigator's region may see, the people who shared their
 * household, work unit or class, or were with them at a venue, between their first exposure to
 * the case and their own quarantine (or now) — `findSecondaryContacts` in core. Close contacts of
 * other regions are not traced here (their movements are that region's data; the 协查 request
 * carries the work there). Candidates of other regions are marked and masked, as for close
 * contacts, and are routed as 协查 when confirmed. People already contacts of the case are left out.
 * Under a rule set without secondary-contact management (FK6) the list is empty, with a note.
 */
export async function secondaryInvestigation(
  database: Database,
  audit: AuditService,
  user: SessionUser,
  scope: Scope,
  caseId: string,
  bufferMinutes: number,
  quarantine: Pick<QuarantineService, 'isolationStarts'>,
): Promise<SecondaryInvestigation> {
  const db = database.db
  const c = (await cases.find(db, scope, caseId)) ?? (await missingCase(db, scope, caseId))
  const rs = (await resolveRuleSets(db, [c.region_code])).get(c.region_code)
  if (!rs) throw new Error('no rule set')
  const ruleSetVersion = `${rs.id}@${rs.version}`
  const observationDays = rs.params.secondaryContact.centralizedDays
  if (rs.params.secondaryContact.centralizedDays <= 0 || observationDays <= 0) {
    return {
      caseId,
      ruleSetVersion,
      managed: false,
      observationDays: 0,
      note: `the rule set in force (${ruleSetVersion}, ${rs.edition}) does not manage secondary contacts (密接的密接, defined from FK7)`,
      traced: [],
      skipped: [],
      candidates: [],
      venues: [],
    }
  }
  const now = new Date()
  const w = exposureWindow(
    {
      kind: c.status === 'excluded' ? 'suspected' : c.status,
      ...(c.onset_at ? { onsetAt: c.onset_at } : {}),
      ...(c.first_positive_sample_at ? { firstPositiveSampleAt: c.first_positive_sample_at } : {}),
      ...(c.isolated_at ? { isolatedAt: c.isolated_at } : {}),
    },
    rs.params,
    now,
  )
  if ('error' in w) throw new DomainError('VALIDATION_FAILED', `exposure window: ${w.error}`)

  const rows = await repo.contactsWithGroups(db, caseId)
  // A close contact is isolated from the start of their (live) quarantine order.
  const starts = await quarantine.isolationStarts(
    db,
    rows.flatMap((k) => (k.quarantine_order_id === null ? [] : [k.quarantine_order_id])),
  )
  const contacts = rows.map((k) => ({
    ...k,
    isolated_at: k.quarantine_order_id === null ? null : (starts.get(k.quarantine_order_id) ?? null),
  }))

  const skipped: SecondaryInvestigation['skipped'] = []
  const traces: CloseContactTrace[] = []
  const traced: SecondaryInvestigation['traced'] = []
  const intervalEnd = new Map<string, Date>()
  const bufferMs = bufferMinutes * 60_000
  for (const k of contacts) {
    if (k.degree !== 'close' || k.status !== 'confirmed') continue
    const mine = scope.covers(k.region_code)
    if (!mine) {
      skipped.push({
        contactId: k.id,
        personId: null,
        regionCode: k.region_code,
        reason: 'other_region',
        params: {},
      })
      continue
    }
    if (traces.length >= MAX_TRACED_CLOSE_CONTACTS) {
      skipped.push({
        contactId: k.id,
        personId: k.person_id,
        regionCode: k.region_code,
        reason: 'too_many',
        params: { limit: MAX_TRACED_CLOSE_CONTACTS },
      })
      continue
    }
    const from = firstExposureOf(k.reasons, w)
    const to = k.isolated_at && k.isolated_at.getTime() < now.getTime() ? k.isolated_at : now
    if (to.getTime() < from.getTime()) {
      skipped.push({
        contactId: k.id,
        personId: k.person_id,
        regionCode: k.region_code,
        reason: 'no_interval',
        params: {},
      })
      continue
    }
    const interval = { start: from, end: to }
    const visits = await visitsOf(database, k.person_id, interval)
    traces.push({
      personId: k.person_id,
      firstExposureAt: from,
      ...(k.isolated_at ? { isolatedAt: k.isolated_at } : {}),
      visits,
      coVisits: await coVisitsOf(database, k.person_id, visits, interval, bufferMs, rs.params),
      groups: (await groupMembers(database, k)).groups,
    })
    traced.push({ personId: k.person_id, name: k.name, from: from.toISOString(), to: to.toISOString() })
    intervalEnd.set(k.person_id, to)
  }

  const found = findSecondaryContacts(
    traces,
    {
      casePersonId: c.person_id,
      // Close contacts of other regions, and people already confirmed as secondary contacts.
      excludePersonIds: contacts.map((k) => k.person_id),
      bufferMinutes,
      dwellOverrides: dwellMinutesOf(rs.params),
      params: rs.params,
    },
    now,
  )
  const ids = found.candidates.map((x) => x.personId)
  const persons = await repo.personNames(db, ids)
  const byId = new Map(persons.map((p) => [p.id, p]))
  const control = await underControl(
    db,
    repo,
    caseId,
    persons.filter((p) => scope.covers(p.region_code)).map((p) => p.id),
  )
  const candidates: SecondaryCandidate[] = found.candidates.flatMap((m) => {
    const p = byId.get(m.personId)
    const strongest = m.reasons[0]
    if (!p || !strongest?.via) return []
    const mine = scope.covers(p.region_code)
    const last = m.reasons.reduce(
      (t, r) => Math.max(t, 'to' in r ? r.to.getTime() : (intervalEnd.get(r.via ?? '') ?? now).getTime()),
      0,
    )
    return [
      {
        personId: p.id,
        name: mine ? p.name : maskName(p.name),
        regionCode: p.region_code,
        otherRegion: !mine,
        degree: 'secondary' as const,
        viaPersonId: strongest.via,
        control: control.get(p.id) ?? null,
        lastExposureAt: new Date(last).toISOString(),
        strongest: reasonJson(strongest),
        reasons: m.reasons.map(reasonJson),
      },
    ]
  })
  const venueIds = [
    ...new Set(
      found.candidates.flatMap((m) => m.reasons.flatMap((r) => ('venueId' in r ? [r.venueId] : []))),
    ),
  ]
  const venues = await repo.venueNames(db, venueIds)
  await audit.record(user, {
    action: 'investigation.secondary',
    targetType: 'person',
    targetId: c.person_id,
    details: { caseId, traced: traced.length, candidates: candidates.length },
  })
  return {
    caseId,
    ruleSetVersion,
    managed: true,
    observationDays,
    note: null,
    traced,
    skipped: [
      ...skipped,
      ...found.skipped.flatMap((s) => {
        const k = contacts.find((x) => x.person_id === s.personId)
        return k
          ? [
              {
                contactId: k.id,
                personId: k.person_id,
                regionCode: k.region_code,
                reason: s.reason,
                params: {},
              },
            ]
          : []
      }),
    ],
    candidates,
    venues: venues.map((v) => ({ venueId: v.id, name: v.name })),
  }
}
