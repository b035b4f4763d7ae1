import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AliasTable } from './alias-table.js'
import { Rng, seedKey } from './prng.js'
import { formatEpochDay, parseEpochDay, weekday } from './calendar.js'

describe('Rng', () => {
  it('repeats for the same key and stream, differs otherwise', () => {
    const draw = (r: Rng) => Array.from({ length: 8 }, () => r.u32())
    expect(draw(new Rng(1, 2, 3))).toEqual(draw(new Rng(1, 2, 3)))
    expect(draw(new Rng(1, 2, 3))).not.toEqual(draw(new Rng(1, 2, 4)))
    expect(draw(new Rng(1, 2, 3))).not.toEqual(draw(new Rng(1, 3, 3)))
    expect(seedKey(1)).not.toBe(seedKey(2))
    expect(seedKey(2 ** 40)).not.toBe(seedKey(0))
  })

  it('is uniform enough: floats in [0,1) with mean ~0.5, ints in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 1000 }), (key, n) => {
        const r = new Rng(key)
        let sum = 0
        let outside = 0
        for (let i = 0; i < 2000; i++) {
          const f = r.float()
          if (f < 0 || f >= 1) outside++
          sum += f
          const k = r.int(n)
          if (k < 0 || k >= n || !Number.isInteger(k)) outside++
        }
        expect(outside).toBe(0)
        expect(Math.abs(sum / 2000 - 0.5)).toBeLessThan(0.05)
      }),
      { numRuns: 30 },
    )
  })

  it('draws Pareto samples with a heavy tail', () => {
    const r = new Rng(9)
    const xs = Array.from({ length: 20000 }, () => r.pareto(10, 1.2)).sort((a, b) => a - b)
    expect(xs[0]).toBeGreaterThanOrEqual(10)
    expect((xs.at(-1) ?? 0) / (xs[10000] ?? 1)).toBeGreaterThan(100)
  })
})

describe('AliasTable', () => {
  it('samples in proportion to the weights', () => {
    const t = new AliasTable([10, 20, 30], [1, 0, 3])
    const r = new Rng(5)
    const counts = new Map<number, number>()
    for (let i = 0; i < 40000; i++) {
      const v = t.sample(r)
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    expect(counts.get(20)).toBeUndefined()
    expect((counts.get(30) ?? 0) / (counts.get(10) ?? 1)).toBeGreaterThan(2.7)
    expect((counts.get(30) ?? 0) / (counts.get(10) ?? 1)).toBeLessThan(3.3)
    expect(() => new AliasTable([], [])).toThrow(RangeError)
    expect(() => new AliasTable([1], [0])).toThrow(RangeError)
  })
})

describe('calendar', () => {
  it('round-trips dates and knows the weekday', () => {
    expect(formatEpochDay(parseEpochDay('2026-11-02'))).toBe('2026-11-02')
    expect(weekday(parseEpochDay('2026-11-02'))).toBe(1)
    expect(() => parseEpochDay('2026-13-01')).toThrow(RangeError)
    expect(() => parseEpochDay('20261101')).toThrow(RangeError)
  })
})
