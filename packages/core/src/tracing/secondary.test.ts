import { describe, expect, it } from 'vitest'
import { RULE_SET_PRESETS } from '../rules/rule-set.js'
import { findSecondaryContacts, type CloseContactTrace } from './secondary.js'
import type { CoVisit } from './types.js'

const FK8 = RULE_SET_PRESETS.FK8.params
const T0 = new Date('2026-11-10T00:00:00Z')
const h = (n: number) => new Date(T0.getTime() + n * 3_600_000)
const at = (personId: string, venueId: string, from: number, to: number): CoVisit => ({
  personId,
  venueId,
  venueKind: 'restaurant',
  checkedInAt: h(from),
  checkedOutAt: h(to),
})
const own = (v: CoVisit) => ({
  venueId: v.venueId,
  venueKind: v.venueKind,
  checkedInAt: v.checkedInAt,
  checkedOutAt: v.checkedOutAt,
})

// CC1 met the case at hour 0, was isolated at hour 48. CC2 met the case at hour 10, not isolated.
const cc1Visits = [at('CC1', 'R1', -5, -4), at('CC1', 'R2', 20, 21), at('CC1', 'R3', 50, 51)]
const CC1: CloseContactTrace = {
  personId: 'CC1',
  firstExposureAt: h(0),
  isolatedAt: h(48),
  visits: cc1Visits.map(own),
  coVisits: [
    at('S_BEFORE', 'R1', -5, -4), // before the first exposure → no
    at('S1', 'R2', 20, 22), // inside → yes
    at('CASE', 'R2', 20, 22), // the case → never
    at('CC2', 'R2', 20, 22), // already a close contact → never
    at('S_AFTER', 'R3', 50, 51), // after isolation → no
  ],
  groups: [{ kind: 'household', groupId: 'H1', memberIds: ['CC1', 'S2', 'CASE'] }],
}
const CC2: CloseContactTrace = {
  personId: 'CC2',
  firstExposureAt: h(10),
  visits: [own(at('CC2', 'R2', 20, 22))],
  coVisits: [at('S1', 'R2', 21, 23), at('CC1', 'R2', 20, 21), at('KNOWN', 'R2', 20, 21)],
}
const opts = { casePersonId: 'CASE', bufferMinutes: 0, params: FK8, excludePersonIds: ['KNOWN'] }

describe('findSecondaryContacts (CC2.DEF)', () => {
  it('finds contacts of close contacts in [first exposure, isolation], via the close contact', () => {
    const r = findSecondaryContacts([CC1, CC2], opts, h(100))
    expect(r.skipped).toEqual([])
    expect(r.candidates.map((c) => c.personId)).toEqual(['S1', 'S2'])
    const s1 = r.candidates[0]
    expect(s1?.reasons.map((x) => [x.rule, x.via])).toEqual([
      ['venue_overlap', 'CC1'],
      ['venue_overlap', 'CC2'],
    ])
    expect(r.candidates[1]?.reasons).toEqual([{ rule: 'household', groupId: 'H1', via: 'CC1' }])
  })

  it('excludes the case, the close contacts and the already known', () => {
    const r = findSecondaryContacts([CC1, CC2], opts, h(100))
    for (const id of ['CASE', 'CC1', 'CC2', 'KNOWN'])
      expect(r.candidates.map((c) => c.personId)).not.toContain(id)
  })

  it('not isolated: the interval runs to now', () => {
    const r = findSecondaryContacts([{ ...CC2, coVisits: [at('S9', 'R2', 21, 23)] }], opts, h(21))
    expect(r.candidates.map((c) => c.personId)).toEqual(['S9'])
    expect(
      findSecondaryContacts([{ ...CC2, coVisits: [at('S9', 'R2', 21, 23)] }], opts, h(20.5)).candidates,
    ).toEqual([])
  })

  it('skips a close contact isolated before the first exposure, with a reason', () => {
    const r = findSecondaryContacts([{ ...CC1, isolatedAt: h(-1) }], opts, h(100))
    expect(r.candidates).toEqual([])
    expect(r.skipped).toEqual([
      {
        personId: 'CC1',
        reason: 'no_interval',
        error: expect.stringMatching(/before the first exposure/) as unknown,
      },
    ])
  })

  it('skips a close contact whose first exposure is not a date, with a reason', () => {
    const r = findSecondaryContacts([{ ...CC1, firstExposureAt: new Date(Number.NaN) }], opts, h(100))
    expect(r.skipped).toEqual([
      { personId: 'CC1', reason: 'invalid_exposure', error: expect.any(String) as unknown },
    ])
  })

  it('FK6 does not manage secondary contacts (defined in FK7)', () => {
    const r = findSecondaryContacts([CC1], { ...opts, params: RULE_SET_PRESETS.FK6.params }, h(100))
    expect(r.candidates).toEqual([])
  })
})
