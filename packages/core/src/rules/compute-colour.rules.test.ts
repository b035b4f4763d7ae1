/**
 * The edges #16 found encoded differently from the guidance, each row citing its RULES.md id:
 * the missed declaration day (HC.HZ.YELLOW), an unexplained positive and one negative
 * (CASE.SUSPECT.EXCLUDE), the fever clinic with no test (HC.ZJ.2021), a colour per reason
 * (HC.HUBEI as rule-set data) and one source for each period (CC.OBS, CC2.OBS, CONF.AFTER).
 */
import { describe, expect, it } from 'vitest'
import { computeColour, consecutiveNegatives } from './compute-colour.js'
import { NO_FACTS, type HealthFacts } from './health-facts.js'
import { RULE_SET_PRESETS, type RuleSet } from './rule-set.js'

const FK8 = RULE_SET_PRESETS.FK8
const T0 = new Date('2026-11-01T02:00:00Z') // 10:00 in Shanghai
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000)
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000)
const facts = (f: Partial<HealthFacts>): HealthFacts => ({ ...NO_FACTS, ...f })
const colourOf = (f: HealthFacts, at: Date, rs: RuleSet = FK8) => computeColour(f, rs, at).colour
const edit = (f: (p: RuleSet['params']) => RuleSet['params']): RuleSet => ({
  ...FK8,
  id: 'edited',
  params: f(FK8.params),
})

const cough = { at: T0, symptoms: ['cough'] }
const normal = (d: number) => ({ at: day(d), temperatureC: 36.5, symptoms: [] })

describe('HC.HZ.YELLOW: 7 consecutive normal declaration days clear a symptom yellow', () => {
  it('cough, one missed day, then 11 normal days → green (the count restarts, it does not end)', () => {
    const f = facts({ declarations: [cough, ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(normal)] })
    expect(colourOf(f, day(12.1))).toBe('green')
  })
  it('cough, missed day 1, normal days 2..7 (6 days) → still yellow; day 8 normal → green', () => {
    const six = [2, 3, 4, 5, 6, 7].map(normal)
    expect(colourOf(facts({ declarations: [cough, ...six] }), day(7.1))).toBe('yellow')
    expect(colourOf(facts({ declarations: [cough, ...six, normal(8)] }), day(8.1))).toBe('green')
  })
  it('normal days 1..6, a missed day, normal 8..10 → yellow (no run of 7)', () => {
    const f = facts({ declarations: [cough, ...[1, 2, 3, 4, 5, 6, 8, 9, 10].map(normal)] })
    expect(colourOf(f, day(10.1))).toBe('yellow')
  })
  it('a fever at 37.3 °C (the preset threshold, UNSOURCED) is abnormal; 37.2 is not', () => {
    expect(colourOf(facts({ declarations: [{ at: T0, temperatureC: 37.3, symptoms: [] }] }), hours(1))).toBe(
      'yellow',
    )
    expect(colourOf(facts({ declarations: [{ at: T0, temperatureC: 37.2, symptoms: [] }] }), hours(1))).toBe(
      'green',
    )
  })
})

describe('CASE.SUSPECT.EXCLUDE: an unexplained positive is cleared by 2 negatives ≥ 24 h apart, never by one', () => {
  const pos = { sampledAt: T0, result: 'positive' as const, pooled: false }
  const neg = (h: number) => ({ sampledAt: hours(h), result: 'negative' as const, pooled: false })
  it.each([
    ['positive alone', [pos], 'red'],
    ['one negative after it', [pos, neg(24)], 'red'],
    ['two negatives 23 h apart', [pos, neg(24), neg(47)], 'red'],
    ['two negatives 24 h apart', [pos, neg(24), neg(48)], 'green'],
    ['negatives 23 h, then 25 h after the first', [pos, neg(24), neg(47), neg(49)], 'green'],
  ] as const)('%s → %s', (_name, tests, colour) => {
    expect(colourOf(facts({ tests: [...tests] }), hours(50))).toBe(colour)
  })
  it('consecutiveNegatives: a positive between resets the run', () => {
    const r = [neg(0), { sampledAt: hours(12), result: 'positive' }, neg(30)]
    expect(consecutiveNegatives(r, 2, 24)).toBe(false)
    expect(consecutiveNegatives([neg(0), neg(24)], 2, 24)).toBe(true)
    expect(consecutiveNegatives([], 0, 24)).toBe(true)
  })
})

describe('HC.ZJ.2021: unexplained fever (fever clinic) is red until a negative NAT', () => {
  const visit = { at: T0 }
  it('no test after 30 days → still red (no lapse in FK8: feverClinicLapseDays 0)', () => {
    expect(colourOf(facts({ feverClinicVisits: [visit] }), day(30))).toBe('red')
  })
  it('a negative sampled after the visit → green', () => {
    const f = facts({
      feverClinicVisits: [visit],
      tests: [{ sampledAt: hours(3), result: 'negative', pooled: false }],
    })
    expect(colourOf(f, hours(4))).toBe('green')
  })
  it('a region that sets a lapse of 14 days gets green on day 14 with no test', () => {
    const rs = edit((p) => ({ ...p, healthCode: { ...p.healthCode, feverClinicLapseDays: 14 } }))
    expect(colourOf(facts({ feverClinicVisits: [visit] }), day(13.9), rs)).toBe('red')
    expect(colourOf(facts({ feverClinicVisits: [visit] }), day(14), rs)).toBe('green')
  })
})

describe('a colour per reason, periods from one source', () => {
  const cc = facts({ contacts: [{ degree: 'close', lastExposure: T0 }] })
  const cc2 = facts({ contacts: [{ degree: 'secondary', lastExposure: T0 }] })
  it('FK8 (HC.ZJ.2021, CC.OBS 14+7): close contact red to day 14, yellow to day 21, then green', () => {
    expect(colourOf(cc, day(13.9))).toBe('red')
    expect(colourOf(cc, day(14))).toBe('yellow')
    expect(colourOf(cc, day(21))).toBe('green')
  })
  it('HC.HUBEI as data: close contacts yellow while secondary contacts stay red', () => {
    const hubei = edit((p) => ({
      ...p,
      healthCode: {
        ...p.healthCode,
        isolationColour: { ...p.healthCode.isolationColour, close_contact: 'yellow' },
      },
    }))
    expect(colourOf(cc, day(1), hubei)).toBe('yellow')
    expect(colourOf(cc2, day(1), hubei)).toBe('red')
  })
  it('CC2.OBS: a secondary contact is observed secondaryContact.centralizedDays (7, FK8; 0 in FK6)', () => {
    expect(colourOf(cc2, day(6.9))).toBe('red')
    expect(colourOf(cc2, day(7))).toBe('green')
    expect(colourOf(cc2, day(1), RULE_SET_PRESETS.FK6)).toBe('green')
  })
  it('a region that lengthens closeContact.centralizedDays lengthens the red too (no second copy)', () => {
    const rs = edit((p) => ({ ...p, closeContact: { ...p.closeContact, centralizedDays: 21 } }))
    expect(colourOf(cc, day(20.9), rs)).toBe('red')
  })
  it('CONF.AFTER: post-discharge from confirmed.afterDischargeDays; HC.HUBEI yellow via postDischargeColour', () => {
    const discharged = facts({ cases: [{ kind: 'confirmed', since: day(-20), dischargedAt: T0 }] })
    expect(colourOf(discharged, day(13.9))).toBe('red')
    expect(colourOf(discharged, day(14))).toBe('green')
    const staged = edit((p) => ({ ...p, healthCode: { ...p.healthCode, postDischargeColour: 'yellow' } }))
    expect(colourOf(discharged, day(1), staged)).toBe('yellow')
  })
  it("a quarantine order takes its reason's colour (an inbound order stays red when contacts are yellow)", () => {
    const order = (reason: 'inbound' | 'close_contact') =>
      facts({ quarantines: [{ kind: 'centralized', reason, start: T0, end: day(14) }] })
    const rs = edit((p) => ({
      ...p,
      healthCode: {
        ...p.healthCode,
        isolationColour: { ...p.healthCode.isolationColour, close_contact: 'yellow' },
      },
    }))
    expect(colourOf(order('inbound'), day(1), rs)).toBe('red')
    expect(colourOf(order('close_contact'), day(1), rs)).toBe('yellow')
  })
})
