/**
 * Seats on transport check-ins (docs/entry-exit.md, "Seats"): what the checkpoint operator or the
 * passenger types, turned into the contract's `Seat` and checked with core's `seatProblem` — the
 * rule the server applies (SEAT_NOT_APPLICABLE) — before anything is queued or sent, so an
 * offline gate never stores a seat the server would refuse later.
 */
import type { Seat } from '@lianfang/contracts'
import { seatProblem, transportMode } from '@lianfang/core'

/** The seat fields as typed: strings, empty when not given. */
export interface SeatDraft {
  readonly row: string
  /** The seat letter of a flight or bus seat ("12A"): shown, not sent — the seat rules read rows. */
  readonly letter: string
  readonly carriage: string
  readonly bay: string
  readonly compartment: string
}

export const EMPTY_SEAT_DRAFT: SeatDraft = { row: '', letter: '', carriage: '', bay: '', compartment: '' }

/**
 * Which fields a venue's seat entry shows, from its kind (core `transportMode`): `rows` for
 * flights and buses, `train` (carriage, bay or compartment), `cabin` (ships); `undefined` for a
 * venue that is not a conveyance, or whose kind is unknown.
 */
export type SeatLayout = 'rows' | 'train' | 'cabin'

export function seatLayout(venueKind: string | undefined): SeatLayout | undefined {
  const mode = venueKind === undefined ? undefined : transportMode(venueKind)
  switch (mode) {
    case 'plane':
    case 'bus':
      return 'rows'
    case 'train':
      return 'train'
    case 'ship':
      return 'cabin'
    case undefined:
      return undefined
  }
}

/** Why a draft cannot be recorded; each has its message under `seat.issue.*`. */
export type SeatIssue =
  | 'row-range'
  | 'bay-range'
  | 'carriage-length'
  | 'compartment-length'
  | 'needs-row'
  | 'needs-carriage'
  | 'needs-compartment'

export type SeatEntry =
  { readonly ok: true; readonly seat: Seat | undefined } | { readonly ok: false; readonly issue: SeatIssue }

/** The contract's limits (`Seat` in contracts/entry.schema.ts). */
const ROW_MAX = 200
const BAY_MAX = 100
const TEXT_MAX = 8

/** A whole number in 1…max, `null` when the text is not one, `undefined` when empty. */
function whole(text: string, max: number): number | null | undefined {
  const s = text.trim()
  if (s === '') return undefined
  if (!/^\d+$/.test(s)) return null
  const n = Number(s)
  return n >= 1 && n <= max ? n : null
}

/** Trimmed text of at most 8 characters (code points, as the schema counts), `null` when longer. */
function short(text: string): string | null | undefined {
  const s = text.trim()
  if (s === '') return undefined
  return Array.from(s).length <= TEXT_MAX ? s : null
}

/** The fields a layout reads: a field of another layout left over is not sent. */
function relevant(layout: SeatLayout, draft: SeatDraft): SeatDraft {
  switch (layout) {
    case 'rows':
      return { ...EMPTY_SEAT_DRAFT, row: draft.row, letter: draft.letter }
    case 'train':
      return { ...EMPTY_SEAT_DRAFT, carriage: draft.carriage, bay: draft.bay, compartment: draft.compartment }
    case 'cabin':
      return { ...EMPTY_SEAT_DRAFT, compartment: draft.compartment }
  }
}

/** True when nothing is typed in the fields the venue's layout shows. */
export function seatDraftEmpty(venueKind: string | undefined, draft: SeatDraft): boolean {
  const layout = seatLayout(venueKind)
  if (layout === undefined) return true
  const d = relevant(layout, draft)
  return [d.row, d.letter, d.carriage, d.bay, d.compartment].every((v) => v.trim() === '')
}

/**
 * The seat to record for a check-in at a venue of `venueKind`: none when the fields are empty
 * (crew, or a passenger who does not know it — the tracing rules then take the whole conveyance)
 * or the venue has no seats; otherwise the `Seat`, or why it cannot be recorded.
 */
export function seatFromDraft(venueKind: string | undefined, draft: SeatDraft): SeatEntry {
  const layout = seatLayout(venueKind)
  if (venueKind === undefined || layout === undefined || seatDraftEmpty(venueKind, draft))
    return { ok: true, seat: undefined }
  const d = relevant(layout, draft)
  const row = whole(d.row, ROW_MAX)
  if (row === null) return { ok: false, issue: 'row-range' }
  const bay = whole(d.bay, BAY_MAX)
  if (bay === null) return { ok: false, issue: 'bay-range' }
  const carriage = short(d.carriage)
  if (carriage === null) return { ok: false, issue: 'carriage-length' }
  const compartment = short(d.compartment)
  if (compartment === null) return { ok: false, issue: 'compartment-length' }
  const seat: Seat = {}
  if (carriage !== undefined) seat.carriage = carriage
  if (row !== undefined) seat.row = row
  if (bay !== undefined) seat.bay = bay
  if (compartment !== undefined) seat.compartment = compartment
  if (seatProblem(venueKind, seat) === null) return { ok: true, seat }
  switch (layout) {
    case 'rows':
      return { ok: false, issue: 'needs-row' }
    case 'train':
      return { ok: false, issue: 'needs-carriage' }
    case 'cabin':
      return { ok: false, issue: 'needs-compartment' }
  }
}

/**
 * The fields after a recorded scan: every passenger has their own seat, so all are cleared —
 * except the carriage when the operator serves one train carriage ("same carriage").
 */
export function nextSeatDraft(draft: SeatDraft, keepCarriage: boolean): SeatDraft {
  return keepCarriage ? { ...EMPTY_SEAT_DRAFT, carriage: draft.carriage } : EMPTY_SEAT_DRAFT
}
