/**
 * React side of the checkpoint's seat entry (docs/entry-exit.md, "Seats"): the typed fields,
 * checked when a scan is recorded and cleared after it, since every passenger has their own
 * seat — except the carriage while "same carriage" is on (a gate at one train door).
 */
import { useCallback, useState } from 'react'
import type { Seat } from '@lianfang/contracts'
import {
  EMPTY_SEAT_DRAFT,
  nextSeatDraft,
  seatFromDraft,
  seatLayout,
  type SeatDraft,
  type SeatIssue,
  type SeatLayout,
} from './seat'

/** A seat accepted for the next scan, with the fields it came from (the letter is shown). */
export interface TakenSeat {
  readonly seat: Seat | undefined
  readonly draft: SeatDraft
}

export interface SeatDraftState {
  /** Which fields to show; `undefined` when this gate's scans carry no seat. */
  readonly layout: SeatLayout | undefined
  readonly draft: SeatDraft
  readonly setDraft: (draft: SeatDraft) => void
  /** Why the typed seat was refused at the last scan; cleared by the next edit. */
  readonly issue: SeatIssue | undefined
  readonly keepCarriage: boolean
  readonly setKeepCarriage: (keep: boolean) => void
  /** The last seat recorded, with its letter, for the operator to check. */
  readonly last: TakenSeat | undefined
  /** The seat for a scan now, or `undefined` (the issue then shown) when it cannot be recorded. */
  readonly take: () => TakenSeat | undefined
  /** The scan was queued with `taken`: clears the fields for the next passenger. */
  readonly recorded: (taken: TakenSeat) => void
  /** Another gate was chosen. */
  readonly reset: () => void
}

/** `venueKind`: the gate's venue kind when its scans carry a seat (entries), else `undefined`. */
export function useSeatDraft(venueKind: string | undefined): SeatDraftState {
  const layout = seatLayout(venueKind)
  const [draft, setDraftState] = useState<SeatDraft>(EMPTY_SEAT_DRAFT)
  const [issue, setIssue] = useState<SeatIssue>()
  const [keepCarriage, setKeepCarriage] = useState(true)
  const [last, setLast] = useState<TakenSeat>()

  const setDraft = useCallback((next: SeatDraft) => {
    setDraftState(next)
    setIssue(undefined)
  }, [])

  const take = useCallback((): TakenSeat | undefined => {
    const entry = seatFromDraft(venueKind, draft)
    if (!entry.ok) {
      setIssue(entry.issue)
      return undefined
    }
    setIssue(undefined)
    return { seat: entry.seat, draft }
  }, [venueKind, draft])

  const recorded = useCallback(
    (taken: TakenSeat) => {
      setLast(taken.seat === undefined ? undefined : taken)
      setDraftState((current) =>
        // Edited while the scan was recorded: those are the next passenger's.
        current === taken.draft ? nextSeatDraft(current, keepCarriage && layout === 'train') : current,
      )
    },
    [keepCarriage, layout],
  )

  const reset = useCallback(() => {
    setDraftState(EMPTY_SEAT_DRAFT)
    setIssue(undefined)
    setLast(undefined)
  }, [])

  return { layout, draft, setDraft, issue, keepCarriage, setKeepCarriage, last, take, recorded, reset }
}
