/**
 * Discharge, release and exclusion at their boundaries (#16), rows citing RULES.md:
 * CONF.DISCHARGE (afebrile > 3 days, 2 negatives ≥ 24 h, ZL8's > 4 weeks positive), ASYM.ISO,
 * CASE.SUSPECT.EXCLUDE (2 negatives ≥ 24 h AND IgM/IgG negative ≥ 7 days after onset).
 */
import { describe, expect, it } from 'vitest'
import { caseDeadlines, checkDischarge, reclassificationProblem, type DischargeInput } from './case-rules.js'
import { RULE_SET_PRESETS } from './rule-set.js'

const P = RULE_SET_PRESETS.FK8.params
const NOW = new Date('2026-11-20T04:00:00Z')
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000)
const daysAgo = (d: number) => hoursAgo(d * 24)
const neg = (h: number) => ({ sampledAt: hoursAgo(h), result: 'negative' as const })
const pos = (h: number) => ({ sampledAt: hoursAgo(h), result: 'positive' as const })
/** Readings on each of the last `n` days (a reading 1 h, 25 h, … ago). */
const temps = (n: number, c = 36.6, skip?: number) =>
  Array.from({ length: n }, (_, i) => i)
    .filter((i) => i !== skip)
    .map((i) => ({ at: hoursAgo(1 + 24 * i), celsius: c }))

const confirmed = (over: Partial<DischargeInput> = {}): DischargeInput => ({
  status: 'confirmed',
  onsetAt: daysAgo(20),
  firstPositiveSampleAt: daysAgo(19),
  tests: [pos(24 * 19), neg(49), neg(25)],
  temperatures: temps(4),
  symptomsImproved: true,
  imagingImproved: true,
  ...over,
})
const met = (input: DischargeInput, id: string) =>
  checkDischarge(input, P, NOW).criteria.find((c) => c.id === id)?.met

describe('CONF.DISCHARGE (ZL7/ZL8)', () => {
  it('all met → discharge', () => {
    expect(checkDischarge(confirmed(), P, NOW).met).toBe(true)
  })
  it.each([
    ['negatives 24 h apart', [neg(48), neg(24)], true],
    ['negatives 23 h apart', [neg(47), neg(24)], false],
    ['one negative', [neg(24)], false],
    ['negative then positive', [neg(48), pos(24)], false],
  ] as const)('NAT: %s → %s', (_n, tests, ok) => {
    expect(met(confirmed({ tests: [pos(24 * 19), ...tests] }), 'NAT_NEGATIVE_TWICE')).toBe(ok)
  })
  it('afebrile > 3 days needs a reading on each of the last 4 days: the day-3 reading missing fails', () => {
    expect(met(confirmed(), 'AFEBRILE')).toBe(true)
    expect(met(confirmed({ temperatures: temps(4, 36.6, 2) }), 'AFEBRILE')).toBe(false)
    expect(met(confirmed({ temperatures: temps(3) }), 'AFEBRILE')).toBe(false)
  })
  it('the criteria name their variant and figures for the console (day 3 missing → 3 of 4 days)', () => {
    const c = checkDischarge(confirmed({ temperatures: temps(4, 36.6, 3) }), P, NOW).criteria
    expect(c.find((x) => x.id === 'AFEBRILE')).toMatchObject({
      variant: 'missingDays',
      params: { days: 4, afebrileDaysGt: 3, covered: 3 },
    })
    const gap = checkDischarge(confirmed({ tests: [pos(24 * 19), neg(47), neg(24)] }), P, NOW).criteria
    expect(gap.find((x) => x.id === 'NAT_NEGATIVE_TWICE')).toMatchObject({
      variant: 'gapTooShort',
      params: { need: 2, gapHours: 24, apartHours: 23 },
    })
    const fever = checkDischarge(
      confirmed({ temperatures: [...temps(4), { at: hoursAgo(2), celsius: 38.1 }] }),
      P,
      NOW,
    )
    expect(fever.criteria.find((x) => x.id === 'AFEBRILE')).toMatchObject({
      met: false,
      variant: 'fever',
      params: { celsius: 38.1, thresholdC: 37.3 },
    })
  })
  it('a reading at the fever threshold (37.3, rule set) fails; 37.2 passes', () => {
    expect(met(confirmed({ temperatures: temps(4, 37.3) }), 'AFEBRILE')).toBe(false)
    expect(met(confirmed({ temperatures: temps(4, 37.2) }), 'AFEBRILE')).toBe(true)
  })
  it('ZL8: positive > 4 weeks with the rest met → an infectiousness assessment replaces the negatives', () => {
    const long = confirmed({
      firstPositiveSampleAt: daysAgo(29),
      onsetAt: daysAgo(30),
      tests: [pos(24 * 29), pos(24)],
    })
    const r = checkDischarge(long, P, NOW)
    expect(r.met).toBe(false)
    expect(r.criteria.map((c) => c.id)).toContain('PERSISTENT_POSITIVE_ASSESSED')
    expect(checkDischarge({ ...long, infectivityAssessed: true }, P, NOW).met).toBe(true)
  })
  it('ZL8 path (> 4 weeks = 28 days) shows before symptoms and imaging are attested; they stay required', () => {
    const long = confirmed({
      firstPositiveSampleAt: daysAgo(29),
      tests: [pos(24 * 29), pos(24)],
      symptomsImproved: false,
      imagingImproved: false,
      infectivityAssessed: true,
    })
    const r = checkDischarge(long, P, NOW)
    expect(r.criteria.map((c) => c.id)).toContain('PERSISTENT_POSITIVE_ASSESSED')
    expect(r.met).toBe(false)
    expect(r.criteria.find((c) => c.id === 'PERSISTENT_POSITIVE_ASSESSED')).toMatchObject({
      met: true,
      params: { weeks: 4 },
    })
  })
  it('ZL8 path needs the temperature criterion met: a missing day-3 reading keeps the negatives', () => {
    const r = checkDischarge(
      confirmed({
        firstPositiveSampleAt: daysAgo(29),
        tests: [pos(24 * 29), pos(24)],
        temperatures: temps(4, 36.6, 3),
        infectivityAssessed: true,
      }),
      P,
      NOW,
    )
    expect(r.criteria.map((c) => c.id)).toContain('NAT_NEGATIVE_TWICE')
  })
  it('ZL8 path: exactly 4 weeks (28 days) is not "more than 4 weeks"', () => {
    const r = checkDischarge(
      confirmed({ firstPositiveSampleAt: daysAgo(28), tests: [pos(24 * 28), pos(24)] }),
      P,
      NOW,
    )
    expect(r.criteria.map((c) => c.id)).toContain('NAT_NEGATIVE_TWICE')
  })
  it('ZL8 path not before 4 weeks: positive for 27 days still needs the negatives', () => {
    const r = checkDischarge(
      confirmed({
        firstPositiveSampleAt: daysAgo(27),
        tests: [pos(24 * 27), pos(24)],
        infectivityAssessed: true,
      }),
      P,
      NOW,
    )
    expect(r.met).toBe(false)
    expect(r.criteria.map((c) => c.id)).toContain('NAT_NEGATIVE_TWICE')
  })
})

describe('ASYM.ISO: ≥ 14 days and 2 negatives ≥ 24 h apart', () => {
  const asym = (firstPositiveDaysAgo: number): DischargeInput => ({
    status: 'asymptomatic',
    onsetAt: undefined,
    firstPositiveSampleAt: daysAgo(firstPositiveDaysAgo),
    tests: [pos(24 * firstPositiveDaysAgo), neg(48), neg(24)],
    temperatures: [],
    symptomsImproved: false,
    imagingImproved: false,
  })
  it('day 14 → released; day 13.9 → not', () => {
    expect(checkDischarge(asym(14), P, NOW).met).toBe(true)
    expect(checkDischarge(asym(13.9), P, NOW).met).toBe(false)
  })
})

describe('CASE.SUSPECT.EXCLUDE: 2 negatives ≥ 24 h AND IgM, IgG negative ≥ 7 days after onset', () => {
  const suspected = (over: Partial<DischargeInput> = {}): DischargeInput => ({
    status: 'suspected',
    onsetAt: daysAgo(8),
    firstPositiveSampleAt: undefined,
    tests: [neg(48), neg(24)],
    temperatures: [],
    symptomsImproved: false,
    imagingImproved: false,
    antibodies: [{ sampledAt: daysAgo(1), igm: 'negative', igg: 'negative' }],
    ...over,
  })
  it('both → excluded', () => {
    expect(checkDischarge(suspected(), P, NOW).met).toBe(true)
  })
  it('negatives without antibodies → not excluded, and the missing criterion is named', () => {
    const r = checkDischarge(suspected({ antibodies: [] }), P, NOW)
    expect(r.met).toBe(false)
    expect(r.criteria.find((c) => c.id === 'ANTIBODIES_NEGATIVE')?.detail).toMatch(/none recorded/)
  })
  it('antibodies 6 days after onset do not count; 7 days do', () => {
    const onset = daysAgo(10)
    const at = (d: number) => [
      {
        sampledAt: new Date(onset.getTime() + d * 86_400_000),
        igm: 'negative' as const,
        igg: 'negative' as const,
      },
    ]
    expect(met(suspected({ onsetAt: onset, antibodies: at(6) }), 'ANTIBODIES_NEGATIVE')).toBe(false)
    expect(met(suspected({ onsetAt: onset, antibodies: at(7) }), 'ANTIBODIES_NEGATIVE')).toBe(true)
  })
  it('antibodies sampled before onset do not count and are named (a serum before onset is no evidence)', () => {
    const onset = daysAgo(10)
    const r = checkDischarge(
      suspected({
        onsetAt: onset,
        antibodies: [
          { sampledAt: daysAgo(12), igm: 'negative', igg: 'negative' },
          { sampledAt: daysAgo(5), igm: 'negative', igg: 'negative' },
        ],
      }),
      P,
      NOW,
    ).criteria.find((c) => c.id === 'ANTIBODIES_NEGATIVE')
    expect(r).toMatchObject({
      met: false,
      variant: 'tooEarly',
      params: { afterOnsetDays: 7, early: 2, beforeOnset: 1, from: daysAgo(3).toISOString() },
    })
  })
  it('antibodies at day 6 after onset → tooEarly; at day 7 → met, naming the sample', () => {
    const onset = daysAgo(10)
    const one = (d: number) =>
      checkDischarge(
        suspected({
          onsetAt: onset,
          antibodies: [
            { sampledAt: new Date(onset.getTime() + d * 86_400_000), igm: 'negative', igg: 'negative' },
          ],
        }),
        P,
        NOW,
      ).criteria.find((c) => c.id === 'ANTIBODIES_NEGATIVE')
    expect(one(6)?.variant).toBe('tooEarly')
    expect(one(7)).toMatchObject({
      met: true,
      variant: 'met',
      params: { sampledAt: daysAgo(3).toISOString() },
    })
  })
  it('IgG positive → not excluded', () => {
    const r = suspected({ antibodies: [{ sampledAt: daysAgo(1), igm: 'negative', igg: 'positive' }] })
    expect(met(r, 'ANTIBODIES_NEGATIVE')).toBe(false)
    expect(checkDischarge(r, P, NOW).criteria[1]).toMatchObject({
      variant: 'positive',
      params: { igm: 'negative', igg: 'positive' },
    })
  })
  it('negatives 23 h apart → not excluded', () => {
    expect(met(suspected({ tests: [neg(47), neg(24)] }), 'NAT_NEGATIVE_TWICE')).toBe(false)
  })
  it('no onset date → the antibody criterion says it needs one', () => {
    const r = checkDischarge(suspected({ onsetAt: undefined }), P, NOW)
    expect(r.criteria.find((c) => c.id === 'ANTIBODIES_NEGATIVE')?.detail).toMatch(/onset date/)
  })
})

describe('CASE.REPORT: reported within 2 h of diagnosis, investigated within 24 h of the report', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 20, 0) + h * 3_600_000)
  it.each([
    ['reported 2 h after diagnosis (bound)', 0, 2, undefined, 3, false, false],
    ['reported 2 h 1 min after diagnosis', 0, 2 + 1 / 60, undefined, 3, true, false],
    ['investigation open 23 h after the report', 0, 1, undefined, 24, false, false],
    ['investigation open 25 h after the report → overdue', 0, 1, undefined, 26, false, true],
    ['investigation closed 24 h after the report (bound)', 0, 1, 25, 40, false, false],
    ['investigation closed 25 h after the report → was late', 0, 1, 26, 40, false, true],
  ] as const)('%s', (_n, diagnosed, reported, done, now, reportLate, investigationLate) => {
    const d = caseDeadlines(
      {
        diagnosedAt: at(diagnosed),
        reportedAt: at(reported),
        investigationCompletedAt: done === undefined ? undefined : at(done),
      },
      P,
      at(now),
    )
    expect(d.report.overdue).toBe(reportLate)
    expect(d.investigation.overdue).toBe(investigationLate)
    expect(d.investigation.dueAt).toEqual(at(reported + 24))
  })
  it('no diagnosis time: the report clock starts at the report (never late)', () => {
    const d = caseDeadlines(
      { diagnosedAt: undefined, reportedAt: at(5), investigationCompletedAt: undefined },
      P,
      at(6),
    )
    expect(d.report).toEqual({ dueAt: at(7), doneAt: at(5), overdue: false })
  })
})

describe('re-classification (CASE.SUSPECT → CONFIRM / ASYM / EXCLUDE; CASE.ASYM (b) 订正)', () => {
  it.each([
    ['suspected', 'confirmed', true, undefined],
    ['suspected', 'asymptomatic', false, undefined],
    ['suspected', 'excluded', false, undefined],
    ['asymptomatic', 'confirmed', true, undefined],
    ['asymptomatic', 'confirmed', false, /give onsetAt/],
    ['asymptomatic', 'excluded', false, /cannot become/],
    ['confirmed', 'excluded', false, /cannot become/],
    ['confirmed', 'asymptomatic', true, /cannot become/],
    ['excluded', 'suspected', false, /cannot become/],
  ] as const)('%s → %s (onset known: %s)', (from, to, hasOnset, problem) => {
    const p = reclassificationProblem(from, to, hasOnset)
    if (problem === undefined) expect(p).toBeUndefined()
    else expect(p).toMatch(problem)
  })
})
