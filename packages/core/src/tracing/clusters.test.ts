import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { RULE_SET_PRESETS, type RuleSetParams } from '../rules/rule-set.js'
import { detectClusters, type ClusterCase } from './clusters.js'

const FK6 = RULE_SET_PRESETS.FK6.params // ≥2 in 14 days
const FK8 = RULE_SET_PRESETS.FK8.params // ≥5 in 14 days
const NO_ASYM: RuleSetParams = { ...FK8, cluster: { ...FK8.cluster, countAsymptomatic: false } }
const T0 = new Date('2026-11-01T00:00:00Z')
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000)
const NOW = day(60)

let seq = 0
const mk = (
  d: number,
  links: Partial<ClusterCase['links']>,
  kind: ClusterCase['kind'] = 'confirmed',
): ClusterCase => {
  seq++
  return {
    caseId: `C${String(seq).padStart(2, '0')}`,
    personId: `P${String(seq).padStart(2, '0')}`,
    onsetOrSampleAt: day(d),
    kind,
    links: { venues: [], ...links },
  }
}

interface Row {
  name: string
  cases: ClusterCase[]
  params: RuleSetParams
  now?: Date
  expected: { kind: string; key: string; size: number }[]
}

const TABLE: Row[] = [
  {
    name: 'FK6: 2 household cases in 14 days → cluster',
    cases: [mk(0, { household: 'H' }), mk(5, { household: 'H' })],
    params: FK6,
    expected: [{ kind: 'household', key: 'H', size: 2 }],
  },
  {
    name: 'FK8: 2 household cases → no cluster',
    cases: [mk(0, { household: 'H' }), mk(5, { household: 'H' })],
    params: FK8,
    expected: [],
  },
  {
    name: 'FK8: 4 workplace cases → no',
    cases: [0, 1, 2, 3].map((d) => mk(d, { workplace: 'W' })),
    params: FK8,
    expected: [],
  },
  {
    name: 'FK8: 5 workplace cases → cluster',
    cases: [0, 1, 2, 3, 4].map((d) => mk(d, { workplace: 'W' })),
    params: FK8,
    expected: [{ kind: 'workplace', key: 'W', size: 5 }],
  },
  {
    name: 'window edge: 13.99 days apart counts',
    cases: [mk(0, { school: 'S' }), mk(13.99, { school: 'S' })],
    params: FK6,
    expected: [{ kind: 'school', key: 'S', size: 2 }],
  },
  {
    name: 'window edge: exactly 14 days apart does not',
    cases: [mk(0, { school: 'S' }), mk(14, { school: 'S' })],
    params: FK6,
    expected: [],
  },
  {
    name: 'suspected cases never count',
    cases: [mk(0, { household: 'H' }), mk(1, { household: 'H' }, 'suspected')],
    params: FK6,
    expected: [],
  },
  {
    name: 'asymptomatic counts by default',
    cases: [0, 1, 2, 3].map((d) => mk(d, { venues: ['V'] })).concat(mk(4, { venues: ['V'] }, 'asymptomatic')),
    params: FK8,
    expected: [{ kind: 'venue', key: 'V', size: 5 }],
  },
  {
    name: 'asymptomatic not counted when toggled off',
    cases: [0, 1, 2, 3].map((d) => mk(d, { venues: ['V'] })).concat(mk(4, { venues: ['V'] }, 'asymptomatic')),
    params: NO_ASYM,
    expected: [],
  },
  {
    name: 'a quiet gap longer than the window splits clusters',
    cases: [
      mk(0, { household: 'H' }),
      mk(1, { household: 'H' }),
      mk(30, { household: 'H' }),
      mk(31, { household: 'H' }),
    ],
    params: FK6,
    expected: [
      { kind: 'household', key: 'H', size: 2 },
      { kind: 'household', key: 'H', size: 2 },
    ],
  },
  {
    name: 'a chain of overlapping windows is one cluster',
    cases: [0, 10, 20, 30].map((d) => mk(d, { household: 'H' })),
    params: FK6,
    expected: [{ kind: 'household', key: 'H', size: 4 }],
  },
  {
    name: 'cases after now are ignored',
    cases: [mk(0, { household: 'H' }), mk(70, { household: 'H' })],
    params: FK6,
    expected: [],
  },
]

describe('detectClusters (§A9)', () => {
  it.each(TABLE)('$name', (row) => {
    const out = detectClusters(row.cases, row.params, row.now ?? NOW)
    expect(out.map((c) => ({ kind: c.kind, key: c.key, size: c.caseIds.length }))).toEqual(row.expected)
  })

  it('one person with two case records counts once', () => {
    const a = mk(0, { household: 'H' })
    const b = { ...mk(1, { household: 'H' }), personId: a.personId }
    expect(detectClusters([a, b], FK6, NOW)).toEqual([])
  })

  it('reports first / last dates and whether it is active', () => {
    const [c] = detectClusters([mk(50, { household: 'H' }), mk(52, { household: 'H' })], FK6, NOW)
    expect(c).toMatchObject({ firstAt: day(50), lastAt: day(52), active: true })
    const [old] = detectClusters([mk(0, { household: 'H' }), mk(2, { household: 'H' })], FK6, NOW)
    expect(old?.active).toBe(false)
  })

  it('property: every cluster has ≥ minCases counted cases within the window span of each other', () => {
    const arbCase = fc.record({
      d: fc.double({ min: 0, max: 60, noNaN: true }),
      household: fc.constantFrom('H1', 'H2'),
      kind: fc.constantFrom('confirmed' as const, 'asymptomatic' as const, 'suspected' as const),
    })
    fc.assert(
      fc.property(
        fc.array(arbCase, { maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (list, minCases, countAsymptomatic) => {
          const params = { ...FK8, cluster: { windowDays: 14, minCases, countAsymptomatic } }
          const cases = list.map((c, i) => ({
            caseId: `C${i}`,
            personId: `P${i}`,
            onsetOrSampleAt: day(c.d),
            kind: c.kind,
            links: { household: c.household, venues: [] },
          }))
          const kindOf = new Map(cases.map((c) => [c.caseId, c.kind]))
          for (const cl of detectClusters(cases, params, NOW)) {
            expect(cl.caseIds.length).toBeGreaterThanOrEqual(minCases)
            expect(new Set(cl.caseIds).size).toBe(cl.caseIds.length)
            for (const id of cl.caseIds) {
              expect(kindOf.get(id)).not.toBe('suspected')
              if (!countAsymptomatic) expect(kindOf.get(id)).toBe('confirmed')
            }
            expect(cl.firstAt.getTime()).toBeLessThanOrEqual(cl.lastAt.getTime())
          }
        },
      ),
    )
  })
})
