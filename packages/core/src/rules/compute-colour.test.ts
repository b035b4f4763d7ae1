import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeColour } from './compute-colour.js'
import { NO_FACTS, type HealthFacts } from './health-facts.js'
import { RULE_SET_PRESETS, type CodeColour, type RuleSet } from './rule-set.js'
import type { ReasonCode } from './reasons.js'

const FK8 = RULE_SET_PRESETS.FK8
const FK7 = RULE_SET_PRESETS.FK7
const FK6 = RULE_SET_PRESETS.FK6
const T0 = new Date('2026-11-01T02:00:00Z') // 10:00 in Shanghai
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000)
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000)
const facts = (f: Partial<HealthFacts>): HealthFacts => ({ ...NO_FACTS, ...f })

interface Row {
  name: string
  facts: HealthFacts
  at: Date
  colour: CodeColour
  reasons: ReasonCode[]
  rules?: RuleSet
}

/** Every rule, and the transitions its timers cause (RULES.md §A8 with §A1–A3). */
const TABLE: Row[] = [
  { name: 'no facts → green', facts: NO_FACTS, at: T0, colour: 'green', reasons: [] },
  // cases
  {
    name: 'confirmed, active → red',
    facts: facts({ cases: [{ kind: 'confirmed', since: day(-3) }] }),
    at: T0,
    colour: 'red',
    reasons: ['ACTIVE_CASE'],
  },
  {
    name: 'suspected → red',
    facts: facts({ cases: [{ kind: 'suspected', since: day(-1) }] }),
    at: T0,
    colour: 'red',
    reasons: ['ACTIVE_CASE'],
  },
  {
    name: 'suspected excluded → green',
    facts: facts({ cases: [{ kind: 'suspected', since: day(-3), excludedAt: day(-1) }] }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'asymptomatic → red',
    facts: facts({ cases: [{ kind: 'asymptomatic', since: day(-2) }] }),
    at: T0,
    colour: 'red',
    reasons: ['ACTIVE_CASE'],
  },
  {
    name: 'confirmed, discharged 10 days ago → red (post-discharge 14 d)',
    facts: facts({ cases: [{ kind: 'confirmed', since: day(-30), dischargedAt: day(-10) }] }),
    at: T0,
    colour: 'red',
    reasons: ['POST_DISCHARGE'],
  },
  {
    name: 'confirmed, discharged 14 days ago → green',
    facts: facts({ cases: [{ kind: 'confirmed', since: day(-30), dischargedAt: day(-14) }] }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'asymptomatic released 13 days ago → red',
    facts: facts({ cases: [{ kind: 'asymptomatic', since: day(-30), dischargedAt: day(-13) }] }),
    at: T0,
    colour: 'red',
    reasons: ['POST_DISCHARGE'],
  },
  // contacts
  {
    name: 'close contact day 5 → red',
    facts: facts({ contacts: [{ degree: 'close', lastExposure: day(-5) }] }),
    at: T0,
    colour: 'red',
    reasons: ['CLOSE_CONTACT'],
  },
  {
    name: 'close contact day 16, FK8 → yellow (home monitoring 14+7)',
    facts: facts({ contacts: [{ degree: 'close', lastExposure: day(-16) }] }),
    at: T0,
    colour: 'yellow',
    reasons: ['CLOSE_CONTACT_HOME_MONITORING'],
  },
  {
    name: 'close contact day 16, FK7 → green (no +7)',
    facts: facts({ contacts: [{ degree: 'close', lastExposure: day(-16) }] }),
    at: T0,
    colour: 'green',
    reasons: [],
    rules: FK7,
  },
  {
    name: 'close contact day 21 exactly, FK8 → green',
    facts: facts({ contacts: [{ degree: 'close', lastExposure: day(-21) }] }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'secondary contact day 3 → red',
    facts: facts({ contacts: [{ degree: 'secondary', lastExposure: day(-3) }] }),
    at: T0,
    colour: 'red',
    reasons: ['SECONDARY_CONTACT'],
  },
  {
    name: 'secondary contact day 8 → green',
    facts: facts({ contacts: [{ degree: 'secondary', lastExposure: day(-8) }] }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'secondary contact under FK6 (not defined) → green',
    facts: facts({ contacts: [{ degree: 'secondary', lastExposure: day(-3) }] }),
    at: T0,
    colour: 'green',
    reasons: [],
    rules: FK6,
  },
  // quarantine orders
  {
    name: 'centralized quarantine (inbound) → red',
    facts: facts({ quarantines: [{ kind: 'centralized', reason: 'inbound', start: day(-2), end: day(12) }] }),
    at: T0,
    colour: 'red',
    reasons: ['QUARANTINE'],
  },
  {
    name: 'home isolation → red',
    facts: facts({
      quarantines: [{ kind: 'home_isolation', reason: 'risk_area', start: day(-2), end: day(5) }],
    }),
    at: T0,
    colour: 'red',
    reasons: ['QUARANTINE'],
  },
  {
    name: 'home monitoring → yellow',
    facts: facts({
      quarantines: [{ kind: 'home_monitoring', reason: 'inbound', start: day(-2), end: day(5) }],
    }),
    at: T0,
    colour: 'yellow',
    reasons: ['HOME_MONITORING'],
  },
  {
    name: 'quarantine released early → green',
    facts: facts({
      quarantines: [
        { kind: 'centralized', reason: 'other', start: day(-5), end: day(9), releasedAt: day(-1) },
      ],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'quarantine that has not started → green',
    facts: facts({ quarantines: [{ kind: 'centralized', reason: 'inbound', start: day(1), end: day(15) }] }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  // tests
  {
    name: 'individual positive, no case yet → red',
    facts: facts({ tests: [{ sampledAt: day(-1), result: 'positive', pooled: false }] }),
    at: T0,
    colour: 'red',
    reasons: ['POSITIVE_TEST'],
  },
  {
    name: 're-positive (复阳) after discharge and observation → red again',
    facts: facts({
      cases: [{ kind: 'confirmed', since: day(-60), dischargedAt: day(-30) }],
      tests: [
        { sampledAt: day(-50), result: 'positive', pooled: false },
        { sampledAt: day(-1), result: 'positive', pooled: false },
      ],
    }),
    at: T0,
    colour: 'red',
    reasons: ['POSITIVE_TEST'],
  },
  {
    name: 'a positive from during the case, after discharge and observation → green',
    facts: facts({
      cases: [{ kind: 'confirmed', since: day(-60), dischargedAt: day(-30) }],
      tests: [{ sampledAt: day(-50), result: 'positive', pooled: false }],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'positive pool, no single-tube result → red',
    facts: facts({ tests: [{ sampledAt: day(-1), result: 'positive', pooled: true }] }),
    at: T0,
    colour: 'red',
    reasons: ['POOL_POSITIVE'],
  },
  {
    name: 'positive pool then negative single tube → green',
    facts: facts({
      tests: [
        { sampledAt: day(-1), result: 'positive', pooled: true },
        { sampledAt: hours(-6), result: 'negative', pooled: false },
      ],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'positive pool, single tube pending → red',
    facts: facts({
      tests: [
        { sampledAt: day(-1), result: 'positive', pooled: true },
        { sampledAt: hours(-6), result: 'pending', pooled: false },
      ],
    }),
    at: T0,
    colour: 'red',
    reasons: ['POOL_POSITIVE'],
  },
  // fever clinic and symptoms
  {
    name: 'fever clinic, no test since → red',
    facts: facts({ feverClinicVisits: [{ at: day(-1) }] }),
    at: T0,
    colour: 'red',
    reasons: ['FEVER_CLINIC'],
  },
  {
    name: 'fever clinic, negative test since → green',
    facts: facts({
      feverClinicVisits: [{ at: day(-1) }],
      tests: [{ sampledAt: hours(-20), result: 'negative', pooled: false }],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'declared fever 37.8 → yellow',
    facts: facts({ declarations: [{ at: hours(-3), temperatureC: 37.8, symptoms: [] }] }),
    at: T0,
    colour: 'yellow',
    reasons: ['SYMPTOMS'],
  },
  {
    name: 'declared 37.2 without symptoms → green',
    facts: facts({ declarations: [{ at: hours(-3), temperatureC: 37.2, symptoms: [] }] }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'cough, then 6 days of normal declarations → still yellow',
    facts: facts({
      declarations: [
        { at: day(-7), symptoms: ['cough'] },
        ...[1, 2, 3, 4, 5, 6].map((d) => ({ at: day(-7 + d), temperatureC: 36.5, symptoms: [] })),
      ],
    }),
    at: T0,
    colour: 'yellow',
    reasons: ['SYMPTOMS'],
  },
  {
    name: 'cough, then 7 consecutive days of normal declarations → green',
    facts: facts({
      declarations: [
        { at: day(-8), symptoms: ['cough'] },
        ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ at: day(-8 + d), temperatureC: 36.5, symptoms: [] })),
      ],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'cough, then a negative test → green',
    facts: facts({
      declarations: [{ at: day(-2), symptoms: ['cough'] }],
      tests: [{ sampledAt: day(-1), result: 'negative', pooled: false }],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  // trips
  {
    name: 'left a high-risk area 3 days ago → red',
    facts: facts({
      trips: [{ regionCode: '420106', regionName: '武昌区', leftAt: day(-3), riskLevel: 'high' }],
    }),
    at: T0,
    colour: 'red',
    reasons: ['RISK_AREA_TRIP'],
  },
  {
    name: 'left a medium-risk area 3 days ago → yellow',
    facts: facts({
      trips: [{ regionCode: '420106', regionName: '武昌区', leftAt: day(-3), riskLevel: 'medium' }],
    }),
    at: T0,
    colour: 'yellow',
    reasons: ['RISK_AREA_TRIP'],
  },
  {
    name: 'left a high-risk area 14 days ago → green',
    facts: facts({
      trips: [{ regionCode: '420106', regionName: '武昌区', leftAt: day(-14), riskLevel: 'high' }],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'low-risk trip → green',
    facts: facts({
      trips: [{ regionCode: '420106', regionName: '武昌区', leftAt: day(-1), riskLevel: 'low' }],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  // key groups
  {
    name: 'key group, weekly test, last negative 9 days ago → yellow',
    facts: facts({
      keyGroups: [{ group: 'medical_staff', intervalDays: 7 }],
      tests: [{ sampledAt: day(-9), result: 'negative', pooled: true }],
    }),
    at: T0,
    colour: 'yellow',
    reasons: ['TEST_OVERDUE'],
  },
  {
    name: 'key group, within the grace period → green',
    facts: facts({
      keyGroups: [{ group: 'medical_staff', intervalDays: 7 }],
      tests: [{ sampledAt: hours(-7 * 24 - 12), result: 'negative', pooled: false }],
    }),
    at: T0,
    colour: 'green',
    reasons: [],
  },
  {
    name: 'key group, never tested → yellow',
    facts: facts({ keyGroups: [{ group: 'port_border_staff', intervalDays: 7 }] }),
    at: T0,
    colour: 'yellow',
    reasons: ['TEST_OVERDUE'],
  },
  // combinations: the worst colour wins, all reasons are listed
  {
    name: 'symptoms and close contact → red with both reasons',
    facts: facts({
      contacts: [{ degree: 'close', lastExposure: day(-2) }],
      declarations: [{ at: hours(-1), symptoms: ['fever'] }],
    }),
    at: T0,
    colour: 'red',
    reasons: ['CLOSE_CONTACT', 'SYMPTOMS'],
  },
]

describe('computeColour: every rule', () => {
  it.each(TABLE)('$name', ({ facts: f, at, colour, reasons, rules }) => {
    const d = computeColour(f, rules ?? FK8, at)
    expect(d.colour).toBe(colour)
    expect(d.reasons.map((r) => r.code).sort()).toEqual([...reasons].sort())
    expect(d.ruleSetVersion).toBe(`${(rules ?? FK8).id}@1`)
    expect(d.validUntil.getTime()).toBeGreaterThan(at.getTime())
    for (const r of d.reasons) {
      expect(r.text['zh-CN']).not.toMatch(/\{\w+\}/)
      expect(r.text.en).not.toMatch(/\{\w+\}/)
    }
    if (colour === 'green') expect(d.actions).toEqual([])
    else expect(d.actions.length).toBeGreaterThan(0)
  })
})

describe('computeColour: transitions over time', () => {
  it('close contact under FK8: red → yellow at day 14 → green at day 21, and says so', () => {
    const f = facts({ contacts: [{ degree: 'close', lastExposure: T0 }] })
    const d0 = computeColour(f, FK8, day(1))
    expect(d0.colour).toBe('red')
    expect(d0.validUntil).toEqual(day(2)) // recomputed at least daily
    const wait = d0.actions.find((a) => a.code === 'WAIT_UNTIL')
    expect(wait?.params['nextEn']).toBe('yellow')
    expect(wait?.text.en).toContain('2026-11-15 10:00')
    expect(d0.reasons[0]?.text['zh-CN']).toBe('密切接触者，医学观察至 2026-11-15 10:00')
    const d14 = computeColour(f, FK8, day(14))
    expect(d14.colour).toBe('yellow')
    expect(d14.actions.find((a) => a.code === 'WAIT_UNTIL')?.at).toEqual(day(21))
    expect(computeColour(f, FK8, day(21)).colour).toBe('green')
  })

  it('upgrade: green → red when a case is confirmed; downgrade after discharge + 14 days', () => {
    const contact = facts({ contacts: [{ degree: 'close', lastExposure: day(-20) }] })
    expect(computeColour(contact, FK8, T0).colour).toBe('yellow')
    const confirmed = facts({ ...contact, cases: [{ kind: 'confirmed', since: day(-1) }] })
    expect(computeColour(confirmed, FK8, T0).colour).toBe('red')
    const discharged = facts({ cases: [{ kind: 'confirmed', since: day(-1), dischargedAt: day(10) }] })
    expect(computeColour(discharged, FK8, day(11)).reasons[0]?.code).toBe('POST_DISCHARGE')
    expect(computeColour(discharged, FK8, day(24)).colour).toBe('green')
  })

  it('key-group schedule: validUntil of a green code is when the test falls due', () => {
    const f = facts({
      keyGroups: [{ group: 'medical_staff', intervalDays: 7 }],
      tests: [{ sampledAt: T0, result: 'negative', pooled: false }],
    })
    const d = computeColour(f, FK8, hours(1))
    expect(d.colour).toBe('green')
    expect(d.validUntil).toEqual(hours(1 + 24)) // green recheck (24 h) comes before the due date
    const later = computeColour(f, FK8, day(7))
    expect(later.colour).toBe('green')
    expect(later.validUntil).toEqual(day(8)) // due at day 7 + 24 h grace
    expect(computeColour(f, FK8, day(8)).colour).toBe('yellow')
  })

  it('regional overrides change the outcome and the recorded version', () => {
    const strict: RuleSet = {
      id: '420100-strict',
      edition: 'FK8',
      version: 3,
      params: {
        ...FK8.params,
        healthCode: { ...FK8.params.healthCode, tripColour: { high: 'red', medium: 'red' } },
      },
    }
    const f = facts({
      trips: [{ regionCode: '420106', regionName: '武昌区', leftAt: day(-1), riskLevel: 'medium' }],
    })
    const d = computeColour(f, strict, T0)
    expect(d.colour).toBe('red')
    expect(d.ruleSetVersion).toBe('420100-strict@3')
  })
})

describe('computeColour: properties', () => {
  const date = fc.integer({ min: -40, max: 40 }).map((n) => day(n))
  const arbFacts: fc.Arbitrary<HealthFacts> = fc.record({
    cases: fc.array(
      fc.record({
        kind: fc.constantFrom('suspected', 'confirmed', 'asymptomatic'),
        since: date,
        dischargedAt: fc.option(date, { nil: undefined }),
      }),
      { maxLength: 2 },
    ),
    contacts: fc.array(fc.record({ degree: fc.constantFrom('close', 'secondary'), lastExposure: date }), {
      maxLength: 3,
    }),
    quarantines: fc.array(
      fc.record({
        kind: fc.constantFrom('centralized', 'home_isolation', 'home_monitoring'),
        reason: fc.constantFrom('close_contact', 'inbound', 'other'),
        start: date,
        end: date,
      }),
      { maxLength: 2 },
    ),
    tests: fc.array(
      fc.record({
        sampledAt: date,
        result: fc.constantFrom('positive', 'negative', 'pending'),
        pooled: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    trips: fc.array(
      fc.record({
        regionCode: fc.constant('420106'),
        regionName: fc.constant('武昌区'),
        leftAt: date,
        riskLevel: fc.constantFrom('low', 'medium', 'high'),
      }),
      { maxLength: 2 },
    ),
    declarations: fc.array(
      fc.record({
        at: date,
        temperatureC: fc.option(fc.double({ min: 35, max: 41, noNaN: true }), { nil: undefined }),
        symptoms: fc.array(fc.constantFrom('cough', 'fever'), { maxLength: 2 }),
      }),
      { maxLength: 4 },
    ),
    feverClinicVisits: fc.array(fc.record({ at: date }), { maxLength: 1 }),
    keyGroups: fc.array(
      fc.record({ group: fc.constant('medical_staff'), intervalDays: fc.integer({ min: 1, max: 14 }) }),
      { maxLength: 1 },
    ),
  })

  it('the colour is the worst reason, green has no reasons, validUntil is in the future, texts are filled', () => {
    fc.assert(
      fc.property(arbFacts, fc.constantFrom(FK6, FK7, FK8), date, (f, rs, now) => {
        const d = computeColour(f, rs, now)
        const rank = { green: 0, yellow: 1, red: 2 }
        expect(rank[d.colour]).toBe(Math.max(0, ...d.reasons.map((r) => rank[r.colour])))
        expect(d.colour === 'green').toBe(d.reasons.length === 0)
        expect(d.validUntil.getTime()).toBeGreaterThan(now.getTime())
        for (const r of d.reasons) expect(r.text.en + r.text['zh-CN']).not.toMatch(/\{\w+\}|undefined|NaN/)
      }),
    )
  })

  it('nothing changes by time alone before validUntil', () => {
    fc.assert(
      fc.property(arbFacts, date, (f, now) => {
        const d = computeColour(f, FK8, now)
        const justBefore = new Date(d.validUntil.getTime() - 1)
        expect(computeColour(f, FK8, justBefore).colour).toBe(d.colour)
      }),
    )
  })
})
