/**
 * 应检尽检 schedules (RULES.md §A6): the national key groups that must be tested (TEST.MUST),
 * the local ones a locality adds (TEST.WILL), where a membership comes from, and when a member's
 * scheduled test is overdue — the same instant `computeColour` turns the code to the rule set's
 * `overdueTestColour` (a negative sampled at `last`, a group interval in days, the rule set's
 * `overdueGraceHours`).
 */
import type { ParamSource } from '../rules/rule-sources.js'

/** RULES TEST.MUST `must_test_groups`, in the order the row lists them. */
export const MUST_TEST_GROUPS = [
  'close_contact',
  'inbound',
  'fever_clinic',
  'new_inpatient',
  'inpatient_companion',
  'medical_staff',
  'port_border_staff',
  'prison_staff',
  'eldercare_staff',
] as const
export type MustTestGroup = (typeof MUST_TEST_GROUPS)[number]

/** The catch-all local group of the first schema (TEST.WILL `local_priority_groups`), kept for old rows. */
export const LEGACY_LOCAL_GROUP = 'local_priority'

/** Allowed test intervals in days (the membership table's CHECK; a day to two months). */
export const KEY_GROUP_INTERVAL_DAYS = { min: 1, max: 60 } as const

/** A local group's code: lower-case letters, digits and `_`, starting with a letter, 2–40 long. */
export const KEY_GROUP_CODE_PATTERN = '^[a-z][a-z0-9_]{1,39}$'

export interface NationalGroupDefault {
  readonly code: MustTestGroup
  readonly names: { readonly 'zh-CN': string; readonly en: string }
  /** Days between required negative tests. */
  readonly intervalDays: number
  /** Where the number comes from (PARAM_SOURCES style): no RULES.md row gives a frequency. */
  readonly intervalSource: ParamSource
}

const WEEKLY_STAFF: ParamSource = {
  unsourced:
    'TEST.MUST names the group but no RULES row gives a test frequency; weekly (7 days) for staff was common local practice',
}
const WEEKLY_PATIENTS: ParamSource = {
  unsourced:
    'TEST.MUST names the group (tested on admission or at the visit) but gives no repeat frequency; 7 days is a preset',
}
const QUARANTINE_GAP: ParamSource = {
  unsourced:
    'no RULES row gives a key-group frequency; 7 days is the longest gap between the test days of CC.TESTS / IN.FK8 (day 7 → 14)',
}

/**
 * The national groups as the migration seeds them (`key_groups`; an int test compares the two).
 * Every interval is a preset marked unsourced: a region changes it as data, not here.
 */
export const NATIONAL_GROUP_DEFAULTS: readonly NationalGroupDefault[] = [
  {
    code: 'close_contact',
    names: { 'zh-CN': '密切接触者', en: 'close contacts' },
    intervalDays: 7,
    intervalSource: QUARANTINE_GAP,
  },
  {
    code: 'inbound',
    names: { 'zh-CN': '入境人员', en: 'inbound travellers' },
    intervalDays: 7,
    intervalSource: QUARANTINE_GAP,
  },
  {
    code: 'fever_clinic',
    names: { 'zh-CN': '发热门诊患者', en: 'fever-clinic patients' },
    intervalDays: 7,
    intervalSource: WEEKLY_PATIENTS,
  },
  {
    code: 'new_inpatient',
    names: { 'zh-CN': '新住院患者', en: 'new inpatients' },
    intervalDays: 7,
    intervalSource: WEEKLY_PATIENTS,
  },
  {
    code: 'inpatient_companion',
    names: { 'zh-CN': '陪护人员', en: 'inpatient companions' },
    intervalDays: 7,
    intervalSource: WEEKLY_PATIENTS,
  },
  {
    code: 'medical_staff',
    names: { 'zh-CN': '医疗机构工作人员', en: 'medical staff' },
    intervalDays: 7,
    intervalSource: WEEKLY_STAFF,
  },
  {
    code: 'port_border_staff',
    names: { 'zh-CN': '口岸检疫和边防检查人员', en: 'port quarantine and border staff' },
    intervalDays: 7,
    intervalSource: WEEKLY_STAFF,
  },
  {
    code: 'prison_staff',
    names: { 'zh-CN': '监所工作人员', en: 'prison and detention staff' },
    intervalDays: 7,
    intervalSource: WEEKLY_STAFF,
  },
  {
    code: 'eldercare_staff',
    names: { 'zh-CN': '社会福利养老机构工作人员', en: 'welfare and eldercare staff' },
    intervalDays: 7,
    intervalSource: WEEKLY_STAFF,
  },
]

/** Where a membership comes from (#17): the record or roster that puts a person in the group. */
export const MEMBERSHIP_SOURCES = [
  'employer_roster',
  'inpatient_record',
  'inbound',
  'quarantine_order',
  'fever_clinic',
  'staff_roster',
  'manual',
] as const
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number]

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/**
 * The instant a member's scheduled test becomes overdue: the last negative sample plus the
 * interval plus the rule set's grace. With no negative at all, the member is overdue from the
 * start (`-Infinity`), as `computeColour` has it.
 */
export function testOverdueAt(lastNegative: Date | null, intervalDays: number, graceHours: number): number {
  if (lastNegative === null) return Number.NEGATIVE_INFINITY
  return lastNegative.getTime() + intervalDays * DAY_MS + graceHours * HOUR_MS
}

/** Whether the member is overdue at `now` (the boundary instant itself counts as overdue). */
export function isTestOverdue(
  lastNegative: Date | null,
  intervalDays: number,
  graceHours: number,
  now: Date,
): boolean {
  return now.getTime() >= testOverdueAt(lastNegative, intervalDays, graceHours)
}
