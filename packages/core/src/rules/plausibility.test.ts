import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors/domain-error.js'
import { makeResidentId } from '../ids/resident-id.js'
import {
  assertBirthDate,
  assertCaseDates,
  assertEventTime,
  assertNearOnset,
  assertQuarantinePeriod,
  assertResidentIdPlausible,
  CLOCK_SKEW_MS,
  EPIDEMIC_FLOOR,
  MAX_DAYS_FROM_ONSET,
  MAX_LEAD_DAYS,
  MAX_QUARANTINE_DAYS,
} from './plausibility.js'

const NOW = new Date('2026-12-07T04:00:00Z') // 12:00 in Beijing
const DAY = 86_400_000
const at = (ms: number) => new Date(NOW.getTime() + ms)

/** What a check threw: `ok`, or the field and rule of its VALIDATION_FAILED. */
function outcome(check: () => void): string {
  try {
    check()
    return 'ok'
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e
    const d = e.details as { field: string; rule: string }
    expect(e.message).toContain(d.field)
    return `${d.field}:${d.rule}`
  }
}

type Row = readonly [bound: string, why: string, check: () => void, expected: string]

describe('plausibility bounds', () => {
  const rows: Row[] = [
    // EPIDEMIC_FLOOR: the first known onset (Huang et al., Lancet 2020)
    ['floor', 'an onset in 1900', () => { assertEventTime('onsetAt', new Date('1900-01-01'), NOW) }, 'onsetAt:before_epidemic'],
    ['floor', 'one second before the first known onset', () => { assertEventTime('onsetAt', new Date(EPIDEMIC_FLOOR.getTime() - 1000), NOW) }, 'onsetAt:before_epidemic'],
    ['floor', 'the first known onset itself', () => { assertEventTime('onsetAt', EPIDEMIC_FLOOR, NOW) }, 'ok'],
    ['floor', 'a risk level from 1999', () => { assertEventTime('startsAt', new Date('1999-01-01'), NOW, { leadDays: MAX_LEAD_DAYS }) }, 'startsAt:before_epidemic'],
    // CLOCK_SKEW_MS: a device clock a little ahead
    ['skew', 'a sample stamped within the skew', () => { assertEventTime('sampledAt', at(CLOCK_SKEW_MS - 1000), NOW) }, 'ok'],
    ['skew', 'a sample stamped beyond the skew', () => { assertEventTime('sampledAt', at(CLOCK_SKEW_MS + 1000), NOW) }, 'sampledAt:in_future'],
    // MAX_LEAD_DAYS: orders and levels set in advance
    ['lead', 'a risk level from next week', () => { assertEventTime('startsAt', at(7 * DAY), NOW, { leadDays: MAX_LEAD_DAYS }) }, 'ok'],
    ['lead', 'a risk level from next year', () => { assertEventTime('startsAt', at(365 * DAY), NOW, { leadDays: MAX_LEAD_DAYS }) }, 'startsAt:too_far_ahead'],
    // MAX_DAYS_FROM_ONSET: isolation of a close contact before onset, a late-found case after
    ['onset', 'isolated 28 days before onset (inbound 14+14)', () => { assertNearOnset('isolatedAt', at(-28 * DAY), 'onsetAt', NOW) }, 'ok'],
    ['onset', 'isolated a year before onset', () => { assertNearOnset('isolatedAt', at(-365 * DAY), 'onsetAt', NOW) }, 'isolatedAt:far_from_onset'],
    ['onset', 'first positive sample 61 days after onset', () => { assertNearOnset('firstPositiveSampleAt', at((MAX_DAYS_FROM_ONSET + 1) * DAY), 'onsetAt', NOW) }, 'firstPositiveSampleAt:far_from_onset'],
    ['onset', 'a case isolated a year before onset', () => { assertCaseDates({ onsetAt: at(-DAY), isolatedAt: at(-366 * DAY) }, NOW) }, 'isolatedAt:far_from_onset'],
    ['onset', 'an asymptomatic case isolated a year before its sample', () => { assertCaseDates({ firstPositiveSampleAt: at(-DAY), isolatedAt: at(-366 * DAY) }, NOW) }, 'isolatedAt:far_from_onset'],
    ['onset', 'a contact isolated 10 days before onset, sampled the day after', () => { assertCaseDates({ onsetAt: at(-5 * DAY), isolatedAt: at(-15 * DAY), firstPositiveSampleAt: at(-4 * DAY) }, NOW) }, 'ok'],
    ['floor', 'a case onset in 1900', () => { assertCaseDates({ onsetAt: new Date('1900-01-01') }, NOW) }, 'onsetAt:before_epidemic'],
    // MAX_QUARANTINE_DAYS: 14+14 is the longest protocol period
    ['quarantine', '14+7 days', () => { assertQuarantinePeriod(NOW, at(21 * DAY), NOW) }, 'ok'],
    ['quarantine', 'exactly the cap', () => { assertQuarantinePeriod(NOW, at(MAX_QUARANTINE_DAYS * DAY), NOW) }, 'ok'],
    ['quarantine', 'ten years', () => { assertQuarantinePeriod(NOW, at(3650 * DAY), NOW) }, 'endsAt:too_long'],
    ['quarantine', 'ending before it starts', () => { assertQuarantinePeriod(NOW, at(-DAY), NOW) }, 'endsAt:ends_before_start'],
    ['quarantine', 'starting in 1999', () => { assertQuarantinePeriod(new Date('1999-01-01'), new Date('1999-01-15'), NOW) }, 'startsAt:before_epidemic'],
    // MAX_AGE_YEARS and the China calendar date
    ['birth', 'born today in Beijing', () => { assertBirthDate('birthDate', '2026-12-07', NOW) }, 'ok'],
    ['birth', 'born tomorrow', () => { assertBirthDate('birthDate', '2026-12-08', NOW) }, 'birthDate:birth_in_future'],
    ['birth', 'born 1826 (typed for 1926)', () => { assertBirthDate('birthDate', '1826-05-01', NOW) }, 'birthDate:too_old'],
    ['birth', 'born 1900, 126 years ago', () => { assertBirthDate('birthDate', '1900-05-01', NOW) }, 'ok'],
    // PROVINCE_PREFIXES: address codes of GB/T 2260, abolished districts included
    ['id', 'a Wuchang number', () => { assertResidentIdPlausible('idNumber', makeResidentId('420106', '1985-03-07', 1), NOW) }, 'ok'],
    ['id', 'an abolished district (Beijing 崇文区 110103)', () => { assertResidentIdPlausible('idNumber', makeResidentId('110103', '1960-03-07', 1), NOW) }, 'ok'],
    ['id', 'a Hong Kong resident permit (810000)', () => { assertResidentIdPlausible('idNumber', makeResidentId('810000', '1990-03-07', 1), NOW) }, 'ok'],
    ['id', 'address code 990101', () => { assertResidentIdPlausible('idNumber', makeResidentId('990101', '1985-03-07', 1), NOW) }, 'idNumber:unknown_region'],
    ['id', 'address code 000000', () => { assertResidentIdPlausible('idNumber', makeResidentId('000000', '1985-03-07', 1), NOW) }, 'idNumber:unknown_region'],
    ['id', 'born next year', () => { assertResidentIdPlausible('idNumber', makeResidentId('420106', '2027-01-01', 1), NOW) }, 'idNumber:birth_in_future'],
    ['id', 'born 1870', () => { assertResidentIdPlausible('idNumber', makeResidentId('420106', '1870-01-01', 1), NOW) }, 'idNumber:too_old'],
  ] // prettier-ignore

  it.each(rows)('%s: %s', (_bound, _why, check, expected) => {
    expect(outcome(check)).toBe(expected)
  })
})
