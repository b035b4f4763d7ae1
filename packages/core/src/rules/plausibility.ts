import { DomainError } from '../errors/domain-error.js'
import { parseResidentId } from '../ids/resident-id.js'
import { DEFAULT_TIME_ZONE, localDate } from '../time/civil-time.js'

/**
 * Plausibility: values that pass their schema but cannot be true (a case onset in 1900, a
 * quarantine of ten years, an ID number of someone born next year). Each bound is a named
 * constant with the reason it has that value; `plausibility.test.ts` has one row per bound.
 * A failed check is `VALIDATION_FAILED` with `details.field` naming the field and
 * `details.rule` naming the bound, so a form can point at the field.
 *
 * Pure: `now` comes in as an argument (STYLE.md §1).
 */

const DAY_MS = 86_400_000

/**
 * Nothing epidemic happened before 2019-12-01 (00:00 Beijing time): the earliest symptom onset
 * of a known case in Wuhan (Huang C. et al., "Clinical features of patients infected with 2019
 * novel coronavirus in Wuhan, China", Lancet 2020;395:497–506). Case onsets, samples, visits,
 * trips, quarantine orders and risk-area periods before it are typing errors.
 */
export const EPIDEMIC_FLOOR = new Date('2019-12-01T00:00:00+08:00')

/**
 * How far a device's clock may run ahead of the server's: a time stamped "now" on a phone or a
 * scanner may reach the server a little in its future. Five minutes is what a phone without
 * network time drifts in days; anything later did not happen yet.
 */
export const CLOCK_SKEW_MS = 5 * 60_000

/**
 * The longest distance between a case's symptom onset and its isolation or first positive
 * sample. Isolation can precede onset by a whole observation period (a close contact quarantined
 * for 14 days, or 14+7 under FK8, falls ill on the last day: RULES CC.OBS; inbound travellers up
 * to 14+14 in the strictest provinces: RULES IN.FK8) and a sample in the incubation period comes
 * at most 14 days before onset (RULES CASE.ASYM); isolation or a first positive sample can come
 * weeks after onset for a case found late, and a sample stays positive up to 4 weeks or more
 * (RULES CONF.DISCHARGE, `persistent_pos_weeks: 4`). 60 days is twice the longest of these.
 */
export const MAX_DAYS_FROM_ONSET = 60

/**
 * The longest quarantine order. The longest period the protocols give is 28 days (inbound
 * "14+14" of the strictest provinces, RULES IN.FK8; close contacts 14+7, RULES CC.OBS; an
 * asymptomatic infection at least 14, RULES ASYM.ISO). 60 days allows a period extended while a
 * person stays positive; beyond that an order is renewed, not written once for years.
 */
export const MAX_QUARANTINE_DAYS = 60

/**
 * How far ahead an order or a risk level may be set: orders for inbound travellers are written
 * before the flight lands, a risk level from the next midnight. A month covers both.
 */
export const MAX_LEAD_DAYS = 30

/**
 * The oldest a living person can be: the oldest verified person reached 122 years; 130 leaves a
 * margin and still catches a birth year typed as 1826 for 1926.
 */
export const MAX_AGE_YEARS = 130

/**
 * The province-level prefixes of GB/T 2260 (the first 2 digits of an address code), with 81,
 * 82 and 83 of the residence permits for Hong Kong, Macao and Taiwan residents (GB 11643 as
 * applied by the 2018 港澳台居民居住证 regulations), and 71 (Taiwan) of GB/T 2260 itself.
 *
 * An ID number keeps the address code of where it was first issued, also after that division
 * was merged or renamed (GB 11643-1999 §4.2.1 and the ministry's practice), so a full 6-digit
 * check against today's divisions would refuse real people born in abolished districts
 * (Beijing 崇文区 110103, Hubei's pre-1994 prefectures 4221…). The province has not changed for
 * anyone alive except Chongqing (50, from 1997) and Hainan (46, from 1988), whose older numbers
 * keep 51 and 44, both in this list. So an address code is known when its province is.
 */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
  '71', '81', '82', '83', // 台湾 香港 澳门, and 830000 of Taiwan residents' permits
]) // prettier-ignore

/** The bound a value failed (`details.rule`); the console names each (web `plausibility.<rule>`). */
export const PLAUSIBILITY_RULES = [
  'before_epidemic',
  'in_future',
  'too_far_ahead',
  'far_from_onset',
  'before_onset',
  'ends_before_start',
  'too_long',
  'birth_in_future',
  'too_old',
  'unknown_region',
] as const
export type PlausibilityRule = (typeof PLAUSIBILITY_RULES)[number]

function fail(field: string, rule: PlausibilityRule, message: string, bound?: string): never {
  throw new DomainError('VALIDATION_FAILED', `${field} ${message}`, {
    field,
    rule,
    ...(bound === undefined ? {} : { bound }),
  })
}

/**
 * An event that has happened: not before `EPIDEMIC_FLOOR`, not after `now` plus clock skew
 * (or, with `leadDays`, not more than that many days ahead: for periods set in advance).
 */
export function assertEventTime(field: string, at: Date, now: Date, opts: { leadDays?: number } = {}): void {
  if (at < EPIDEMIC_FLOOR)
    fail(
      field,
      'before_epidemic',
      `(${at.toISOString()}) is before the first known case (2019-12-01)`,
      EPIDEMIC_FLOOR.toISOString(),
    )
  if (opts.leadDays === undefined) {
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) fail(field, 'in_future', 'is in the future')
  } else if (at.getTime() > now.getTime() + opts.leadDays * DAY_MS) {
    fail(field, 'too_far_ahead', `is more than ${opts.leadDays} days ahead`, `${opts.leadDays} days`)
  }
}

/** `at` (a serum sample for the exclusion criterion, CASE.SUSPECT.EXCLUDE) is not before the onset. */
export function assertNotBeforeOnset(field: string, at: Date, onset: Date): void {
  if (at.getTime() < onset.getTime())
    fail(field, 'before_onset', `(${at.toISOString()}) is before the onset`, onset.toISOString())
}

/** `at` (isolation, first positive sample) lies within `MAX_DAYS_FROM_ONSET` of the onset. */
export function assertNearOnset(field: string, at: Date, onsetField: string, onset: Date): void {
  if (Math.abs(at.getTime() - onset.getTime()) > MAX_DAYS_FROM_ONSET * DAY_MS)
    fail(
      field,
      'far_from_onset',
      `is more than ${MAX_DAYS_FROM_ONSET} days from ${onsetField}`,
      `${MAX_DAYS_FROM_ONSET} days`,
    )
}

/** A quarantine order's period: a plausible start, an end after it, at most `MAX_QUARANTINE_DAYS`. */
export function assertQuarantinePeriod(start: Date, end: Date, now: Date): void {
  assertEventTime('startsAt', start, now, { leadDays: MAX_LEAD_DAYS })
  if (end <= start) fail('endsAt', 'ends_before_start', 'must be after startsAt')
  if (end.getTime() - start.getTime() > MAX_QUARANTINE_DAYS * DAY_MS)
    fail(
      'endsAt',
      'too_long',
      `makes the order longer than ${MAX_QUARANTINE_DAYS} days; renew the order instead`,
      `${MAX_QUARANTINE_DAYS} days`,
    )
}

/**
 * A birth date (YYYY-MM-DD) of a living person: not after today in the region's time zone
 * (default Asia/Shanghai), at most 130 years ago.
 */
export function assertBirthDate(
  field: string,
  birthDate: string,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): void {
  const today = localDate(now, timeZone)
  if (birthDate > today) fail(field, 'birth_in_future', `gives a birth date in the future (${birthDate})`)
  const oldest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`
  if (birthDate < oldest)
    fail(
      field,
      'too_old',
      `gives a birth date more than ${MAX_AGE_YEARS} years ago (${birthDate})`,
      `${MAX_AGE_YEARS} years`,
    )
}

/**
 * A resident ID number (already valid by GB 11643) that can belong to a living person: its
 * address code lies in a known province and its birth date is plausible. Numbers that fail
 * GB 11643 itself are left to `normalizeIdNumber` (`ID_NUMBER_INVALID`).
 */
export function assertResidentIdPlausible(
  field: string,
  idNumber: string,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): void {
  const parsed = parseResidentId(idNumber)
  if (!parsed.ok) return
  if (!PROVINCE_PREFIXES.has(parsed.value.addressCode.slice(0, 2)))
    fail(
      field,
      'unknown_region',
      `starts with ${parsed.value.addressCode}, which is in no province of GB/T 2260`,
    )
  assertBirthDate(field, parsed.value.birthDate, now, timeZone)
}

/**
 * A case's dates: each a past event after the floor; isolation and the first positive sample
 * within `MAX_DAYS_FROM_ONSET` of the onset (of the first positive sample when there is no onset:
 * an asymptomatic infection).
 */
export function assertCaseDates(
  dates: { onsetAt?: Date | null; firstPositiveSampleAt?: Date | null; isolatedAt?: Date | null },
  now: Date,
): void {
  const { onsetAt, firstPositiveSampleAt, isolatedAt } = dates
  if (onsetAt) assertEventTime('onsetAt', onsetAt, now)
  if (firstPositiveSampleAt) assertEventTime('firstPositiveSampleAt', firstPositiveSampleAt, now)
  if (isolatedAt) assertEventTime('isolatedAt', isolatedAt, now)
  if (onsetAt) {
    if (firstPositiveSampleAt)
      assertNearOnset('firstPositiveSampleAt', firstPositiveSampleAt, 'onsetAt', onsetAt)
    if (isolatedAt) assertNearOnset('isolatedAt', isolatedAt, 'onsetAt', onsetAt)
  } else if (firstPositiveSampleAt && isolatedAt) {
    assertNearOnset('isolatedAt', isolatedAt, 'firstPositiveSampleAt', firstPositiveSampleAt)
  }
}
