import type { RuleSetParams } from '../rules/rule-set.js'
import type { Seat, VenueRule } from './types.js'

/** Conveyances with seat rules (RULES.md CC.TRANSPORT.*). */
export type TransportMode = 'plane' | 'train' | 'bus' | 'ship'

const MODE_OF_KIND: Readonly<Record<string, TransportMode>> = {
  flight: 'plane',
  train: 'train',
  bus: 'bus',
  ship: 'ship',
}

/** The transport mode of a venue kind (`flight`, `train`, `bus`, `ship`), else `undefined`. */
export function transportMode(venueKind: string): TransportMode | undefined {
  return Object.hasOwn(MODE_OF_KIND, venueKind) ? MODE_OF_KIND[venueKind] : undefined
}

/**
 * Whether the seat rule of a venue kind reads its ventilation (`Visit.enclosed`): a train
 * (CC.TRANSPORT.TRAIN: fully enclosed air-conditioned, or an ordinary one) and a bus
 * (CC.TRANSPORT.BUS: sealed air-conditioned coach, or a ventilated one). A plane's rows and a
 * ship's cabin do not depend on it, and other venues are no conveyance.
 */
export function readsEnclosed(venueKind: string): boolean {
  const mode = transportMode(venueKind)
  return mode === 'train' || mode === 'bus'
}

const isNum = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n)
const isStr = (s: string | undefined): s is string => typeof s === 'string' && s !== ''

/**
 * Which seat rule makes a fellow traveller a candidate, `null` when the seats rule them out, and
 * `'venue_overlap'` when the seats needed are unknown (conservative fallback: crew and drivers
 * without seats, missing data).
 *
 * - CC.TRANSPORT.PLANE: rows `r − planeRowsBefore … r + planeRowsAfter` (row 1 is the front).
 * - CC.TRANSPORT.TRAIN: the same soft-sleeper compartment when both travel in one (enclosed or
 *   not); otherwise enclosed air-conditioned (default) — the same hard-seat or hard-sleeper
 *   carriage; ordinary — the same carriage and the bay ±1.
 * - CC.TRANSPORT.BUS: sealed air-conditioned (default) — the whole vehicle; ventilated — rows
 *   ±`busVentilatedRows`.
 * - CC.TRANSPORT.SHIP: the same cabin (`compartment`).
 */
export function seatRule(
  mode: TransportMode,
  caseSeat: Seat | undefined,
  otherSeat: Seat | undefined,
  enclosed: boolean,
  params: RuleSetParams,
): VenueRule | null {
  const t = params.closeContact.transport
  const a = caseSeat ?? {}
  const b = otherSeat ?? {}
  switch (mode) {
    case 'plane': {
      if (!isNum(a.row) || !isNum(b.row)) return 'venue_overlap'
      return b.row >= a.row - t.planeRowsBefore && b.row <= a.row + t.planeRowsAfter ? 'plane_rows' : null
    }
    case 'train': {
      if (!isStr(a.carriage) || !isStr(b.carriage)) return 'venue_overlap'
      if (a.carriage !== b.carriage) return null
      // Soft sleepers: the same compartment, enclosed train or not (CC.TRANSPORT.TRAIN).
      if (isStr(a.compartment) && isStr(b.compartment)) {
        return a.compartment === b.compartment ? 'train_bay' : null
      }
      if (enclosed) return 'train_carriage'
      if (isNum(a.bay) && isNum(b.bay)) return Math.abs(a.bay - b.bay) <= 1 ? 'train_bay' : null
      return 'venue_overlap'
    }
    case 'bus': {
      if (enclosed) return 'bus_vehicle'
      if (!isNum(a.row) || !isNum(b.row)) return 'venue_overlap'
      return Math.abs(a.row - b.row) <= t.busVentilatedRows ? 'bus_rows' : null
    }
    case 'ship': {
      if (!isStr(a.compartment) || !isStr(b.compartment)) return 'venue_overlap'
      return a.compartment === b.compartment ? 'ship_cabin' : null
    }
  }
}

/** The seat parts each mode needs for its rule (CC.TRANSPORT.*). */
const SEAT_NEEDS: Readonly<Record<TransportMode, string>> = {
  plane: 'a row',
  train: 'a carriage (with a bay or a soft-sleeper compartment where the train is not enclosed)',
  bus: 'a row',
  ship: 'a cabin (compartment)',
}

/**
 * Why a seat cannot be recorded for a check-in at a venue of this kind, or `null` when it can:
 * seats belong to conveyances only, and a seat must carry the part its mode's rule reads (plane and
 * bus `row`, train `carriage`, ship `compartment`). Rows, bays are positive integers.
 */
export function seatProblem(venueKind: string, seat: Seat): string | null {
  const mode = transportMode(venueKind)
  if (!mode) return `a ${venueKind} is not a conveyance: seats apply to flights, trains, buses and ships`
  for (const k of ['row', 'bay'] as const) {
    const n = seat[k]
    if (n !== undefined && (!Number.isInteger(n) || n < 1)) return `seat ${k} must be a positive integer`
  }
  const ok =
    mode === 'plane' || mode === 'bus'
      ? seat.row !== undefined
      : mode === 'train'
        ? isStr(seat.carriage)
        : isStr(seat.compartment)
  return ok ? null : `a ${venueKind} seat needs ${SEAT_NEEDS[mode]}`
}
