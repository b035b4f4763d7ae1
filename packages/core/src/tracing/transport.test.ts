import { describe, expect, it } from 'vitest'
import { findOverlapContacts } from './overlap.js'
import { readsEnclosed, seatProblem, transportMode } from './transport.js'
import type { Seat, VenueRule } from './types.js'
import { opts, visit, co } from './__fixtures__/visits.js'
import type { Row } from './__fixtures__/visits.js'

const seatRow = (
  name: string,
  kind: string,
  a: Seat,
  b: Seat,
  rule: VenueRule | null,
  enclosed?: boolean,
): Row => ({
  name,
  caseVisit: visit(kind, 0, 120, a, enclosed),
  other: visit(kind, 0, 120, b),
  rule,
})

/** CC.TRANSPORT.PLANE / TRAIN / BUS / SHIP, each bound inside and outside. */
const SEATS: Row[] = [
  seatRow('plane: same row', 'flight', { row: 10 }, { row: 10 }, 'plane_rows'),
  seatRow('plane: 3 rows in front (bound)', 'flight', { row: 10 }, { row: 7 }, 'plane_rows'),
  seatRow('plane: 4 rows in front', 'flight', { row: 10 }, { row: 6 }, null),
  seatRow('plane: 3 rows behind (bound)', 'flight', { row: 10 }, { row: 13 }, 'plane_rows'),
  seatRow('plane: 4 rows behind', 'flight', { row: 10 }, { row: 14 }, null),
  seatRow('plane: contact seat unknown (crew) → venue overlap', 'flight', { row: 10 }, {}, 'venue_overlap'),
  seatRow('plane: case seat unknown → venue overlap', 'flight', {}, { row: 30 }, 'venue_overlap'),
  seatRow(
    'train (enclosed, default): same carriage',
    'train',
    { carriage: '05', bay: 1 },
    { carriage: '05', bay: 9 },
    'train_carriage',
  ),
  seatRow('train (enclosed): other carriage', 'train', { carriage: '05' }, { carriage: '06' }, null),
  seatRow(
    'CC.TRANSPORT.TRAIN: enclosed train, soft sleeper → the same compartment only',
    'train',
    { carriage: '08', compartment: '3' },
    { carriage: '08', compartment: '3' },
    'train_bay',
  ),
  seatRow(
    'CC.TRANSPORT.TRAIN: enclosed train, soft sleeper, next compartment → not a close contact',
    'train',
    { carriage: '08', compartment: '3' },
    { carriage: '08', compartment: '4' },
    null,
  ),
  seatRow(
    'CC.TRANSPORT.TRAIN: enclosed train, the attendant (no compartment) in the soft-sleeper carriage → carriage',
    'train',
    { carriage: '08', compartment: '3' },
    { carriage: '08' },
    'train_carriage',
  ),
  seatRow(
    'train: carriage unknown → venue overlap',
    'train',
    { carriage: '05' },
    { bay: 1 },
    'venue_overlap',
  ),
  seatRow(
    'train (ordinary): bay +1 (bound)',
    'train',
    { carriage: '05', bay: 4 },
    { carriage: '05', bay: 5 },
    'train_bay',
    false,
  ),
  seatRow(
    'train (ordinary): bay −1 (bound)',
    'train',
    { carriage: '05', bay: 4 },
    { carriage: '05', bay: 3 },
    'train_bay',
    false,
  ),
  seatRow(
    'train (ordinary): bay +2',
    'train',
    { carriage: '05', bay: 4 },
    { carriage: '05', bay: 6 },
    null,
    false,
  ),
  seatRow(
    'train (ordinary): same bay, other carriage',
    'train',
    { carriage: '05', bay: 4 },
    { carriage: '06', bay: 4 },
    null,
    false,
  ),
  seatRow(
    'train (ordinary): same soft-sleeper compartment',
    'train',
    { carriage: '09', compartment: 'C3' },
    { carriage: '09', compartment: 'C3' },
    'train_bay',
    false,
  ),
  seatRow(
    'train (ordinary): other compartment',
    'train',
    { carriage: '09', compartment: 'C3' },
    { carriage: '09', compartment: 'C4' },
    null,
    false,
  ),
  seatRow(
    'train (ordinary): bay unknown → venue overlap',
    'train',
    { carriage: '05', bay: 4 },
    { carriage: '05' },
    'venue_overlap',
    false,
  ),
  seatRow('bus (sealed, default): whole vehicle', 'bus', { row: 1 }, { row: 12 }, 'bus_vehicle'),
  seatRow('bus (sealed): seats unknown still whole vehicle', 'bus', {}, {}, 'bus_vehicle'),
  seatRow('bus (ventilated): 3 rows (bound)', 'bus', { row: 5 }, { row: 8 }, 'bus_rows', false),
  seatRow('bus (ventilated): −3 rows (bound)', 'bus', { row: 5 }, { row: 2 }, 'bus_rows', false),
  seatRow('bus (ventilated): 4 rows', 'bus', { row: 5 }, { row: 9 }, null, false),
  seatRow(
    'bus (ventilated): driver without seat → venue overlap',
    'bus',
    { row: 5 },
    {},
    'venue_overlap',
    false,
  ),
  seatRow('ship: same cabin', 'ship', { compartment: 'A12' }, { compartment: 'A12' }, 'ship_cabin'),
  seatRow('ship: other cabin', 'ship', { compartment: 'A12' }, { compartment: 'A14' }, null),
  seatRow('ship: cabin unknown → venue overlap', 'ship', { compartment: 'A12' }, {}, 'venue_overlap'),
  seatRow('not a conveyance: seats ignored', 'cinema', { row: 1 }, { row: 20 }, 'venue_overlap'),
]

describe('seat rules through findOverlapContacts (CC.TRANSPORT.*)', () => {
  it.each(SEATS)('$name', (row) => {
    const out = findOverlapContacts([row.caseVisit], [co('P1', row.other)], opts(row.options))
    if (row.rule === null) expect(out).toEqual([])
    else expect(out).toMatchObject([{ personId: 'P1', reasons: [{ rule: row.rule }] }])
  })

  it('transport modes of venue kinds', () => {
    expect(['flight', 'train', 'bus', 'ship', 'station', 'toString'].map(transportMode)).toEqual([
      'plane',
      'train',
      'bus',
      'ship',
      undefined,
      undefined,
    ])
  })
})

describe('seatProblem', () => {
  it.each([
    ['flight', { row: 12 }, null],
    ['flight', { carriage: '5' }, /needs a row/],
    ['bus', { row: 3 }, null],
    ['train', { carriage: '05', bay: 3 }, null],
    ['train', { row: 3 }, /needs a carriage/],
    ['flight', { row: 0 }, /positive integer/],
    ['flight', { row: 1.5 }, /positive integer/],
    ['train', { carriage: '1', bay: -1 }, /positive integer/],
    ['restaurant', { row: 3 }, /not a conveyance/],
    ['residential_gate', { compartment: 'A' }, /not a conveyance/],
  ] as const)('%s %j', (kind, seat, expected) => {
    const problem = seatProblem(kind, seat)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })
})

describe('readsEnclosed', () => {
  it.each<[string, boolean, string]>([
    ['train', true, 'CC.TRANSPORT.TRAIN: enclosed air-conditioned → carriage; ordinary → bay ±1'],
    ['bus', true, 'CC.TRANSPORT.BUS: sealed air-conditioned → whole vehicle; ventilated → rows ±3'],
    ['flight', false, 'CC.TRANSPORT.PLANE: rows r−3..r+3 whatever the ventilation'],
    ['ship', false, 'CC.TRANSPORT.SHIP: the same cabin whatever the ventilation'],
    ['restaurant', false, 'not a conveyance'],
  ])('%s → %s (%s)', (kind, expected) => {
    expect(readsEnclosed(kind)).toBe(expected)
  })
})
