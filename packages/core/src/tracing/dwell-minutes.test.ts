import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  assumedCheckout,
  DEFAULT_DWELL_MINUTES,
  isValidDwellMinutes,
  MAX_DWELL_MINUTES,
  MAX_STAY_MS,
  MIN_DWELL_MINUTES,
} from '../entry/dwell.js'
import { EDITIONS, RULE_SET_PRESETS, type RuleSetParams } from '../rules/rule-set.js'
import { VENUE_KINDS } from '../sim/types.js'
import { dwellMinutesOf, findOverlapContacts } from './overlap.js'
import { co, opts, params, visit } from './__fixtures__/visits.js'

/** FK8 with some kinds' dwell changed (values unchecked: the point is what core makes of them). */
const withDwell = (dwell: Readonly<Record<string, unknown>>): RuleSetParams => ({
  ...params,
  closeContact: { ...params.closeContact, dwellMinutes: { ...params.closeContact.dwellMinutes, ...dwell } },
})

describe('rule-set dwell minutes (closeContact.dwellMinutes)', () => {
  it('every preset assumes the default dwell for every venue kind', () => {
    for (const e of EDITIONS) {
      const dwell = RULE_SET_PRESETS[e].params.closeContact.dwellMinutes
      expect(Object.keys(dwell).sort(), e).toEqual([...VENUE_KINDS].sort())
      expect(dwell, e).toEqual(DEFAULT_DWELL_MINUTES)
      for (const m of Object.values(dwell)) expect(isValidDwellMinutes(m), `${e} ${String(m)}`).toBe(true)
    }
  })

  it('bounds: whole minutes from 1 to 1440, and no dwell longer than the longest stay', () => {
    expect([MIN_DWELL_MINUTES, MAX_DWELL_MINUTES]).toEqual([1, 1440])
    expect(MAX_DWELL_MINUTES * 60_000).toBeLessThanOrEqual(MAX_STAY_MS)
    for (const ok of [1, 2, 75, 1439, 1440]) expect(isValidDwellMinutes(ok), String(ok)).toBe(true)
    const bad = [0, -1, 1441, 10_000, 1.5, 0.5, Number.NaN, Infinity, '60', null, undefined, {}]
    for (const [i, b] of bad.entries()) expect(isValidDwellMinutes(b), `bad[${String(i)}]`).toBe(false)
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        (m) => isValidDwellMinutes(m) === (m >= 1 && m <= 1440),
      ),
    )
  })

  it('the rule set’s table overrides the default; a kind missing or out of bounds keeps the default', () => {
    const t = new Date('2026-11-28T02:00:00Z')
    const minutesOf = (p: RuleSetParams, kind: string) =>
      (assumedCheckout(t, null, kind, dwellMinutesOf(p)).getTime() - t.getTime()) / 60_000
    const p = withDwell({ restaurant: 240, gym: 1440, market: 0, cinema: 1441, hotel: 2.5, office: '30' })
    expect(minutesOf(p, 'restaurant')).toBe(240)
    expect(minutesOf(p, 'gym')).toBe(1440)
    expect(minutesOf(p, 'market')).toBe(DEFAULT_DWELL_MINUTES.market)
    expect(minutesOf(p, 'cinema')).toBe(DEFAULT_DWELL_MINUTES.cinema)
    expect(minutesOf(p, 'hotel')).toBe(DEFAULT_DWELL_MINUTES.hotel)
    expect(minutesOf(p, 'office')).toBe(DEFAULT_DWELL_MINUTES.office)
    // Unknown kinds and odd names: `other`'s default, whatever the table holds.
    expect(minutesOf(p, 'karaoke')).toBe(DEFAULT_DWELL_MINUTES.other)
    expect(minutesOf(withDwell({ toString: 5 }), '__proto__')).toBe(DEFAULT_DWELL_MINUTES.other)
    // A kind left out of the table, and a rule set stored before the parameter existed.
    const partial = { ...params, closeContact: { ...params.closeContact, dwellMinutes: { restaurant: 10 } } }
    expect(minutesOf(partial as unknown as RuleSetParams, 'restaurant')).toBe(10)
    expect(minutesOf(partial as unknown as RuleSetParams, 'gym')).toBe(DEFAULT_DWELL_MINUTES.gym)
    const legacy: Record<string, unknown> = { ...params.closeContact }
    delete legacy['dwellMinutes']
    const old = { ...params, closeContact: legacy } as unknown as RuleSetParams
    expect(dwellMinutesOf(old)).toEqual({})
    expect(minutesOf(old, 'restaurant')).toBe(DEFAULT_DWELL_MINUTES.restaurant)
  })

  it('findOverlapContacts assumes the rule set’s dwell for a stay without a check-out', () => {
    // The case ate from minute 0 to 30; P1 came at minute 20 and recorded no check-out; P2 arrived
    // 100 minutes before the case and recorded no check-out either: the default restaurant dwell
    // (75) ends before the case came, a dwell of 120 reaches it.
    const caseVisit = visit('restaurant', 0, 30)
    const others = [co('P1', visit('restaurant', 20, null)), co('P2', visit('restaurant', -100, null))]
    const found = (p: RuleSetParams) => findOverlapContacts([caseVisit], others, opts({ params: p }))
    expect(found(params).map((c) => c.personId)).toEqual(['P1'])
    expect(
      found(withDwell({ restaurant: 120 }))
        .map((c) => c.personId)
        .sort(),
    ).toEqual(['P1', 'P2'])
    // An explicit `dwellOverrides` still wins over the rule set's table.
    expect(
      findOverlapContacts(
        [caseVisit],
        others,
        opts({ params: withDwell({ restaurant: 120 }), dwellOverrides: {} }),
      ).map((c) => c.personId),
    ).toEqual(['P1'])
  })
})
