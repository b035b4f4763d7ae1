import { describe, expect, it } from 'vitest'
import { addScan, countsForToday, localDay } from './scan-counts'

describe('scan counts', () => {
  it('counts allowed and denied scans per local day', () => {
    const morning = new Date(2026, 10, 28, 8, 0).getTime()
    let c = countsForToday(undefined, morning)
    c = addScan(c, true, morning)
    c = addScan(c, false, morning + 1000)
    c = addScan(c, true, morning + 2000)
    expect(c).toEqual({ day: localDay(morning), allowed: 2, denied: 1 })
    const tomorrow = new Date(2026, 10, 29, 0, 5).getTime()
    expect(countsForToday(c, tomorrow)).toEqual({ day: localDay(tomorrow), allowed: 0, denied: 0 })
    expect(addScan(c, false, tomorrow)).toMatchObject({ allowed: 0, denied: 1 })
    expect(countsForToday({ day: c.day, allowed: 'x' }, morning)).toMatchObject({ allowed: 0 })
  })
})
