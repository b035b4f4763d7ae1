import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { RULE_SET_PRESETS, type RuleSetParams } from '../rules/rule-set.js'
import { exposureWindow, isExposureWindow, type ExposureWindowCase } from './exposure-window.js'

const FK8 = RULE_SET_PRESETS.FK8.params
const FK9: RuleSetParams = { ...FK8, closeContact: { ...FK8.closeContact, windowBeforeOnsetDays: 4 } }
const T0 = new Date('2026-11-10T00:00:00Z')
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000)

interface Row {
  name: string
  c: ExposureWindowCase
  params?: RuleSetParams
  now?: Date
  start?: Date
  end?: Date
  error?: RegExp
}

/** CC.WINDOW */
const TABLE: Row[] = [
  {
    name: 'confirmed: 2 days before onset until isolation',
    c: { kind: 'confirmed', onsetAt: day(0), isolatedAt: day(3) },
    start: day(-2),
    end: day(3),
  },
  {
    name: 'suspected, not isolated: ends now',
    c: { kind: 'suspected', onsetAt: day(0) },
    now: day(1),
    start: day(-2),
    end: day(1),
  },
  {
    name: 'confirmed without onset: from the first positive sample',
    c: { kind: 'confirmed', firstPositiveSampleAt: day(1), isolatedAt: day(2) },
    start: day(-1),
    end: day(2),
  },
  {
    name: 'confirmed: onset before the sample → from the onset',
    c: { kind: 'confirmed', onsetAt: day(0), firstPositiveSampleAt: day(1), isolatedAt: day(2) },
    start: day(-2),
    end: day(2),
  },
  {
    name: 'CC.WINDOW: sample before onset (screening positive, symptoms later) → from the sample',
    c: { kind: 'confirmed', onsetAt: day(3), firstPositiveSampleAt: day(0), isolatedAt: day(1) },
    start: day(-2),
    end: day(1),
  },
  {
    name: 'CC.WINDOW: isolated at sampling, onset 4 days later (re-classified asymptomatic) → a window, not an error',
    c: { kind: 'confirmed', onsetAt: day(4), firstPositiveSampleAt: day(0), isolatedAt: day(0) },
    start: day(-2),
    end: day(0),
  },
  {
    name: 'asymptomatic: from the first positive sample, onset ignored',
    c: { kind: 'asymptomatic', onsetAt: day(-5), firstPositiveSampleAt: day(0), isolatedAt: day(1) },
    start: day(-2),
    end: day(1),
  },
  {
    name: 'FK9: 4 days',
    c: { kind: 'confirmed', onsetAt: day(0), isolatedAt: day(1) },
    params: FK9,
    start: day(-4),
    end: day(1),
  },
  {
    name: 'edge: isolated exactly at the window start → empty window, allowed',
    c: { kind: 'confirmed', onsetAt: day(0), isolatedAt: day(-2) },
    start: day(-2),
    end: day(-2),
  },
  {
    name: 'isolation after now is clamped to now',
    c: { kind: 'confirmed', onsetAt: day(0), isolatedAt: day(9) },
    now: day(1),
    start: day(-2),
    end: day(1),
  },
  {
    name: 'isolated before the window starts → error',
    c: { kind: 'confirmed', onsetAt: day(0), isolatedAt: new Date(day(-2).getTime() - 1) },
    error: /ends .* before it starts/,
  },
  { name: 'confirmed without any date → error', c: { kind: 'confirmed' }, error: /no start/ },
  {
    name: 'asymptomatic without a sample → error',
    c: { kind: 'asymptomatic', onsetAt: day(0) },
    error: /asymptomatic.*firstPositiveSampleAt/,
  },
  {
    name: 'invalid date → error',
    c: { kind: 'confirmed', onsetAt: new Date(Number.NaN) },
    error: /onsetAt is not a valid date/,
  },
  {
    name: 'onset in the future beyond now + look-back → error',
    c: { kind: 'suspected', onsetAt: day(5) },
    now: day(0),
    error: /before it starts/,
  },
]

describe('exposureWindow (CC.WINDOW)', () => {
  it.each(TABLE)('$name', (row) => {
    const r = exposureWindow(row.c, row.params ?? FK8, row.now ?? day(30))
    if (row.error) {
      expect(r).toEqual({ error: expect.stringMatching(row.error) as unknown })
      return
    }
    expect(isExposureWindow(r)).toBe(true)
    expect(r).toEqual({ start: row.start, end: row.end })
  })

  it('property: a window never ends before it starts', () => {
    const date = fc.date({ min: day(-100), max: day(100), noInvalidDate: true })
    fc.assert(
      fc.property(
        fc.constantFrom('suspected', 'confirmed', 'asymptomatic'),
        fc.option(date, { nil: undefined }),
        fc.option(date, { nil: undefined }),
        fc.option(date, { nil: undefined }),
        date,
        fc.integer({ min: 0, max: 14 }),
        (kind, onsetAt, firstPositiveSampleAt, isolatedAt, now, days) => {
          const c: ExposureWindowCase = {
            kind,
            ...(onsetAt ? { onsetAt } : {}),
            ...(firstPositiveSampleAt ? { firstPositiveSampleAt } : {}),
            ...(isolatedAt ? { isolatedAt } : {}),
          }
          const params = { ...FK8, closeContact: { ...FK8.closeContact, windowBeforeOnsetDays: days } }
          const r = exposureWindow(c, params, now)
          if (isExposureWindow(r)) {
            expect(r.start.getTime()).toBeLessThanOrEqual(r.end.getTime())
            expect(r.end.getTime()).toBeLessThanOrEqual(now.getTime())
          } else expect(r.error.length).toBeGreaterThan(0)
        },
      ),
    )
  })
})
