import { describe, expect, it } from 'vitest'
import { RULE_SET_PRESETS } from '@lianfang/core'
import {
  DAY_MS,
  effectiveStatus,
  followupParams,
  followupSchedule,
  followupTiming,
  observationEnd,
} from './followup-rules.js'

const outcome = new Date('2020-03-01T08:00:00Z')

describe('post-discharge follow-up rules (CONF.AFTER, ASYM.AFTER)', () => {
  it('takes the observation days and weeks of the classification from the rule set', () => {
    const fk8 = RULE_SET_PRESETS.FK8.params
    expect(followupParams(fk8, 'confirmed')).toEqual({ observationDays: 14, weeks: [2, 4] })
    expect(followupParams(fk8, 'asymptomatic')).toEqual({ observationDays: 14, weeks: [2, 4] })
    const custom = { ...fk8, asymptomatic: { ...fk8.asymptomatic, afterReleaseDays: 7, followupWeeks: [1] } }
    expect(followupParams(custom, 'asymptomatic')).toEqual({ observationDays: 7, weeks: [1] })
  })

  it('schedules one task per week, due at the end of it, the window opening at its start', () => {
    expect(followupSchedule(outcome, [2, 4])).toEqual([
      { week: 2, windowOpensAt: new Date('2020-03-08T08:00:00Z'), dueAt: new Date('2020-03-15T08:00:00Z') },
      { week: 4, windowOpensAt: new Date('2020-03-22T08:00:00Z'), dueAt: new Date('2020-03-29T08:00:00Z') },
    ])
    expect(followupSchedule(outcome, [4, 2, 2, 0, -1, 1.5, 53]).map((s) => s.week)).toEqual([2, 4])
    expect(followupSchedule(outcome, [])).toEqual([])
    expect(observationEnd(outcome, 14)).toEqual(new Date('2020-03-15T08:00:00Z'))
  })

  it('a due task past its due time is missed; done and cancelled stay as they are', () => {
    const due = new Date(outcome.getTime() + 14 * DAY_MS)
    expect(effectiveStatus('due', due, new Date(due.getTime() - 1))).toBe('due')
    expect(effectiveStatus('due', due, due)).toBe('due')
    expect(effectiveStatus('due', due, new Date(due.getTime() + 1))).toBe('missed')
    expect(effectiveStatus('done', due, new Date(due.getTime() + DAY_MS))).toBe('done')
    expect(effectiveStatus('cancelled', due, new Date(due.getTime() + DAY_MS))).toBe('cancelled')
  })

  it('says whether a visit was early, on time or late', () => {
    const [slot] = followupSchedule(outcome, [2])
    if (!slot) throw new Error('no slot')
    expect(followupTiming(new Date(slot.windowOpensAt.getTime() - 1), slot.windowOpensAt, slot.dueAt)).toBe(
      'early',
    )
    expect(followupTiming(slot.windowOpensAt, slot.windowOpensAt, slot.dueAt)).toBe('on_time')
    expect(followupTiming(slot.dueAt, slot.windowOpensAt, slot.dueAt)).toBe('on_time')
    expect(followupTiming(new Date(slot.dueAt.getTime() + 1), slot.windowOpensAt, slot.dueAt)).toBe('late')
  })
})
