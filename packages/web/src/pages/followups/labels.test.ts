import { describe, expect, it } from 'vitest'
import { formatDay, urgencyOf } from './labels'

const DAY = 86_400_000
const now = Date.parse('2026-12-10T04:00:00Z')
const task = (status: 'due' | 'done' | 'missed' | 'cancelled', opensIn: number, dueIn: number) => ({
  status,
  windowOpensAt: new Date(now + opensIn * DAY).toISOString(),
  dueAt: new Date(now + dueIn * DAY).toISOString(),
})

describe('follow-up urgency', () => {
  it('highlights missed and overdue tasks, then those due soon, then open weeks', () => {
    expect(urgencyOf(task('missed', -10, -3), now)).toEqual({ kind: 'overdue' })
    expect(urgencyOf(task('due', -10, -0.1), now)).toEqual({ kind: 'overdue' })
    expect(urgencyOf(task('due', -5, 2.5), now)).toEqual({ kind: 'dueSoon', days: 3 })
    expect(urgencyOf(task('due', -5, 0.2), now)).toEqual({ kind: 'dueSoon', days: 1 })
    expect(urgencyOf(task('due', -2, 5), now)).toEqual({ kind: 'inWindow' })
    expect(urgencyOf(task('due', 7, 14), now)).toEqual({ kind: 'notYet' })
    expect(urgencyOf(task('done', -10, -3), now)).toBeUndefined()
    expect(urgencyOf(task('cancelled', 7, 14), now)).toBeUndefined()
  })

  it('shows days in the region’s zone', () => {
    expect(formatDay('2026-12-10T17:00:00Z', 'en')).toBe('12/11/2026')
    expect(formatDay('not a date', 'en')).toBe('not a date')
  })
})
