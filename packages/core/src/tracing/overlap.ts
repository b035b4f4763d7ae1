import { assumedCheckout, isValidDwellMinutes } from '../entry/dwell.js'
import type { OverlapTier, RuleSetParams } from '../rules/rule-set.js'
import { normalizeReasons } from './merge.js'
import { seatRule, transportMode } from './transport.js'
import { MINUTE_MS } from './time.js'
import type { Candidate, CoVisit, ContactReason, TimeWindow, VenueReason, VenueRule, Visit } from './types.js'

export interface OverlapOptions {
  /** The case (or, for CC2.DEF, the close contact) whose visits are traced: never a candidate. */
  readonly casePersonId: string
  /** Stays at most this many minutes apart still count (contaminated environment, clock drift). */
  readonly bufferMinutes: number
  /**
   * Dwell minutes per venue kind for stays without a check-out; by default the rule set's
   * (`dwellMinutesOf(params)`). Whoever pre-filters the co-visits must use the same table.
   */
  readonly dwellOverrides?: Readonly<Record<string, number>>
  readonly params: RuleSetParams
  /** The exposure window (CC.WINDOW), or [first exposure, isolation] of a close contact (CC2.DEF). */
  readonly window: TimeWindow
  /** Stamped on every reason: the close contact through whom the exposure happened (CC2.DEF). */
  readonly via?: string
  /**
   * Which of the case's stays to trace, by the tier of their venue kind (`overlapTierOf`):
   * `close` (the default) gives candidate close contacts, with the seat rules on conveyances;
   * `general` gives the general contacts (GC.DEF), every reason `venue_copresence_general`.
   */
  readonly tier?: OverlapTier
}

/**
 * What co-presence at a venue of `kind` makes under the rule set: `params.closeContact.overlapTier`,
 * and `close` for a kind it does not name (the safe side: a candidate the investigator can dismiss).
 */
export function overlapTierOf(params: RuleSetParams, kind: string): OverlapTier {
  const tiers = params.closeContact.overlapTier as Readonly<Record<string, OverlapTier>> | undefined
  return tiers !== undefined && Object.hasOwn(tiers, kind) && tiers[kind] === 'general' ? 'general' : 'close'
}

/**
 * The dwell minutes per venue kind the rule set assumes for stays without a check-out
 * (`params.closeContact.dwellMinutes`), as overrides for `assumedCheckout`: only valid entries
 * (`isValidDwellMinutes`), so a kind missing or out of bounds — or a rule set stored before the
 * parameter — takes `DEFAULT_DWELL_MINUTES`.
 */
export function dwellMinutesOf(params: RuleSetParams): Readonly<Record<string, number>> {
  const table: unknown = params.closeContact.dwellMinutes
  if (typeof table !== 'object' || table === null) return {}
  return Object.fromEntries(
    Object.entries(table).filter((e): e is [string, number] => isValidDwellMinutes(e[1])),
  )
}

/**
 * Stay lengths from `assumedCheckout`: the recorded check-out, else the dwell of the kind, looked
 * up once per kind (a hot path over thousands of co-visits). Writes [start, end] in ms, or
 * returns false for an unusable check-in. A check-out before the check-in (a data error) makes
 * the stay an instant.
 */
function makeStayOf(overrides: Readonly<Record<string, number>>) {
  const dwell = new Map<string, number>()
  const epoch = new Date(0)
  return (v: Visit, out: Float64Array, at: number): boolean => {
    const start = v.checkedInAt instanceof Date ? v.checkedInAt.getTime() : Number.NaN
    if (Number.isNaN(start)) return false
    let end: number
    if (v.checkedOutAt) {
      end = v.checkedOutAt.getTime()
      if (Number.isNaN(end)) return false
    } else {
      let ms = dwell.get(v.venueKind)
      if (ms === undefined) {
        ms = assumedCheckout(epoch, null, v.venueKind, overrides).getTime()
        dwell.set(v.venueKind, ms)
      }
      end = start + ms
    }
    out[at] = start
    out[at + 1] = Math.max(start, end)
    return true
  }
}

/** Index of the first entry of `order` whose start is `>= t` (order sorted by start). */
function lowerBound(order: readonly number[], starts: Float64Array, t: number): number {
  let lo = 0
  let hi = order.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((starts[2 * (order[mid] ?? 0)] ?? Infinity) < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Candidate close contacts from co-presence at the venues the case visited (RULES.md
 * CC.SETTINGS, CC.TRANSPORT.PLANE / TRAIN / BUS / SHIP) — or, with `tier: 'general'`, the general
 * contacts (GC.DEF). Only the case's stays at venues of that tier are traced (`overlapTierOf`):
 * co-presence in an office building or a school is a general contact, not a candidate.
 *
 * A stay without a check-out ends at `assumedCheckout` (the rule set's dwell per venue kind,
 * `dwellMinutesOf`, unless `dwellOverrides` is given). The case's stay is
 * clipped to the window and widened by `bufferMinutes` on both sides; another stay at the same
 * venue counts when it meets that interval inside the window (closed intervals: touching counts).
 * On conveyances (`flight`, `train`, `bus`, `ship`) the seat rules then decide (`seatRule`); when
 * the seats needed are unknown, plain venue overlap applies. The case's own person id never comes
 * back. Reasons are de-duplicated and sorted strongest first; candidates are ordered by person id.
 *
 * Cost: O((n + m) log n) for n co-visits and m case visits — stays are sorted by check-in per
 * venue and each case stay scans only the stays that can reach it (check-in within the longest
 * stay of that venue before it).
 */
export function findOverlapContacts(
  caseVisits: readonly Visit[],
  coVisits: readonly CoVisit[],
  options: OverlapOptions,
): Candidate[] {
  const overrides = options.dwellOverrides ?? dwellMinutesOf(options.params)
  const buffer = Math.max(0, options.bufferMinutes) * MINUTE_MS
  const ws = options.window.start.getTime()
  const we = options.window.end.getTime()
  if (!(ws <= we)) return []

  const tier = options.tier ?? 'close'
  // General contacts (GC.DEF) include fellow travellers outside a conveyance's seat zone: the
  // general pass reads conveyance visits too and keeps those the seat rule rules out.
  const traced = caseVisits.filter(
    (v) =>
      overlapTierOf(options.params, v.venueKind) === tier ||
      (tier === 'general' && transportMode(v.venueKind) !== undefined),
  )
  const stayOf = makeStayOf(overrides)
  const caseVenues = new Set(traced.map((v) => v.venueId))
  // times[2i], times[2i+1]: start and end of coVisits[i]; per venue, indices sorted by start.
  const times = new Float64Array(2 * coVisits.length)
  const byVenue = new Map<string, { order: number[]; maxLength: number }>()
  for (let i = 0; i < coVisits.length; i++) {
    const visit = coVisits[i]
    if (!visit || visit.personId === options.casePersonId || !caseVenues.has(visit.venueId)) continue
    if (!stayOf(visit, times, 2 * i)) continue
    let entry = byVenue.get(visit.venueId)
    if (!entry) {
      entry = { order: [], maxLength: 0 }
      byVenue.set(visit.venueId, entry)
    }
    entry.order.push(i)
    entry.maxLength = Math.max(entry.maxLength, (times[2 * i + 1] ?? 0) - (times[2 * i] ?? 0))
  }
  for (const entry of byVenue.values()) entry.order.sort((a, b) => (times[2 * a] ?? 0) - (times[2 * b] ?? 0))

  const own = new Float64Array(2)
  const found = new Map<string, ContactReason[]>()
  for (const cv of traced) {
    const entry = byVenue.get(cv.venueId)
    if (!entry || !stayOf(cv, own, 0)) continue
    const cs = Math.max(own[0] ?? 0, ws)
    const ce = Math.min(own[1] ?? 0, we)
    if (cs > ce) continue // the case was not there inside the window
    const lo = cs - buffer
    const hi = ce + buffer
    const mode = transportMode(cv.venueKind)
    const plainRule: VenueRule = tier === 'close' ? 'venue_overlap' : 'venue_copresence_general'
    const conveyanceTier = mode ? overlapTierOf(options.params, cv.venueKind) : undefined
    const order = entry.order
    for (let k = lowerBound(order, times, lo - entry.maxLength); k < order.length; k++) {
      const i = order[k] ?? 0
      const oStart = times[2 * i] ?? 0
      const oEnd = times[2 * i + 1] ?? 0
      if (oStart > hi) break
      const from = Math.max(lo, oStart, ws)
      const to = Math.min(hi, oEnd, we)
      if (from > to) continue
      const other = coVisits[i]
      if (!other) continue
      // Close pass: the seat rule decides on a conveyance. General pass: everyone at a general
      // venue (and aboard a conveyance a region made general); on a conveyance traced as close,
      // only those the seat rule rules out — the others are close candidates.
      const seatOf = () =>
        mode ? seatRule(mode, cv.seat, other.seat, cv.enclosed ?? true, options.params) : null
      const rule =
        tier === 'close'
          ? mode
            ? seatOf()
            : plainRule
          : !mode || conveyanceTier === 'general'
            ? plainRule
            : seatOf() === null
              ? plainRule
              : null
      if (rule === null) continue
      // Seats show why: the seat rule that matched, or that ruled a fellow traveller out (GC.DEF).
      const seated = rule !== plainRule || (mode !== undefined && conveyanceTier === 'close')
      const reason: VenueReason = {
        rule,
        venueId: cv.venueId,
        from: new Date(from),
        to: new Date(to),
        minutes: Math.floor(Math.max(0, Math.min(ce, oEnd) - Math.max(cs, oStart)) / MINUTE_MS),
        ...(seated && cv.seat ? { caseSeat: cv.seat } : {}),
        ...(seated && other.seat ? { contactSeat: other.seat } : {}),
        ...(options.via !== undefined ? { via: options.via } : {}),
      }
      const list = found.get(other.personId)
      if (list) list.push(reason)
      else found.set(other.personId, [reason])
    }
  }

  return [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([personId, reasons]) => ({ personId, reasons: normalizeReasons(reasons) }))
}
