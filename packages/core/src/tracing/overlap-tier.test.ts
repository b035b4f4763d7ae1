import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { EDITIONS, RULE_SET_PRESETS, type RuleSetParams } from '../rules/rule-set.js'
import { VENUE_KINDS } from '../sim/types.js'
import { findOverlapContacts, overlapTierOf } from './overlap.js'
import { findSecondaryContacts } from './secondary.js'
import { co, min, opts, params, visit } from './__fixtures__/visits.js'

/** FK8 with some kinds' tier changed. */
const withTiers = (tiers: Partial<RuleSetParams['closeContact']['overlapTier']>): RuleSetParams => ({
  ...params,
  closeContact: { ...params.closeContact, overlapTier: { ...params.closeContact.overlapTier, ...tiers } },
})
const allClose = withTiers(Object.fromEntries(VENUE_KINDS.map((k) => [k, 'close'])))

describe('overlap tiers (CC.SETTINGS 4–5, GC.DEF)', () => {
  it('every preset names a tier for every venue kind; the enclosed settings are close', () => {
    for (const e of EDITIONS) {
      const tiers = RULE_SET_PRESETS[e].params.closeContact.overlapTier
      expect(Object.keys(tiers).sort(), e).toEqual([...VENUE_KINDS].sort())
    }
    const tier = (k: string) => overlapTierOf(params, k)
    for (const k of ['restaurant', 'gym', 'cinema', 'flight', 'train', 'bus', 'hotel', 'other'])
      expect(tier(k), k).toBe('close')
    for (const k of [
      'residential_gate',
      'market',
      'supermarket',
      'office',
      'factory',
      'school',
      'hospital',
      'station',
    ])
      expect(tier(k), k).toBe('general')
  })

  it('an unknown kind, a ship, or a rule set stored before the parameter existed: close', () => {
    expect(overlapTierOf(params, 'ship')).toBe('close')
    expect(overlapTierOf(params, 'karaoke')).toBe('close')
    expect(overlapTierOf(params, 'toString')).toBe('close')
    expect(overlapTierOf(params, '__proto__')).toBe('close')
    const legacy: Record<string, unknown> = { ...params.closeContact }
    delete legacy['overlapTier']
    const old = { ...params, closeContact: legacy } as unknown as RuleSetParams
    expect(overlapTierOf(old, 'office')).toBe('close')
  })

  it('GC.DEF: passengers of a flight outside the seat zone are general contacts; those inside are not', () => {
    const flight = visit('flight', 0, 120, { row: 10 })
    const others = [
      co('NEAR', visit('flight', 0, 120, { row: 12 })),
      co('FAR', visit('flight', 0, 120, { row: 30 })),
    ]
    expect(findOverlapContacts([flight], others, opts()).map((c) => c.personId)).toEqual(['NEAR'])
    const general = findOverlapContacts([flight], others, opts({ tier: 'general' }))
    expect(general.map((c) => [c.personId, c.reasons[0]?.rule])).toEqual([
      ['FAR', 'venue_copresence_general'],
    ])
    // The seats that ruled FAR out (rows r−3..r+3 around row 10) travel with the reason.
    expect(general[0]?.reasons[0]).toMatchObject({ caseSeat: { row: 10 }, contactSeat: { row: 30 } })
  })

  it('GC.DEF on a train: another carriage is a general contact (enclosed: the whole carriage is close)', () => {
    const train = visit('train', 0, 120, { carriage: '05' })
    const others = [
      co('SAME', visit('train', 0, 120, { carriage: '05' })),
      co('OTHER', visit('train', 0, 120, { carriage: '09' })),
    ]
    expect(findOverlapContacts([train], others, opts()).map((c) => c.personId)).toEqual(['SAME'])
    expect(findOverlapContacts([train], others, opts({ tier: 'general' })).map((c) => c.personId)).toEqual([
      'OTHER',
    ])
  })

  it('co-presence in an office building is a general contact, not a candidate', () => {
    const office = visit('office', 0, 480)
    const others = [co('P1', visit('office', 60, 120))]
    expect(findOverlapContacts([office], others, opts())).toEqual([])
    expect(findOverlapContacts([office], others, opts({ tier: 'general' }))).toEqual([
      {
        personId: 'P1',
        reasons: [
          { rule: 'venue_copresence_general', venueId: 'V-office', from: min(60), to: min(120), minutes: 60 },
        ],
      },
    ])
    // The same stays at a restaurant: a candidate, and no general contact.
    const meal = visit('restaurant', 0, 480)
    expect(findOverlapContacts([meal], [co('P1', visit('restaurant', 60, 120))], opts())[0]?.reasons).toEqual(
      [{ rule: 'venue_overlap', venueId: 'V-restaurant', from: min(60), to: min(120), minutes: 60 }],
    )
    expect(
      findOverlapContacts([meal], [co('P1', visit('restaurant', 60, 120))], opts({ tier: 'general' })),
    ).toEqual([])
  })

  it('a conveyance set to general: everyone aboard is a general contact, the seat rules are not applied', () => {
    const rs = withTiers({ flight: 'general' })
    const mine = visit('flight', 0, 150, { row: 10 })
    const others = [
      co('NEAR', visit('flight', 0, 150, { row: 11 })),
      co('FAR', visit('flight', 0, 150, { row: 30 })),
    ]
    expect(findOverlapContacts([mine], others, opts({ params: rs }))).toEqual([])
    const general = findOverlapContacts([mine], others, opts({ params: rs, tier: 'general' }))
    expect(general.map((c) => [c.personId, c.reasons[0]?.rule])).toEqual([
      ['FAR', 'venue_copresence_general'],
      ['NEAR', 'venue_copresence_general'],
    ])
    expect(general[0]?.reasons[0]).not.toHaveProperty('caseSeat')
    // Under the preset the seat rule decides, as before.
    expect(findOverlapContacts([mine], others, opts()).map((c) => c.personId)).toEqual(['NEAR'])
  })

  it('property: the two tiers split what co-presence finds with every kind close', () => {
    const kinds = ['office', 'school', 'market', 'restaurant', 'gym', 'other'] as const
    const arbStay = fc.record({
      venue: fc.constantFrom(...kinds),
      start: fc.integer({ min: 0, max: 600 }),
      len: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    })
    const build = (s: { venue: string; start: number; len: number | null }) =>
      visit(s.venue, s.start, s.len === null ? null : s.start + s.len)
    fc.assert(
      fc.property(
        fc.array(arbStay, { maxLength: 4 }),
        fc.array(fc.tuple(fc.constantFrom('P1', 'P2', 'P3', 'P4'), arbStay), { maxLength: 25 }),
        fc.integer({ min: 0, max: 30 }),
        (mine, others, bufferMinutes) => {
          const caseVisits = mine.map(build)
          const coVisits = others.map(([p, s]) => co(p, build(s)))
          const o = opts({ bufferMinutes })
          const key = (cs: ReturnType<typeof findOverlapContacts>) =>
            cs.flatMap((c) =>
              c.reasons.map(
                (r) =>
                  `${c.personId}|${'venueId' in r ? r.venueId : ''}|${'from' in r ? r.from.getTime() : ''}`,
              ),
            )
          const close = findOverlapContacts(caseVisits, coVisits, o)
          const general = findOverlapContacts(caseVisits, coVisits, { ...o, tier: 'general' })
          const everything = findOverlapContacts(caseVisits, coVisits, { ...o, params: allClose })
          for (const c of close) for (const r of c.reasons) expect(r.rule).toBe('venue_overlap')
          for (const c of general) for (const r of c.reasons) expect(r.rule).toBe('venue_copresence_general')
          expect([...key(close), ...key(general)].sort()).toEqual(key(everything).sort())
        },
      ),
    )
  })

  it('secondary contacts (CC2.DEF) come only from close-tier venues', () => {
    const trace = {
      personId: 'CC1',
      firstExposureAt: min(0),
      isolatedAt: min(1000),
      visits: [visit('office', 100, 500), visit('gym', 600, 660)],
      coVisits: [co('DESK', visit('office', 120, 480)), co('GYM', visit('gym', 610, 650))],
    }
    const found = findSecondaryContacts(
      [trace],
      { casePersonId: 'CASE', bufferMinutes: 0, params },
      min(2000),
    )
    expect(found.candidates.map((c) => c.personId)).toEqual(['GYM'])
    const legacy = findSecondaryContacts(
      [trace],
      { casePersonId: 'CASE', bufferMinutes: 0, params: allClose },
      min(2000),
    )
    expect(legacy.candidates.map((c) => c.personId)).toEqual(['DESK', 'GYM'])
  })
})
