import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MAX_STAY_MS } from '@lianfang/core'
import { scanRanges, type ReachStay } from './co-visits.repository.js'

const MIN = 60_000

/**
 * The scan plan of the co-visit queries: per venue, disjoint check-in ranges, each with one
 * interval to test. A check-in (within the look-back bound) meets one of the stays iff it lies in
 * exactly one range and meets that range's interval — what lets the SQL read each row once and
 * test it once (co-visits.repository.ts).
 */
describe('scanRanges', () => {
  const arbStay = fc.record({
    venue: fc.constantFrom('1', '2'),
    lo: fc.integer({ min: 0, max: 3000 }),
    len: fc.integer({ min: 0, max: 600 }),
  })
  const arbCheckin = fc.record({
    venue: fc.constantFrom('1', '2'),
    start: fc.integer({ min: -1000, max: 4000 }),
    // Within the look-back bound: nobody stays longer than the longest dwell.
    len: fc.integer({ min: 0, max: MAX_STAY_MS / MIN }),
  })

  it('property: meets a stay ⇔ in exactly one range and meets its interval', () => {
    fc.assert(
      fc.property(
        fc.array(arbStay, { minLength: 1, maxLength: 6 }),
        fc.array(arbCheckin, { maxLength: 40 }),
        (raw, checkins) => {
          const stays: ReachStay[] = raw.map((s) => ({
            venueId: s.venue,
            lo: s.lo * MIN,
            hi: (s.lo + s.len) * MIN,
            dwellS: 3600,
          }))
          const ranges = scanRanges(stays)
          for (const c of checkins) {
            const tIn = c.start * MIN
            const tEnd = tIn + c.len * MIN
            const meets = stays.some((s) => s.venueId === c.venue && tIn <= s.hi && tEnd >= s.lo)
            const inRanges = ranges.filter((r) => r.venue === c.venue && tIn > r.after && tIn <= r.upto)
            expect(inRanges.length).toBeLessThanOrEqual(1)
            const found = inRanges.some((r) => tEnd >= r.reach)
            expect(found, JSON.stringify({ stays, c, ranges })).toBe(meets)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('the look-back is inclusive: a stay of the longest dwell that ends as the case arrives counts', () => {
    const [r] = scanRanges([{ venueId: '1', lo: MAX_STAY_MS, hi: MAX_STAY_MS + 10 * MIN, dwellS: 60 }])
    expect(r !== undefined && 0 > r.after && 0 <= r.upto).toBe(true)
  })

  it('merges overlapping stays of a venue and keeps the ranges of later stays after the earlier ones', () => {
    const s = (venueId: string, lo: number, hi: number): ReachStay => ({
      venueId,
      lo: lo * MIN,
      hi: hi * MIN,
      dwellS: 300,
    })
    const ranges = scanRanges([s('1', 100, 130), s('1', 120, 200), s('1', 300, 310), s('2', 0, 10)])
    expect(ranges.map((r) => [r.venue, r.after, r.upto / MIN, r.reach / MIN])).toEqual([
      ['1', 100 * MIN - MAX_STAY_MS - 1, 200, 100],
      ['1', 200 * MIN, 310, 300],
      ['2', -MAX_STAY_MS - 1, 10, 0],
    ])
  })
})
