import { overlapTierOf, transportMode, type RuleSetParams, type Seat, type Visit } from '@lianfang/core'

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

/** A traced person's check-in as read with its venue (`InvestigationRepository.staysIn`, `visitsIn`). */
export interface StayRow {
  venue_id: string
  kind: string
  checked_in_at: Date
  checked_out_at: Date | null
  seat: unknown
  /** The venue's ventilation (trains and buses; `null` when not recorded or not a conveyance). */
  enclosed: boolean | null
}

/**
 * A stay as core's tracing reads it: with the seat (CC.TRANSPORT.*) and the venue's ventilation
 * (`Visit.enclosed`: an enclosed air-conditioned train's whole carriage or a sealed coach's whole
 * vehicle, else the seats around — CC.TRANSPORT.TRAIN, CC.TRANSPORT.BUS). A ventilation not
 * recorded stays absent, and core traces the conveyance as enclosed (the safe side).
 */
export function visitOfStay(v: StayRow): Visit {
  return {
    venueId: v.venue_id,
    venueKind: v.kind,
    checkedInAt: v.checked_in_at,
    checkedOutAt: v.checked_out_at,
    ...seatOf(v.seat),
    ...(v.enclosed === null ? {} : { enclosed: v.enclosed }),
  }
}

/**
 * Whether the general-contact reads (GC.DEF) trace the case's stays at a venue kind: venues whose
 * co-presence makes general contacts (rule-set `closeContact.overlapTier`), and every conveyance —
 * fellow travellers outside the seat zone are general contacts (core `findOverlapContacts` with
 * `tier: 'general'`), those inside it are candidates and left out of the general list.
 */
export function tracedAsGeneral(params: RuleSetParams, kind: string): boolean {
  return overlapTierOf(params, kind) === 'general' || transportMode(kind) !== undefined
}
