/**
 * Shared vocabulary of contact tracing (shared/RULES.md §A2): visits, seats, the reasons that make
 * someone a candidate close contact, and the candidates themselves. Pure data, no I/O.
 */

/** A closed time interval, `start <= end`. */
export interface TimeWindow {
  readonly start: Date
  readonly end: Date
}

/**
 * Where someone sat on a conveyance. Only the parts relevant to the mode are read: plane `row`;
 * train `carriage` + `bay` or soft-sleeper `compartment`; bus `row`; ship `compartment` (the cabin).
 */
export interface Seat {
  readonly carriage?: string
  readonly row?: number
  readonly bay?: number
  readonly compartment?: string
}

/** One stay at a venue (a check-in with an optional check-out). */
export interface Visit {
  readonly venueId: string
  /** A venue kind (core `VENUE_KINDS`); decides the dwell and the transport rules. */
  readonly venueKind: string
  readonly checkedInAt: Date
  /** `null` when no check-out was recorded: `assumedCheckout` supplies one (dwell per kind). */
  readonly checkedOutAt: Date | null
  readonly seat?: Seat
  /**
   * Conveyance ventilation, read from the case's own visit: a fully enclosed air-conditioned train
   * or a sealed air-conditioned coach (`true`, the default), or an ordinary train / ventilated
   * coach (`false`) — CC.TRANSPORT.TRAIN, CC.TRANSPORT.BUS.
   */
  readonly enclosed?: boolean
}

/** Someone else's stay at a venue the case visited. */
export interface CoVisit extends Visit {
  readonly personId: string
}

/**
 * The rules that make a co-visitor a candidate (RULES.md CC.SETTINGS, CC.TRANSPORT.*); and
 * `venue_copresence_general`: co-presence at a venue whose kind makes general contacts (GC.DEF,
 * rule-set `closeContact.overlapTier`) — kept on a contact an investigator confirms from that list.
 */
export type VenueRule =
  | 'venue_overlap'
  | 'plane_rows'
  | 'train_carriage'
  | 'train_bay'
  | 'bus_vehicle'
  | 'bus_rows'
  | 'ship_cabin'
  | 'venue_copresence_general'

/** Group settings of CC.SETTINGS 1) and 4): same household, workplace team, school class. */
export type GroupRule = 'household' | 'workplace' | 'school_class'

export type ContactRule = VenueRule | GroupRule

/** Co-presence at a venue: which rule matched, and when. */
export interface VenueReason {
  readonly rule: VenueRule
  readonly venueId: string
  /** The exposure period: the contact's stay within the case's stay widened by the buffer, inside the window. */
  readonly from: Date
  readonly to: Date
  /**
   * Whole minutes (rounded down) both were really there inside the window, without the buffer;
   * 0 when only the buffer joined the two stays.
   */
  readonly minutes: number
  /** Seats, for transport rules, when known. */
  readonly caseSeat?: Seat
  readonly contactSeat?: Seat
  /** Secondary contacts (CC2.DEF): the close contact through whom the exposure happened. */
  readonly via?: string
}

/** Membership of the same household, workplace group or school class. */
export interface GroupReason {
  readonly rule: GroupRule
  readonly groupId: string
  readonly via?: string
}

export type ContactReason = VenueReason | GroupReason

/** A person proposed as a (close or secondary) contact, with every reason found. */
export interface Candidate {
  readonly personId: string
  readonly reasons: readonly ContactReason[]
}
