import { describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import { isoToWall, wallNow, wallToIso } from './civil-time'

/**
 * Whatever zone the computer is on (the tests run on UTC), a picker's wall-clock value means that
 * time in the region's zone (Asia/Shanghai, UTC+8, no DST).
 */
describe('wall-clock times of the region', () => {
  it('reads 2026-12-06 08:00 as 08:00 in Wuhan (00:00Z)', () => {
    expect(wallToIso(dayjs(new Date(2026, 11, 6, 8, 0, 0)))).toBe('2026-12-06T00:00:00.000Z')
  })

  it('shows an instant as the region’s wall clock, and back', () => {
    const w = isoToWall('2026-12-05T16:30:00.000Z')
    expect(w.format('YYYY-MM-DD HH:mm')).toBe('2026-12-06 00:30')
    expect(wallToIso(w)).toBe('2026-12-05T16:30:00.000Z')
  })

  it('now is now', () => {
    expect(Math.abs(new Date(wallToIso(wallNow())).getTime() - Date.now())).toBeLessThan(2000)
  })
})
