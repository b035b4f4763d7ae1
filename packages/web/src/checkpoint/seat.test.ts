import { describe, expect, it } from 'vitest'
import { seatProblem } from '@lianfang/core'
import {
  EMPTY_SEAT_DRAFT,
  nextSeatDraft,
  seatDraftEmpty,
  seatFromDraft,
  seatLayout,
  type SeatDraft,
} from './seat'

const draft = (over: Partial<SeatDraft>): SeatDraft => ({ ...EMPTY_SEAT_DRAFT, ...over })

describe('seat entry', () => {
  it('shows fields for conveyances only', () => {
    expect(seatLayout('flight')).toBe('rows')
    expect(seatLayout('bus')).toBe('rows')
    expect(seatLayout('train')).toBe('train')
    expect(seatLayout('ship')).toBe('cabin')
    for (const kind of ['market', 'station', 'residential_gate', 'toString', '', undefined])
      expect(seatLayout(kind), String(kind)).toBeUndefined()
  })

  it('turns the typed fields into the contract seat', () => {
    expect(seatFromDraft('flight', draft({ row: ' 12 ', letter: 'A' }))).toEqual({
      ok: true,
      seat: { row: 12 },
    })
    expect(seatFromDraft('bus', draft({ row: '3' }))).toEqual({ ok: true, seat: { row: 3 } })
    expect(seatFromDraft('train', draft({ carriage: '05', bay: '7' }))).toEqual({
      ok: true,
      seat: { carriage: '05', bay: 7 },
    })
    expect(seatFromDraft('train', draft({ carriage: '12', compartment: '3' }))).toEqual({
      ok: true,
      seat: { carriage: '12', compartment: '3' },
    })
    expect(seatFromDraft('train', draft({ carriage: '8' }))).toEqual({ ok: true, seat: { carriage: '8' } })
    expect(seatFromDraft('ship', draft({ compartment: 'B204' }))).toEqual({
      ok: true,
      seat: { compartment: 'B204' },
    })
  })

  it('records no seat when the fields are empty or the venue has no seats', () => {
    expect(seatFromDraft('flight', EMPTY_SEAT_DRAFT)).toEqual({ ok: true, seat: undefined })
    expect(seatFromDraft('train', draft({ carriage: '  ' }))).toEqual({ ok: true, seat: undefined })
    // Fields of another layout left over (the gate changed) are not sent.
    expect(seatFromDraft('flight', draft({ carriage: '5', bay: '2' }))).toEqual({ ok: true, seat: undefined })
    expect(seatFromDraft('market', draft({ row: '12' }))).toEqual({ ok: true, seat: undefined })
    expect(seatFromDraft(undefined, draft({ row: '12' }))).toEqual({ ok: true, seat: undefined })
    expect(seatDraftEmpty('flight', draft({ carriage: '5' }))).toBe(true)
    expect(seatDraftEmpty('flight', draft({ letter: 'C' }))).toBe(false)
  })

  it.each([
    ['flight', { letter: 'A' }, 'needs-row'],
    ['flight', { row: '0' }, 'row-range'],
    ['flight', { row: '201' }, 'row-range'],
    ['flight', { row: '12A' }, 'row-range'],
    ['bus', { row: '-3' }, 'row-range'],
    ['bus', { row: '2.5' }, 'row-range'],
    ['train', { bay: '4' }, 'needs-carriage'],
    ['train', { compartment: '3' }, 'needs-carriage'],
    ['train', { carriage: '5', bay: '0' }, 'bay-range'],
    ['train', { carriage: '5', bay: '101' }, 'bay-range'],
    ['train', { carriage: '123456789' }, 'carriage-length'],
    ['train', { carriage: '5', compartment: 'ABCDEFGHI' }, 'compartment-length'],
    ['ship', { compartment: '软卧包厢八号九号十' }, 'compartment-length'],
  ] as const)('refuses a %s seat %j (%s), as the server would', (kind, typed, issue) => {
    expect(seatFromDraft(kind, draft(typed))).toEqual({ ok: false, issue })
  })

  it('agrees with core seatProblem on every seat it lets through', () => {
    const cases: [string, Partial<SeatDraft>][] = [
      ['flight', { row: '1' }],
      ['flight', { row: '200', letter: 'K' }],
      ['bus', { row: '40' }],
      ['train', { carriage: '16', bay: '100' }],
      ['train', { carriage: 'A8', compartment: '8' }],
      ['ship', { compartment: '3-101' }],
    ]
    for (const [kind, typed] of cases) {
      const entry = seatFromDraft(kind, draft(typed))
      if (!entry.ok || entry.seat === undefined) throw new Error(`${kind} ${JSON.stringify(typed)}`)
      expect(seatProblem(kind, entry.seat)).toBeNull()
    }
  })

  it('clears the fields after a scan, keeping the carriage when asked', () => {
    const typed = draft({ row: '3', letter: 'C', carriage: '5', bay: '2', compartment: '1' })
    expect(nextSeatDraft(typed, false)).toEqual(EMPTY_SEAT_DRAFT)
    expect(nextSeatDraft(typed, true)).toEqual({ ...EMPTY_SEAT_DRAFT, carriage: '5' })
  })
})
