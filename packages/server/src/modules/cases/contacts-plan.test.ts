import { describe, expect, it } from 'vitest'
import { RULE_SET_PRESETS } from '@lianfang/core'
import type { ContactInput } from '@lianfang/contracts'
import { planContacts, type ConfirmFacts } from './contacts-plan.js'

const DAY = 86_400_000
const NOW = Date.parse('2026-11-28T12:00:00Z')
const ago = (ms: number) => new Date(NOW - ms).toISOString()

const facts = (over: Partial<ConfirmFacts> = {}): ConfirmFacts => ({
  caseId: '7',
  casePersonId: '1',
  userRegion: '420106',
  params: RULE_SET_PRESETS.FK8.params,
  now: NOW,
  persons: new Map([
    ['1', '420106001001'],
    ['2', '420106001001'],
    ['3', '420106002001'],
    ['4', '420111001001'],
    ['5', '420106001002'],
    ['6', '420106001002'],
  ]),
  existing: new Map([['6', { degree: 'close', status: 'confirmed' }]]),
  running: new Map(),
  ...over,
})
const close = (personId: string, exposedAgo = DAY): ContactInput => ({
  personId,
  degree: 'close',
  lastExposureAt: ago(exposedAgo),
})
const secondary = (personId: string, viaPersonId?: string): ContactInput => ({
  personId,
  degree: 'secondary',
  lastExposureAt: ago(DAY),
  ...(viaPersonId === undefined ? {} : { viaPersonId }),
})
const summary = (plans: ReturnType<typeof planContacts>) =>
  plans.map((p) => (p.status === 'rejected' ? p.code : p.status))

describe('planContacts (a bulk confirmation decided up front)', () => {
  it('decides each item as confirming them one by one would: refusals, 协查 routing, duplicates in the batch', () => {
    const plans = planContacts(facts(), [
      close('2'),
      close('4'), // another district: routed
      close('1'), // the case itself
      close('2'), // earlier in this batch
      close('6'), // already a contact of the case
      close('99'), // unknown
      { ...close('3'), lastExposureAt: new Date(NOW + DAY).toISOString() },
      { ...close('3'), lastExposureAt: '1999-06-01T00:00:00Z' },
      { ...close('3'), viaPersonId: '2' }, // only a secondary contact names a via
      secondary('5'), // no via
      secondary('5', '3'), // 3 is not a close contact (yet)
      secondary('5', '2'), // 2 was accepted earlier in this batch
      secondary('3', '4'), // a routed close contact counts as one too
    ])
    expect(summary(plans)).toEqual([
      'confirmed',
      'routed',
      'CONTACT_IS_CASE',
      'CONFLICT',
      'CONFLICT',
      'PERSON_NOT_FOUND',
      'EXPOSURE_IN_FUTURE',
      'EXPOSURE_BEFORE_EPIDEMIC',
      'VIA_NOT_ALLOWED',
      'VIA_REQUIRED',
      'VIA_NOT_CLOSE_CONTACT',
      'confirmed',
      'confirmed',
    ])
    expect(plans[1]).toMatchObject({ status: 'routed', regionCode: '420111001001' })
    expect(plans[3]).toMatchObject({ message: 'person 2 is already a contact of case 7' })
  })

  it('a secondary contact via an existing close contact; none at all under FK6', () => {
    expect(summary(planContacts(facts(), [secondary('5', '6')]))).toEqual(['confirmed'])
    const dismissed = facts({ existing: new Map([['6', { degree: 'close', status: 'dismissed' }]]) })
    expect(summary(planContacts(dismissed, [secondary('5', '6')]))).toEqual(['VIA_NOT_CLOSE_CONTACT'])
    const fk6 = facts({ params: RULE_SET_PRESETS.FK6.params })
    expect(summary(planContacts(fk6, [secondary('5', '6')]))).toEqual(['SECONDARY_NOT_MANAGED'])
  })

  it('orders: new from the last exposure (14 / 7 days), the running one extended or kept, none when over', () => {
    const running = new Map([
      ['3', { id: '30', endsAt: new Date(NOW + 5 * DAY), note: 'contact of case 1' }],
      ['5', { id: '50', endsAt: new Date(NOW + 20 * DAY), note: null }],
    ])
    const plans = planContacts(facts({ running }), [
      close('2', DAY),
      close('3', DAY),
      close('5', DAY),
      secondary('6', '2'),
      close('4'),
    ])
    const orders = plans.map((p) => (p.status === 'confirmed' ? p.order : null))
    expect(orders[0]).toEqual({ kind: 'new', endsAt: new Date(NOW + 13 * DAY) })
    expect(orders[1]).toEqual({
      kind: 'extend',
      id: '30',
      endsAt: new Date(NOW + 13 * DAY),
      note: 'contact of case 1; extended: contact of case 7',
    })
    expect(orders[2]).toEqual({ kind: 'keep', id: '50' })
    expect(plans[3]).toMatchObject({ status: 'rejected', code: 'CONFLICT' })
    expect(orders[4]).toBeNull()
    const old = planContacts(facts(), [close('2', 20 * DAY), secondary('5', '2')])
    expect(old.map((p) => (p.status === 'confirmed' ? p.order.kind : p.status))).toEqual(['none', 'new'])
    const withoutNote = planContacts(
      facts({ running: new Map([['2', { id: '20', endsAt: new Date(NOW), note: null }]]) }),
      [close('2')],
    )
    expect(withoutNote[0]).toMatchObject({ order: { kind: 'extend', note: 'extended: contact of case 7' } })
  })
})
