import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { findOverlapContacts } from './overlap.js'
import type { CoVisit, Visit } from './types.js'
import { params, min, WIDE, opts, visit, co } from './__fixtures__/visits.js'
import type { Row } from './__fixtures__/visits.js'

/** Time rules: buffer edges, missing check-outs with dwell, window edges (at a `close`-tier kind). */
const TIMES: Row[] = [
  {
    name: 'overlap',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', 20, 50),
    rule: 'venue_overlap',
  },
  {
    name: 'touching stays count',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', 30, 50),
    rule: 'venue_overlap',
  },
  {
    name: '1 minute apart, no buffer',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', 31, 50),
    rule: null,
  },
  {
    name: 'buffer 15: arrived 15 min after (edge)',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', 45, 50),
    options: { bufferMinutes: 15 },
    rule: 'venue_overlap',
  },
  {
    name: 'buffer 15: arrived 16 min after',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', 46, 50),
    options: { bufferMinutes: 15 },
    rule: null,
  },
  {
    name: 'buffer 15: left 15 min before (edge)',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', -40, -15),
    options: { bufferMinutes: 15 },
    rule: 'venue_overlap',
  },
  {
    name: 'no check-out: restaurant dwell 75 reaches minute 75',
    caseVisit: visit('restaurant', 0, null),
    other: visit('restaurant', 75, 90),
    rule: 'venue_overlap',
  },
  {
    name: 'no check-out: restaurant dwell 75 misses minute 76',
    caseVisit: visit('restaurant', 0, null),
    other: visit('restaurant', 76, 90),
    rule: null,
  },
  {
    name: "no check-out on the other's side: dwell applies too",
    caseVisit: visit('restaurant', 100, 130),
    other: visit('restaurant', 25, null),
    rule: 'venue_overlap',
  },
  {
    name: 'dwell override shortens the stay',
    caseVisit: visit('restaurant', 0, null),
    other: visit('restaurant', 20, 60),
    options: { dwellOverrides: { restaurant: 10 } },
    rule: null,
  },
  {
    name: 'case stay ends before the window starts: no contact even with buffer',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', 35, 60),
    options: { bufferMinutes: 30, window: { start: min(31), end: min(1000) } },
    rule: null,
  },
  {
    name: 'case stay touches the window start',
    caseVisit: visit('restaurant', 0, 30),
    other: visit('restaurant', 10, 60),
    options: { window: { start: min(30), end: min(1000) } },
    rule: 'venue_overlap',
  },
  {
    name: 'meeting only after the window ended (isolation) does not count',
    caseVisit: visit('restaurant', 0, 60),
    other: visit('restaurant', 40, 80),
    options: { window: { start: min(-1000), end: min(39) } },
    rule: null,
  },
]

describe('findOverlapContacts', () => {
  it.each(TIMES)('$name', (row) => {
    const out = findOverlapContacts([row.caseVisit], [co('P1', row.other)], opts(row.options))
    if (row.rule === null) expect(out).toEqual([])
    else {
      expect(out.map((c) => c.personId)).toEqual(['P1'])
      expect(out[0]?.reasons.map((r) => r.rule)).toEqual([row.rule])
    }
  })

  it('reports the exposure period, co-presence minutes and seats', () => {
    const out = findOverlapContacts(
      [visit('flight', 0, 150, { row: 10 })],
      [co('P1', visit('flight', 0, 150, { row: 12 }))],
      opts({ window: { start: min(-1000), end: min(100) } }),
    )
    expect(out).toEqual([
      {
        personId: 'P1',
        reasons: [
          {
            rule: 'plane_rows',
            venueId: 'V-flight',
            from: min(0),
            to: min(100),
            minutes: 100,
            caseSeat: { row: 10 },
            contactSeat: { row: 12 },
          },
        ],
      },
    ])
  })

  it('buffer-only contacts have 0 minutes of co-presence', () => {
    const out = findOverlapContacts(
      [visit('restaurant', 0, 30)],
      [co('P1', visit('restaurant', 40, 50))],
      opts({ bufferMinutes: 15 }),
    )
    expect(out[0]?.reasons[0]).toMatchObject({ from: min(40), to: min(45), minutes: 0 })
  })

  it('never returns the case, merges duplicates, orders by person id', () => {
    const v = visit('restaurant', 0, 60)
    const out = findOverlapContacts(
      [v, v],
      [co('CASE', v), co('P2', v), co('P1', v), co('P1', v), co('P3', visit('market', 0, 60))],
      opts({ via: 'CC9' }),
    )
    expect(out.map((c) => c.personId)).toEqual(['P1', 'P2'])
    expect(out[0]?.reasons).toHaveLength(1)
    expect(out[0]?.reasons[0]?.via).toBe('CC9')
  })

  it('keeps one reason per distinct stay, strongest (longest) first', () => {
    const out = findOverlapContacts(
      [visit('gym', 0, 60), visit('gym', 200, 300)],
      [co('P1', visit('gym', 30, 60)), co('P1', visit('gym', 200, 290))],
      opts(),
    )
    expect(out[0]?.reasons.map((r) => ('minutes' in r ? r.minutes : -1))).toEqual([90, 30])
  })

  const arbVisit = fc.record({
    venue: fc.constantFrom('a', 'b'),
    kind: fc.constantFrom('restaurant', 'flight', 'bus', 'train', 'ship'),
    start: fc.integer({ min: 0, max: 600 }),
    len: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    row: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    carriage: fc.option(fc.constantFrom('1', '2'), { nil: undefined }),
    bay: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    enclosed: fc.boolean(),
  })
  const build = (
    v: {
      venue: string
      start: number
      len: number | null
      row: number | undefined
      carriage: string | undefined
      bay: number | undefined
    },
    kind: string,
    enclosed: boolean,
  ): Visit => ({
    venueId: v.venue,
    venueKind: kind,
    checkedInAt: min(v.start),
    checkedOutAt: v.len === null ? null : min(v.start + v.len),
    seat: {
      ...(v.row !== undefined ? { row: v.row } : {}),
      ...(v.carriage !== undefined ? { carriage: v.carriage } : {}),
      ...(v.bay !== undefined ? { bay: v.bay } : {}),
    },
    enclosed,
  })

  it("property: symmetric — A is a candidate of B's visit iff B is one of A's, never the case", () => {
    fc.assert(
      fc.property(
        arbVisit,
        arbVisit,
        fc.constantFrom('restaurant', 'flight', 'bus', 'train', 'ship'),
        fc.boolean(),
        fc.integer({ min: 0, max: 30 }),
        (a, b, kind, enclosed, buffer) => {
          const va = build({ ...a, venue: 'x' }, kind, enclosed)
          const vb = build({ ...b, venue: 'x' }, kind, enclosed)
          const o = { bufferMinutes: buffer, params, window: WIDE }
          const ab = findOverlapContacts([va], [co('A', va), co('B', vb)], { ...o, casePersonId: 'A' })
          const ba = findOverlapContacts([vb], [co('A', va), co('B', vb)], { ...o, casePersonId: 'B' })
          expect(ab.map((c) => c.personId)).toEqual(ba.length ? ['B'] : [])
          expect(ba.map((c) => c.personId)).toEqual(ab.length ? ['A'] : [])
          expect(ab[0]?.reasons.map((r) => r.rule)).toEqual(ba[0]?.reasons.map((r) => r.rule))
        },
      ),
    )
  })

  it('property: results never contain the case and lie inside the window', () => {
    fc.assert(
      fc.property(
        fc.array(arbVisit, { maxLength: 5 }),
        fc.array(fc.tuple(fc.constantFrom('CASE', 'P1', 'P2', 'P3'), arbVisit), { maxLength: 30 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (mine, others, ws, len) => {
          const window = { start: min(ws), end: min(ws + len) }
          const out = findOverlapContacts(
            mine.map((v) => build(v, v.kind, v.enclosed)),
            others.map(([p, v]) => co(p, build(v, v.kind, v.enclosed))),
            opts({ window, bufferMinutes: 10 }),
          )
          for (const c of out) {
            expect(c.personId).not.toBe('CASE')
            for (const r of c.reasons) {
              if (!('from' in r)) continue
              expect(r.from.getTime()).toBeGreaterThanOrEqual(window.start.getTime())
              expect(r.to.getTime()).toBeLessThanOrEqual(window.end.getTime())
              expect(r.from.getTime()).toBeLessThanOrEqual(r.to.getTime())
            }
          }
        },
      ),
    )
  })

  it('property: the sweep agrees with the naive pairwise check', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 2000 }),
            fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
          ),
          {
            maxLength: 60,
          },
        ),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 20 }),
        (others, cs, clen, buffer) => {
          const out = findOverlapContacts(
            [visit('restaurant', cs, cs + clen)],
            others.map(([s, l], i) =>
              co(`P${String(i).padStart(3, '0')}`, visit('restaurant', s, l === null ? null : s + l)),
            ),
            opts({ bufferMinutes: buffer }),
          )
          const expected = others
            .map(([s, l], i) => ({ id: `P${String(i).padStart(3, '0')}`, s, e: s + (l ?? 75) }))
            .filter((o) => o.s <= cs + clen + buffer && o.e >= cs - buffer)
            .map((o) => o.id)
          expect(out.map((c) => c.personId)).toEqual(expected)
        },
      ),
    )
  })

  it('handles 10,000 co-visits (its speed is measured in bench/contacts, not here)', () => {
    const kinds = ['cinema', 'restaurant', 'gym', 'bus', 'flight']
    const caseVisits: Visit[] = []
    for (let d = 0; d < 14; d++) {
      for (let k = 0; k < kinds.length; k++) {
        caseVisits.push({
          venueId: `v${k}-${d % 3}`,
          venueKind: kinds[k] ?? 'other',
          checkedInAt: min(d * 1440 + k * 120),
          checkedOutAt: null,
          seat: { row: 10 },
        })
      }
    }
    const coVisits: CoVisit[] = []
    for (let i = 0; i < 10_000; i++) {
      const k = i % kinds.length
      const start = ((i * 7919) % (14 * 1440)) | 0
      coVisits.push({
        personId: `p${i % 4000}`,
        venueId: `v${k}-${i % 3}`,
        venueKind: kinds[k] ?? 'other',
        checkedInAt: min(start),
        checkedOutAt: i % 2 ? min(start + (i % 90)) : null,
        seat: { row: (i % 30) + 1 },
      })
    }
    const o = opts({ bufferMinutes: 15 })
    const out = findOverlapContacts(caseVisits, coVisits, o)
    expect(out.length).toBeGreaterThan(0)
    expect(new Set(out.map((c) => c.personId)).size).toBe(out.length)
  })
})
