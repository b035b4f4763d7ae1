import type { RuleSetParams } from '../rules/rule-set.js'
import { groupCandidates, type GroupMembers } from './groups.js'
import { mergeCandidates } from './merge.js'
import { findOverlapContacts } from './overlap.js'
import { isValidDate } from './time.js'
import type { Candidate, CoVisit, Visit } from './types.js'

/** What is known about one close contact for tracing their own contacts. */
export interface CloseContactTrace {
  readonly personId: string
  /** The close contact's first contact with the case (inside the case's exposure window). */
  readonly firstExposureAt: Date
  /** When the close contact was isolated; `now` while they are not. */
  readonly isolatedAt?: Date
  /** The close contact's own visits, and other people's visits at those venues. */
  readonly visits: readonly Visit[]
  readonly coVisits: readonly CoVisit[]
  /** The close contact's household, workplace and class, with their members. */
  readonly groups?: readonly GroupMembers[]
}

export interface SecondaryOptions {
  /** The original case: never a secondary contact. */
  readonly casePersonId: string
  /** Further people already known as close contacts (the traced ones are excluded anyway). */
  readonly excludePersonIds?: readonly string[]
  readonly bufferMinutes: number
  /** Dwell minutes per venue kind; by default the rule set's (`dwellMinutesOf(params)`). */
  readonly dwellOverrides?: Readonly<Record<string, number>>
  readonly params: RuleSetParams
}

/**
 * Why a confirmed close contact was not traced for secondary contacts: they live in another region
 * (traced there, through the 协查 request), more close contacts than one request traces, no interval
 * (isolated before the first exposure), or a first exposure that is not a valid date.
 */
export const SECONDARY_SKIP_REASONS = ['other_region', 'too_many', 'no_interval', 'invalid_exposure'] as const
export type SecondarySkipReason = (typeof SECONDARY_SKIP_REASONS)[number]

export interface SecondaryResult {
  /** Secondary contacts; every reason carries `via` = the close contact's person id. */
  readonly candidates: Candidate[]
  /** Close contacts that could not be traced, and why. */
  readonly skipped: {
    readonly personId: string
    readonly reason: Extract<SecondarySkipReason, 'no_interval' | 'invalid_exposure'>
    readonly error: string
  }[]
}

/**
 * Secondary contacts, 密接的密接 (RULES.md CC2.DEF, defined in FK7): people who, between a close
 * contact's first contact with the case and the close contact's own isolation (or `now`), lived
 * with them, shared their workplace or class, or were with them at a venue — the same rules as for
 * close contacts (`findOverlapContacts`, `groupCandidates`) over that interval. Every reason carries
 * `via`. Co-presence counts only at venues of the `close` tier (`overlapTierOf`): CC2.DEF names the
 * same enclosed environment and shared meals or entertainment, so sharing an office building, a
 * school or a market with a close contact makes no secondary contact (the groups decide there). The original case, the close contacts traced and `excludePersonIds` are never returned.
 * Under a rule set that does not manage secondary contacts
 * (`secondaryContact.centralizedDays` = 0, FK6) the result is empty.
 */
export function findSecondaryContacts(
  closeContacts: readonly CloseContactTrace[],
  options: SecondaryOptions,
  now: Date,
): SecondaryResult {
  const skipped: SecondaryResult['skipped'][number][] = []
  if (options.params.secondaryContact.centralizedDays <= 0) return { candidates: [], skipped }
  const exclude = new Set<string>([
    options.casePersonId,
    ...closeContacts.map((c) => c.personId),
    ...(options.excludePersonIds ?? []),
  ])
  const sources: Candidate[][] = []
  for (const cc of closeContacts) {
    if (!isValidDate(cc.firstExposureAt)) {
      skipped.push({
        personId: cc.personId,
        reason: 'invalid_exposure',
        error: 'firstExposureAt is not a valid date',
      })
      continue
    }
    const end = cc.isolatedAt && cc.isolatedAt.getTime() < now.getTime() ? cc.isolatedAt : now
    if (!isValidDate(end) || end.getTime() < cc.firstExposureAt.getTime()) {
      skipped.push({
        personId: cc.personId,
        reason: 'no_interval',
        error: 'isolated (or now) before the first exposure: no interval to trace',
      })
      continue
    }
    const window = { start: cc.firstExposureAt, end }
    sources.push(
      findOverlapContacts(cc.visits, cc.coVisits, {
        casePersonId: cc.personId,
        bufferMinutes: options.bufferMinutes,
        params: options.params,
        window,
        via: cc.personId,
        ...(options.dwellOverrides ? { dwellOverrides: options.dwellOverrides } : {}),
      }),
      groupCandidates({ casePersonId: cc.personId, groups: cc.groups ?? [], via: cc.personId }),
    )
  }
  const candidates = mergeCandidates(sources, { exclude }).map(({ personId, reasons }) => ({
    personId,
    reasons,
  }))
  return { candidates, skipped }
}
