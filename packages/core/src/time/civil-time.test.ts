import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addDays,
  assertTimeZone,
  DEFAULT_TIME_ZONE,
  formatLocalDateTime,
  isTimeZone,
  localDate,
  localDayBounds,
  localEpochDay,
  offsetMinutes,
  startOfLocalDay,
} from './civil-time.js'

const HOUR = 3_600_000

describe('civil time of an instant', () => {
  // prettier-ignore
  const cases: [zone: string, instant: string, date: string, dateTime: string, offset: number][] = [
    ['Asia/Shanghai', '2026-11-28T15:59:59Z', '2026-11-28', '2026-11-28 23:59', 480],
    ['Asia/Shanghai', '2026-11-28T16:00:00Z', '2026-11-29', '2026-11-29 00:00', 480],
    ['Asia/Shanghai', '2026-07-01T04:30:00Z', '2026-07-01', '2026-07-01 12:30', 480],
    ['Asia/Shanghai', '1990-07-01T04:30:00Z', '1990-07-01', '1990-07-01 13:30', 540], // China's DST, 1986–1991
    // Europe/Berlin: CET +1, CEST +2 from 2026-03-29 01:00 UTC to 2026-10-25 01:00 UTC.
    ['Europe/Berlin', '2026-03-29T00:59:59Z', '2026-03-29', '2026-03-29 01:59', 60],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', '2026-03-29', '2026-03-29 03:00', 120],
    ['Europe/Berlin', '2026-10-25T00:59:59Z', '2026-10-25', '2026-10-25 02:59', 120],
    ['Europe/Berlin', '2026-10-25T01:00:00Z', '2026-10-25', '2026-10-25 02:00', 60],
    ['Europe/Berlin', '2026-12-31T23:30:00Z', '2027-01-01', '2027-01-01 00:30', 60],
    ['America/New_York', '2026-03-08T06:59:00Z', '2026-03-08', '2026-03-08 01:59', -300],
    ['America/New_York', '2026-03-08T07:00:00Z', '2026-03-08', '2026-03-08 03:00', -240],
    ['Asia/Kolkata', '2026-11-28T18:29:00Z', '2026-11-28', '2026-11-28 23:59', 330],
    ['Asia/Kathmandu', '2026-11-28T18:15:00Z', '2026-11-29', '2026-11-29 00:00', 345],
    ['UTC', '2026-11-28T23:59:00Z', '2026-11-28', '2026-11-28 23:59', 0],
  ]
  it.each(cases)('%s at %s: %s, %s, UTC%+d min', (zone, instant, date, dateTime, offset) => {
    const at = new Date(instant)
    expect(localDate(at, zone)).toBe(date)
    expect(formatLocalDateTime(at, zone)).toBe(dateTime)
    expect(offsetMinutes(at, zone)).toBe(offset)
    expect(localEpochDay(at, zone)).toBe(Date.parse(`${date}T00:00:00Z`) / 86_400_000)
  })

  it('defaults to Asia/Shanghai', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai')
    expect(localDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29')
  })

  it('is UTC+8 in Shanghai for every instant since 1992, as the former fixed-offset arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const fixed = new Date(t + 8 * HOUR).toISOString()
        expect(localDate(t, 'Asia/Shanghai')).toBe(fixed.slice(0, 10))
        expect(formatLocalDateTime(t, 'Asia/Shanghai')).toBe(fixed.slice(0, 16).replace('T', ' '))
        expect(startOfLocalDay(fixed.slice(0, 10), 'Asia/Shanghai').getTime()).toBe(
          Date.parse(`${fixed.slice(0, 10)}T00:00:00Z`) - 8 * HOUR,
        )
      }),
    )
  })
})

describe('local days', () => {
  // prettier-ignore
  const days: [zone: string, date: string, start: string, hours: number][] = [
    ['Asia/Shanghai', '2026-11-29', '2026-11-28T16:00:00.000Z', 24],
    ['Europe/Berlin', '2026-03-28', '2026-03-27T23:00:00.000Z', 24],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z', 23], // spring forward
    ['Europe/Berlin', '2026-03-30', '2026-03-29T22:00:00.000Z', 24],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z', 25], // fall back
    ['Europe/Berlin', '2026-10-26', '2026-10-25T23:00:00.000Z', 24],
    // Chile switches at local midnight: 2026-09-06 00:00 does not exist, the day starts at 01:00 (-03).
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', 23],
    // …and at 2026-04-05 00:00 (-03) the clocks go back to 23:00 (-04) of the 4th: a 25-hour 4th.
    ['America/Santiago', '2026-04-04', '2026-04-04T03:00:00.000Z', 25],
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00.000Z', 24],
  ]
  it.each(days)('%s %s starts at %s and lasts %d h', (zone, date, start, hours) => {
    const bounds = localDayBounds(date, zone)
    expect(bounds.start.toISOString()).toBe(start)
    expect(localDate(bounds.start, zone)).toBe(date)
    expect(localDate(bounds.start.getTime() - 1, zone)).toBe(addDays(date, -1))
    expect(localDate(bounds.end.getTime() - 1, zone)).toBe(date)
    expect((bounds.end.getTime() - bounds.start.getTime()) / HOUR).toBe(hours)
  })

  it('starts each day at the first instant showing that date, in every zone tested', () => {
    const zones = [
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, t) => {
          const date = localDate(t, zone)
          const start = startOfLocalDay(date, zone).getTime()
          expect(start).toBeLessThanOrEqual(t)
          expect(localDate(start, zone)).toBe(date)
          expect(localDate(start - 1, zone)).not.toBe(date)
        },
      ),
    )
  })

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
  })

  it('refuses a malformed or impossible date', () => {
    expect(() => startOfLocalDay('2026-02-30')).toThrow(RangeError)
    expect(() => startOfLocalDay('2026-2-3')).toThrow(RangeError)
    expect(() => addDays('yesterday', 1)).toThrow(RangeError)
  })
})

describe('zone names', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true)
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('Asia/Beijing')).toBe(false)
    expect(isTimeZone('+08:00 ')).toBe(false)
    expect(() => {
      assertTimeZone('Mars/Olympus')
    }).toThrow(/Mars\/Olympus/)
  })
})
