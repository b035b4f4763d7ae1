import type { Candidate, ContactRule, ContactReason, Seat } from './types.js'

/**
 * Strength of each rule, lower is stronger: living together (CC.SETTINGS 1) first, then the seat
 * rules of CC.TRANSPORT.* that place someone next to the case, then the small closed groups of
 * CC.SETTINGS 4), then whole carriages / vehicles, then plain co-presence at a venue, and last
 * co-presence that by itself makes only a general contact (GC.DEF).
 */
export const RULE_STRENGTH: Readonly<Record<ContactRule, number>> = {
  household: 0,
  plane_rows: 1,
  train_bay: 1,
  bus_rows: 1,
  ship_cabin: 1,
  school_class: 2,
  workplace: 2,
  train_carriage: 3,
  bus_vehicle: 3,
  venue_overlap: 4,
  venue_copresence_general: 5,
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const placeOf = (r: ContactReason): string => ('venueId' in r ? r.venueId : r.groupId)
const fromOf = (r: ContactReason): number => ('from' in r ? r.from.getTime() : 0)
const toOf = (r: ContactReason): number => ('to' in r ? r.to.getTime() : 0)
const minutesOf = (r: ContactReason): number => ('minutes' in r ? r.minutes : 0)

/**
 * Total order of reasons, strongest first: direct exposure before exposure through a close contact
 * (CC2.DEF), then `RULE_STRENGTH`, then longer exposure, then earlier, then by place and `via`.
 */
export function compareReasons(a: ContactReason, b: ContactReason): number {
  return (
    Number(a.via !== undefined) - Number(b.via !== undefined) ||
    RULE_STRENGTH[a.rule] - RULE_STRENGTH[b.rule] ||
    cmpStr(a.rule, b.rule) ||
    minutesOf(b) - minutesOf(a) ||
    fromOf(a) - fromOf(b) ||
    toOf(a) - toOf(b) ||
    cmpStr(placeOf(a), placeOf(b)) ||
    cmpStr(a.via ?? '', b.via ?? '') ||
    cmpStr(reasonKey(a), reasonKey(b))
  )
}

const seatKey = (s: Seat | undefined): string =>
  s ? `${s.carriage ?? ''}/${String(s.row ?? '')}/${String(s.bay ?? '')}/${s.compartment ?? ''}` : '-'

/** A string identifying a reason, for de-duplication: equal keys mean the same finding. */
export function reasonKey(r: ContactReason): string {
  if ('venueId' in r) {
    return [
      r.rule,
      r.venueId,
      r.from.getTime(),
      r.to.getTime(),
      r.via ?? '',
      seatKey(r.caseSeat),
      seatKey(r.contactSeat),
    ].join('|')
  }
  return [r.rule, r.groupId, r.via ?? ''].join('|')
}

/** A candidate after merging every source, with its strongest reason marked. */
export interface MergedCandidate extends Candidate {
  /** The first of `reasons` (they are sorted strongest first, `compareReasons`). */
  readonly strongest: ContactReason
  /** `'close'` when any reason is a direct exposure, `'secondary'` when all come `via` a contact. */
  readonly degree: 'close' | 'secondary'
}

/**
 * Distinct reasons, strongest first. Two venue reasons with the same key (same rule, venue,
 * exposure period, seats and `via`) differ at most in `minutes`: the longer one is kept, so the
 * answer does not depend on the order the sources came in. Most candidates have one reason: that
 * needs neither a key nor a sort (an investigation normalizes thousands of reason lists, twice).
 */
export function normalizeReasons(reasons: Iterable<ContactReason>): ContactReason[] {
  const list = [...reasons]
  if (list.length <= 1) return list
  const byKey = new Map<string, ContactReason>()
  for (const r of list) {
    const key = reasonKey(r)
    const kept = byKey.get(key)
    if (!kept || ('minutes' in r && 'minutes' in kept && r.minutes > kept.minutes)) byKey.set(key, r)
  }
  return [...byKey.values()].sort(compareReasons)
}

/**
 * Merges candidates from all sources (venues, groups, secondary tracing) into one entry per
 * person: the union of their reasons without duplicates, sorted strongest first, the strongest one
 * marked, and the degree (close contact, CC.SETTINGS; or secondary contact, CC2.DEF). People in
 * `exclude` (the case itself) are dropped. Ordered by person id.
 */
export function mergeCandidates(
  sources: readonly (readonly Candidate[])[],
  options: { readonly exclude?: Iterable<string> } = {},
): MergedCandidate[] {
  const excluded = new Set(options.exclude ?? [])
  const byPerson = new Map<string, ContactReason[]>()
  for (const source of sources) {
    for (const c of source) {
      if (excluded.has(c.personId)) continue
      const list = byPerson.get(c.personId)
      if (list) list.push(...c.reasons)
      else byPerson.set(c.personId, [...c.reasons])
    }
  }
  const out: MergedCandidate[] = []
  for (const [personId, all] of byPerson) {
    const reasons = normalizeReasons(all)
    const strongest = reasons[0]
    if (!strongest) continue
    const degree = reasons.some((r) => r.via === undefined) ? 'close' : 'secondary'
    out.push({ personId, reasons, strongest, degree })
  }
  return out.sort((a, b) => cmpStr(a.personId, b.personId))
}
