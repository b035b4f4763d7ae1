import {
  DEFAULT_EDITION,
  compareReasons,
  DomainError,
  dwellMinutesOf,
  exposureWindow,
  findOverlapContacts,
  groupCandidates,
  maskName,
  MAX_STAY_MS,
  mergeCandidates,
  overlapTierOf,
  RULE_SET_PRESETS,
  type CaseKind,
  type CoVisit,
  type ContactReason,
  type MergedCandidate,
  type RuleSet,
  type TimeWindow,
  type Visit,
} from '@lianfang/core'
import type {
  GeneralContact,
  GeneralContactsPage,
  GeneralContactsQuery,
  GeneralContactsSummary,
  Investigation,
  InvestigationCandidate,
  InvestigationGroup,
  SecondaryInvestigation,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/index.js'
import { reasonJson } from './reason-json.js'
import {
  coVisits,
  generalContactCounts,
  generalContactPage,
  reachStays,
  type ReachStay,
} from './co-visits.repository.js'
import { groupMembers, type GroupIds, type MemberName } from './group-members.repository.js'
import { secondaryInvestigation } from './secondary-investigation.js'
import type { QuarantineService } from '../quarantine/index.js'
import { InvestigationRepository } from './investigation.repository.js'
import { missingCase } from './case-scope.js'
import { seatOf, tracedAsGeneral, visitOfStay, type StayRow } from './stay-visits.js'
import { underControl } from './candidate-control.js'

/** The end of the latest exposure among the reasons (group reasons last the whole window). */
const lastExposure = (reasons: readonly ContactReason[], w: TimeWindow): string =>
  new Date(
    reasons.reduce((t, r) => ('to' in r ? Math.max(t, r.to.getTime()) : Math.max(t, w.end.getTime())), 0),
  ).toISOString()

interface Stay extends StayRow {
  name: string
}

/** The case with its person's groups, as `trace` reads it. */
interface CaseRow extends GroupIds {
  person_id: string
  region_code: string
  status: string
  onset_at: Date | null
  first_positive_sample_at: Date | null
  isolated_at: Date | null
}

type OnAccess = (a: { casePersonId: string; window: TimeWindow; ruleSetVersion: string }) => Promise<void>

/** What `open` and the general-contact reads share: the case, its window and stays, and the candidates. */
interface Traced {
  caseId: string
  casePersonId: string
  rs: RuleSet
  ruleSetVersion: string
  /** `onAccess` (the audit record), settled. */
  accessed: Promise<void>
  window: TimeWindow
  stays: Stay[]
  /** The case's stays at venues where co-presence makes general contacts (the `general` tier). */
  generalVisits: Visit[]
  generalStays: ReachStay[]
  candidates: MergedCandidate[]
  /** Names and regions read with the group members and the co-visits. */
  names: Map<string, MemberName>
  /** The case's work unit and class, named and sized (CC.SETTINGS 4). */
  units: InvestigationGroup[]
}

/**
 * Opening an investigation (流调): the exposure window from the rule set (CC.WINDOW), the case's
 * timeline in it, and the candidate close contacts found from the data already held — co-visits
 * at the venues whose kind makes co-presence a close contact (rule-set `closeContact.overlapTier`:
 * restaurants, gyms, cinemas, conveyances with their seat rules; CC.SETTINGS 5, CC.TRANSPORT.*),
 * the household, the work unit and the school class (CC.SETTINGS 1, 4) — each with the reasons that
 * make it one; and, apart, the general contacts (GC.DEF: the rest of an office building, a school, a
 * market the case was in), counted per venue and listed page by page. Persons of other regions are
 * listed as such (masked), to be routed as 协查 requests, never as this region's data.
 */
export class InvestigationService {
  private readonly repo = new InvestigationRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    /** When close contacts were isolated (their quarantine orders), for secondary tracing. */
    private readonly quarantine: Pick<QuarantineService, 'isolationStarts'>,
  ) {}

  /**
   * `onAccess` runs once the case is in scope and the window known — the audit record of `open`,
   * written while the data is read (its commit waits for the WAL flush); `Traced.accessed` settles
   * with it. Reads that need only the case (its groups) start at once, beside the others.
   */
  private async trace(
    scope: Scope,
    caseId: string,
    bufferMinutes: number,
    onAccess?: OnAccess,
  ): Promise<Traced> {
    const db = this.database.db
    const [c]: (CaseRow | undefined)[] = await this.database.prepared(this.repo.traceCase(db, scope, caseId))
    if (!c) return missingCase(db, scope, caseId)
    const pending: Promise<unknown>[] = []
    // Started now, awaited below; a handler is attached at once so that a failure is never an
    // unhandled rejection while other reads are awaited (it still rejects where it is awaited).
    const early = <T>(p: Promise<T>): Promise<T> => {
      pending.push(p.catch(() => undefined))
      return p
    }
    try {
      return await this.traceScoped(db, c, caseId, bufferMinutes, early, onAccess)
    } catch (e) {
      await Promise.all(pending)
      throw e
    }
  }

  private async traceScoped(
    db: Database['db'],
    c: CaseRow,
    caseId: string,
    bufferMinutes: number,
    early: <T>(p: Promise<T>) => Promise<T>,
    onAccess: OnAccess | undefined,
  ): Promise<Traced> {
    const groupsRead = early(groupMembers(this.database, c))
    const rsRead = early(resolveRuleSets(db, [c.region_code]))
    const windowCase = {
      kind: (c.status === 'excluded' ? 'suspected' : c.status) as CaseKind,
      ...(c.onset_at ? { onsetAt: c.onset_at } : {}),
      ...(c.first_positive_sample_at ? { firstPositiveSampleAt: c.first_positive_sample_at } : {}),
      ...(c.isolated_at ? { isolatedAt: c.isolated_at } : {}),
    }
    const now = new Date()
    // The case's stays are read beside the rule set, over the window of the default edition; when
    // the region's rule set reaches further back, they are read again over its window.
    const guess = exposureWindow(windowCase, RULE_SET_PRESETS[DEFAULT_EDITION].params, now)
    const guessed = 'error' in guess ? undefined : early(this.staysIn(c.person_id, guess))
    const rs = (await rsRead).get(c.region_code)
    if (!rs) throw new Error('no rule set')
    const w = exposureWindow(windowCase, rs.params, now)
    if ('error' in w) throw new DomainError('VALIDATION_FAILED', `exposure window: ${w.error}`)
    const ruleSetVersion = `${rs.id}@${rs.version}`
    const accessed = early(
      onAccess?.({ casePersonId: c.person_id, window: w, ruleSetVersion }) ?? Promise.resolve(),
    )

    // The case's stays in the window (person index), then who was with the case (venue index).
    const from = w.start.getTime() - MAX_STAY_MS
    const stays =
      guessed && !('error' in guess) && guess.start.getTime() <= w.start.getTime()
        ? (await guessed).filter((v) => v.checked_in_at.getTime() >= from)
        : await this.staysIn(c.person_id, w)
    // With the seats and the venue's ventilation: the seat rules of CC.TRANSPORT.* apply.
    const caseVisits: Visit[] = stays.map(visitOfStay)
    const closeVisits = caseVisits.filter((v) => overlapTierOf(rs.params, v.venueKind) === 'close')
    // General contacts (GC.DEF): general-tier venues, and conveyances outside the seat zone.
    const generalVisits = caseVisits.filter((v) => tracedAsGeneral(rs.params, v.venueKind))
    const bufferMs = bufferMinutes * 60_000
    // Stays without a check-out last the rule set's dwell, in the query as in core.
    const dwell = dwellMinutesOf(rs.params)
    const rows = await coVisits(this.database, {
      stays: reachStays(closeVisits, w, bufferMs, dwell),
      personId: c.person_id,
    })
    const { groups, names, units } = await groupsRead
    // The kind of a co-visitor's venue is that of the case's stay there (same venue).
    const kindOf = new Map(stays.map((v) => [v.venue_id, v.kind]))
    for (const r of rows) names.set(r.person_id, { name: r.name, region_code: r.region_code })
    const others: CoVisit[] = rows.map((v) => ({
      personId: v.person_id,
      venueId: v.venue_id,
      venueKind: kindOf.get(v.venue_id) ?? 'other',
      checkedInAt: v.checked_in_at,
      checkedOutAt: v.checked_out_at,
      ...seatOf(v.seat),
    }))
    const overlap = findOverlapContacts(caseVisits, others, {
      casePersonId: c.person_id,
      bufferMinutes,
      params: rs.params,
      window: w,
      dwellOverrides: dwell,
    })
    const candidates = mergeCandidates([overlap, groupCandidates({ casePersonId: c.person_id, groups })], {
      exclude: [c.person_id],
    })
    return {
      caseId,
      casePersonId: c.person_id,
      rs,
      ruleSetVersion,
      accessed,
      window: w,
      stays,
      generalVisits,
      generalStays: reachStays(generalVisits, w, bufferMs, dwell),
      candidates,
      names,
      units,
    }
  }

  /**
   * A person's stays that can meet the window (`MAX_STAY_MS` before it, to its end), with the
   * venue, prepared (`Database.prepared`): planning it cost more than running it.
   */
  private staysIn(personId: string, w: TimeWindow): Promise<Stay[]> {
    return this.database.prepared(this.repo.staysIn(this.database.db, personId, w))
  }

  async open(user: SessionUser, scope: Scope, caseId: string, bufferMinutes: number): Promise<Investigation> {
    // What is disclosed follows from the case, the window, the buffer and the rule-set version:
    // the audit record says so, and is written while the data is read.
    const t = await this.trace(scope, caseId, bufferMinutes, (a) =>
      this.audit.record(user, {
        action: 'investigation.open',
        targetType: 'person',
        targetId: a.casePersonId,
        details: {
          caseId,
          bufferMinutes,
          ruleSetVersion: a.ruleSetVersion,
          window: { start: a.window.start.toISOString(), end: a.window.end.toISOString() },
        },
      }),
    )
    const w = t.window
    const mineIds = t.candidates.flatMap((m) => {
      const p = t.names.get(m.personId)
      return p && scope.covers(p.region_code) ? [m.personId] : []
    })
    const [control] = await Promise.all([
      underControl(this.database.db, this.repo, caseId, mineIds),
      t.accessed,
    ])
    // Strongest rule first (household, then seats and shared rooms, then the unit, then venue
    // overlap by duration: core `compareReasons`), then the latest exposure, then by id.
    const ordered = [...t.candidates].sort(
      (a, b) =>
        compareReasons(a.strongest, b.strongest) ||
        lastExposure(b.reasons, w).localeCompare(lastExposure(a.reasons, w)) ||
        Number(a.personId) - Number(b.personId),
    )
    // Every candidate comes from a co-visit or a group row, both read with the name and region.
    const candidates: InvestigationCandidate[] = ordered.flatMap((m) => {
      const p = t.names.get(m.personId)
      if (!p) return []
      const mine = scope.covers(p.region_code)
      const reasons = m.reasons.map(reasonJson)
      return [
        {
          control: control.get(m.personId) ?? null,
          personId: m.personId,
          name: mine ? p.name : maskName(p.name),
          regionCode: p.region_code,
          otherRegion: !mine,
          degree: m.degree,
          lastExposureAt: lastExposure(m.reasons, w),
          // The strongest is the first reason (mergeCandidates).
          strongest: reasons[0] ?? reasonJson(m.strongest),
          reasons,
        },
      ]
    })
    return {
      caseId,
      window: { start: w.start.toISOString(), end: w.end.toISOString() },
      ruleSetVersion: t.ruleSetVersion,
      timeline: t.stays.map((v) => ({
        venueId: v.venue_id,
        venueName: v.name,
        kind: v.kind,
        checkedInAt: v.checked_in_at.toISOString(),
        checkedOutAt: v.checked_out_at?.toISOString() ?? null,
      })),
      candidates,
      groups: t.units,
    }
  }

  /**
   * The case's general contacts (GC.DEF) counted, in all and per general-tier venue of its stays
   * (every such venue, most general contacts first), less the candidates of `open`. Apart from
   * `open` so that the close-contact list never waits for counting a school's or an office
   * building's thousands; scoped and audited like the list.
   */
  async generalContactsSummary(
    user: SessionUser,
    scope: Scope,
    caseId: string,
    bufferMinutes: number,
  ): Promise<GeneralContactsSummary> {
    const t = await this.trace(scope, caseId, bufferMinutes)
    const general = await generalContactCounts(this.database.db, {
      stays: t.generalStays,
      personId: t.casePersonId,
      excludePersonIds: t.candidates.map((m) => m.personId),
    })
    const venues = new Map(
      t.stays
        .filter((v) => tracedAsGeneral(t.rs.params, v.kind))
        .map((v) => [
          v.venue_id,
          {
            venueId: v.venue_id,
            venueName: v.name,
            kind: v.kind,
            count: general.byVenue.get(v.venue_id) ?? 0,
          },
        ]),
    )
    const byVenue = [...venues.values()].sort(
      (a, b) => b.count - a.count || Number(a.venueId) - Number(b.venueId),
    )
    await this.audit.record(user, {
      action: 'investigation.general_contacts_summary',
      targetType: 'person',
      targetId: t.casePersonId,
      details: { caseId, bufferMinutes, ruleSetVersion: t.ruleSetVersion, total: general.total },
    })
    return { caseId, total: general.total, byVenue }
  }

  /**
   * One page of the case's general contacts (GC.DEF), at one venue or all, ordered by person id,
   * each with its `venue_copresence_general` reasons (core `findOverlapContacts`, general tier) so
   * that the investigator can confirm one as a close contact all the same (CC.SETTINGS 9). Scoped
   * and audited like the candidate list: other regions' people masked and marked for 协查.
   */
  async generalContacts(
    user: SessionUser,
    scope: Scope,
    caseId: string,
    q: GeneralContactsQuery,
  ): Promise<GeneralContactsPage> {
    const bufferMinutes = q.bufferMinutes ?? 30
    const offset = q.offset ?? 0
    const limit = q.limit ?? 50
    const t = await this.trace(scope, caseId, bufferMinutes)
    const venueId = q.venueId ?? null
    if (venueId !== null && !t.generalVisits.some((v) => v.venueId === venueId))
      throw new DomainError(
        'VALIDATION_FAILED',
        `venueId: venue ${venueId} is not one of the case's stays where co-presence makes general contacts`,
        { field: 'venueId', venueId },
      )
    const atVenue = <T extends { venueId: string }>(xs: readonly T[]) =>
      venueId === null ? xs : xs.filter((x) => x.venueId === venueId)
    const page = await generalContactPage(
      this.database.db,
      {
        stays: atVenue(t.generalStays),
        personId: t.casePersonId,
        excludePersonIds: t.candidates.map((m) => m.personId),
      },
      { offset, limit },
    )
    const persons = new Map<string, { name: string; region: string; visits: CoVisit[] }>()
    for (const r of page.rows) {
      if (r.person_id === null || r.venue_id === null || r.checked_in_at === null) continue
      const entry = persons.get(r.person_id) ?? {
        name: r.name ?? '',
        region: r.region_code ?? '',
        visits: [],
      }
      entry.visits.push({
        personId: r.person_id,
        venueId: r.venue_id,
        venueKind: t.generalVisits.find((v) => v.venueId === r.venue_id)?.venueKind ?? 'other',
        checkedInAt: r.checked_in_at,
        checkedOutAt: r.checked_out_at,
        ...seatOf(r.seat),
      })
      persons.set(r.person_id, entry)
    }
    const found = findOverlapContacts(
      atVenue(t.generalVisits),
      [...persons.values()].flatMap((p) => p.visits),
      {
        casePersonId: t.casePersonId,
        bufferMinutes,
        params: t.rs.params,
        window: t.window,
        dwellOverrides: dwellMinutesOf(t.rs.params),
        tier: 'general',
      },
    )
    const reasonsOf = new Map(found.map((c) => [c.personId, c.reasons]))
    // In page order (person id); the SQL test is the core test, so every person has reasons.
    const items: GeneralContact[] = [...persons.entries()].flatMap(([personId, p]) => {
      const reasons = reasonsOf.get(personId)
      const strongest = reasons?.[0]
      if (!reasons || !strongest) return []
      const mine = scope.covers(p.region)
      return [
        {
          personId,
          name: mine ? p.name : maskName(p.name),
          regionCode: p.region,
          otherRegion: !mine,
          lastExposureAt: lastExposure(reasons, t.window),
          strongest: reasonJson(strongest),
          reasons: reasons.map(reasonJson),
        },
      ]
    })
    await this.audit.record(user, {
      action: 'investigation.general_contacts',
      targetType: 'person',
      targetId: t.casePersonId,
      details: { caseId, venueId, offset, limit, total: page.total, listed: items.length },
    })
    return { caseId, venueId, total: page.total, offset, limit, items }
  }

  /**
   * Candidate secondary contacts (密接的密接, CC2.DEF) through the case's confirmed close contacts,
   * scoped like `open`: see `secondaryInvestigation`.
   */
  secondary(
    user: SessionUser,
    scope: Scope,
    caseId: string,
    bufferMinutes: number,
  ): Promise<SecondaryInvestigation> {
    return secondaryInvestigation(
      this.database,
      this.audit,
      user,
      scope,
      caseId,
      bufferMinutes,
      this.quarantine,
    )
  }
}
