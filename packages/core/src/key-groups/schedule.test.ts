import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeColour } from '../rules/compute-colour.js'
import { NO_FACTS, type HealthFacts } from '../rules/health-facts.js'
import { RULE_SET_PRESETS } from '../rules/rule-set.js'
import {
  isTestOverdue,
  KEY_GROUP_INTERVAL_DAYS,
  MUST_TEST_GROUPS,
  NATIONAL_GROUP_DEFAULTS,
  testOverdueAt,
} from './schedule.js'

const FK8 = RULE_SET_PRESETS.FK8
const GRACE = FK8.params.healthCode.overdueGraceHours
const T0 = new Date('2026-11-01T02:00:00Z')
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000)
const member = (lastNegative: Date | null, intervalDays = 7): HealthFacts => ({
  ...NO_FACTS,
  keyGroups: [{ group: 'medical_staff', intervalDays }],
  tests: lastNegative === null ? [] : [{ sampledAt: lastNegative, result: 'negative', pooled: false }],
})

describe('TEST.MUST: the national key groups', () => {
  it('are the 9 groups of the rule (8 items; item 4 is new inpatients and their carers)', () => {
    expect(MUST_TEST_GROUPS).toEqual([
      'close_contact',
      'inbound',
      'fever_clinic',
      'new_inpatient',
      'inpatient_companion',
      'medical_staff',
      'port_border_staff',
      'prison_staff',
      'eldercare_staff',
    ])
    expect(NATIONAL_GROUP_DEFAULTS.map((g) => g.code)).toEqual([...MUST_TEST_GROUPS])
  })

  it('each default names its group in both languages and says its interval is unsourced', () => {
    for (const g of NATIONAL_GROUP_DEFAULTS) {
      expect(g.names['zh-CN'].length).toBeGreaterThan(0)
      expect(g.names.en.length).toBeGreaterThan(0)
      expect(g.intervalDays).toBeGreaterThanOrEqual(KEY_GROUP_INTERVAL_DAYS.min)
      expect(g.intervalDays).toBeLessThanOrEqual(KEY_GROUP_INTERVAL_DAYS.max)
      // No RULES.md row gives a test frequency for a key group.
      expect('unsourced' in g.intervalSource, g.code).toBe(true)
    }
  })
})

describe('overdue (TEST.MUST schedule, HC.ZJ.2021 overdue colour, FK8 grace 24 h)', () => {
  // prettier-ignore
  const rows: [name: string, lastNegativeDaysAgo: number | null, overdue: boolean][] = [
    ['interval 7, negative 7 days ago: due now, still within the 24 h grace → not overdue', 7, false],
    ['interval 7, negative 8 days ago − 1 ms: grace not yet over → not overdue', 8 - 1 / 86_400_000, false],
    ['interval 7, negative 8 days ago: interval + grace over → overdue', 8, true],
    ['interval 7, negative 9 days ago → overdue', 9, true],
    ['interval 7, never a negative → overdue', null, true],
  ]
  it.each(rows)('%s', (_name, ago, overdue) => {
    const last = ago === null ? null : day(-ago)
    expect(isTestOverdue(last, 7, GRACE, T0)).toBe(overdue)
    // The code follows the same rule: overdue ⇔ TEST_OVERDUE (yellow under FK8).
    const d = computeColour(member(last), FK8, T0)
    expect(d.reasons.some((r) => r.code === 'TEST_OVERDUE')).toBe(overdue)
    expect(d.colour).toBe(overdue ? FK8.params.healthCode.overdueTestColour : 'green')
  })

  it('a positive or pending result does not reset the schedule', () => {
    const f: HealthFacts = {
      ...member(day(-10)),
      tests: [
        { sampledAt: day(-10), result: 'negative', pooled: false },
        { sampledAt: day(-1), result: 'pending', pooled: false },
      ],
    }
    expect(computeColour(f, FK8, T0).reasons.map((r) => r.code)).toContain('TEST_OVERDUE')
    expect(isTestOverdue(day(-10), 7, GRACE, T0)).toBe(true)
  })

  it('agrees with computeColour for any interval and last negative (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: KEY_GROUP_INTERVAL_DAYS.min, max: KEY_GROUP_INTERVAL_DAYS.max }),
        fc.integer({ min: 0, max: 80 * 24 }),
        (interval, hoursAgo) => {
          const last = new Date(T0.getTime() - hoursAgo * 3_600_000)
          const coded = computeColour(member(last, interval), FK8, T0).reasons.some(
            (r) => r.code === 'TEST_OVERDUE',
          )
          expect(isTestOverdue(last, interval, GRACE, T0)).toBe(coded)
        },
      ),
    )
  })

  it('the overdue instant is last negative + interval + grace', () => {
    expect(testOverdueAt(T0, 7, 24)).toBe(day(8).getTime())
    expect(testOverdueAt(null, 7, 24)).toBe(Number.NEGATIVE_INFINITY)
  })
})

describe('the TEST_OVERDUE reason names the group (TEST.MUST national, TEST.WILL local; FK8 grace 24 h)', () => {
  const overdue = (keyGroups: HealthFacts['keyGroups']) =>
    computeColour({ ...NO_FACTS, keyGroups }, FK8, T0).reasons.find((r) => r.code === 'TEST_OVERDUE')
  const rows: [string, HealthFacts['keyGroups'][number], string, string][] = [
    [
      'TEST.WILL: a local group, with the names the server carries',
      { group: 'bus_drivers', intervalDays: 3, names: { 'zh-CN': '公交司机', en: 'bus drivers' } },
      '公交司机',
      'bus drivers',
    ],
    [
      'TEST.MUST: a national group without names takes its default',
      { group: 'medical_staff', intervalDays: 7 },
      '医疗机构工作人员',
      'medical staff',
    ],
    [
      'an unknown group without names: a generic key group',
      { group: 'xyz', intervalDays: 7 },
      '重点人群',
      'key group',
    ],
  ]
  it.each(rows)('%s', (_name, fact, zh, en) => {
    const r = overdue([fact])
    expect(r?.params).toMatchObject({ group: fact.group, groupZh: zh, groupEn: en })
    expect(r?.text['zh-CN']).toMatch(new RegExp(`^${zh}应检尽检`))
    expect(r?.text.en).toContain(`“${en}”`)
    expect(r?.text['zh-CN']).not.toContain(fact.group)
  })
})
