import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareReasons, mergeCandidates, normalizeReasons } from './merge.js'
import type { ContactReason } from './types.js'

const at = (m: number) => new Date(Date.UTC(2026, 10, 10, 0, m))
const venue = (
  rule: 'venue_overlap' | 'plane_rows' | 'bus_vehicle',
  minutes: number,
  via?: string,
): ContactReason => ({
  rule,
  venueId: 'V1',
  from: at(0),
  to: at(minutes),
  minutes,
  ...(via ? { via } : {}),
})

describe('mergeCandidates', () => {
  it('unions reasons per person, drops duplicates, sorts strongest first', () => {
    const out = mergeCandidates([
      [{ personId: 'P1', reasons: [venue('venue_overlap', 30), venue('bus_vehicle', 10)] }],
      [
        { personId: 'P1', reasons: [venue('venue_overlap', 30), { rule: 'household', groupId: 'H1' }] },
        { personId: 'P0', reasons: [venue('venue_overlap', 5, 'CC1')] },
      ],
    ])
    expect(out.map((c) => c.personId)).toEqual(['P0', 'P1'])
    expect(out[1]?.reasons.map((r) => r.rule)).toEqual(['household', 'bus_vehicle', 'venue_overlap'])
    expect(out[1]?.strongest).toEqual({ rule: 'household', groupId: 'H1' })
    expect(out[1]?.degree).toBe('close')
    expect(out[0]?.degree).toBe('secondary')
  })

  it('a direct reason beats any reason via a close contact', () => {
    const out = mergeCandidates([
      [{ personId: 'P1', reasons: [{ rule: 'household', groupId: 'H1', via: 'CC1' }] }],
      [{ personId: 'P1', reasons: [venue('venue_overlap', 1)] }],
    ])
    expect(out[0]?.strongest.rule).toBe('venue_overlap')
    expect(out[0]?.degree).toBe('close')
  })

  it('seat rules beat plain overlap; longer exposure first within a rule', () => {
    const sorted = [venue('venue_overlap', 300), venue('plane_rows', 10), venue('venue_overlap', 400)].sort(
      compareReasons,
    )
    expect(sorted.map((r) => [r.rule, 'minutes' in r ? r.minutes : 0])).toEqual([
      ['plane_rows', 10],
      ['venue_overlap', 400],
      ['venue_overlap', 300],
    ])
  })

  it('excludes given persons', () => {
    expect(
      mergeCandidates([[{ personId: 'CASE', reasons: [venue('venue_overlap', 1)] }]], { exclude: ['CASE'] }),
    ).toEqual([])
  })

  it('property: the merge is independent of source order', () => {
    const reason = fc.oneof(
      fc.record({
        rule: fc.constantFrom('venue_overlap' as const, 'plane_rows' as const, 'train_bay' as const),
        venueId: fc.constantFrom('V1', 'V2'),
        from: fc.integer({ min: 0, max: 50 }).map(at),
        to: fc.integer({ min: 50, max: 99 }).map(at),
        minutes: fc.integer({ min: 0, max: 50 }),
      }),
      fc.record({
        rule: fc.constantFrom('household' as const, 'workplace' as const),
        groupId: fc.constantFrom('G1', 'G2'),
      }),
    )
    const cand = fc.record({
      personId: fc.constantFrom('A', 'B', 'C'),
      reasons: fc.array(reason, { minLength: 1, maxLength: 3 }),
    })
    fc.assert(
      fc.property(fc.array(fc.array(cand, { maxLength: 4 }), { maxLength: 4 }), (sources) => {
        const a = mergeCandidates(sources)
        const b = mergeCandidates([...sources].reverse().map((s) => [...s].reverse()))
        expect(a).toEqual(b)
        for (const c of a) expect(c.strongest).toBe(c.reasons[0])
      }),
      { numRuns: 1000 },
    )
  })

  it('of two reasons differing only in minutes, keeps the longer, in either order', () => {
    const short = { rule: 'venue_overlap' as const, venueId: 'V1', from: at(0), to: at(60), minutes: 10 }
    const long = { ...short, minutes: 40 }
    expect(normalizeReasons([short, long])).toEqual([long])
    expect(normalizeReasons([long, short])).toEqual([long])
  })
})
