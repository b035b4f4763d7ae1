import type { CodeColour } from './rule-set.js'

/** Why a code has its colour: a stable machine code, its colour and when it lapses. */
export const REASON_CODES = [
  'ACTIVE_CASE',
  'POST_DISCHARGE',
  'CLOSE_CONTACT',
  'CLOSE_CONTACT_HOME_MONITORING',
  'SECONDARY_CONTACT',
  'QUARANTINE',
  'HOME_MONITORING',
  'POSITIVE_TEST',
  'POOL_POSITIVE',
  'FEVER_CLINIC',
  'SYMPTOMS',
  'RISK_AREA_TRIP',
  'TEST_OVERDUE',
] as const
export type ReasonCode = (typeof REASON_CODES)[number]

export const ACTION_CODES = [
  'WAIT_UNTIL',
  'FOLLOW_TREATMENT',
  'STAY_IN_QUARANTINE',
  'TAKE_SINGLE_TUBE_TEST',
  'TAKE_TEST',
  'DECLARE_HEALTH_DAILY',
  'CONTACT_COMMUNITY',
] as const
export type ActionCode = (typeof ACTION_CODES)[number]

export type Params = Readonly<Record<string, string | number>>

export interface Reason {
  readonly code: ReasonCode
  readonly colour: CodeColour
  /** When this reason stops applying by time alone; undefined = only an event ends it. */
  readonly until: Date | undefined
  readonly params: Params
  readonly text: { readonly 'zh-CN': string; readonly en: string }
}

export interface Action {
  readonly code: ActionCode
  readonly at: Date | undefined
  readonly params: Params
  readonly text: { readonly 'zh-CN': string; readonly en: string }
}

type Template = { 'zh-CN': string; en: string }

const REASON_TEXT: Record<ReasonCode, Template> = {
  ACTIVE_CASE: { 'zh-CN': '{kindZh}，正在隔离治疗', en: '{kindEn}, under isolation and treatment' },
  POST_DISCHARGE: {
    'zh-CN': '出院（解除隔离）后医学观察期，至 {until}',
    en: 'post-discharge medical observation until {until}',
  },
  CLOSE_CONTACT: {
    'zh-CN': '密切接触者，医学观察至 {until}',
    en: 'close contact of a case, under medical observation until {until}',
  },
  CLOSE_CONTACT_HOME_MONITORING: {
    'zh-CN': '密切接触者解除集中观察后居家健康监测，至 {until}',
    en: 'close contact in home health monitoring after centralized observation, until {until}',
  },
  SECONDARY_CONTACT: {
    'zh-CN': '密接的密接，医学观察至 {until}',
    en: 'secondary contact (contact of a close contact), under observation until {until}',
  },
  QUARANTINE: { 'zh-CN': '{kindZh}（{reasonZh}），至 {until}', en: '{kindEn} ({reasonEn}) until {until}' },
  HOME_MONITORING: {
    'zh-CN': '居家健康监测（{reasonZh}），至 {until}',
    en: 'home health monitoring ({reasonEn}) until {until}',
  },
  POSITIVE_TEST: {
    'zh-CN': '核酸检测阳性（采样 {sampled}），待诊断',
    en: 'positive nucleic-acid test (sampled {sampled}), awaiting diagnosis',
  },
  POOL_POSITIVE: {
    'zh-CN': '混采管阳性（采样 {sampled}），待单管复核',
    en: 'pooled test positive (sampled {sampled}), awaiting single-tube re-test',
  },
  FEVER_CLINIC: {
    'zh-CN': '发热门诊就诊（{at}），尚无阴性核酸结果',
    en: 'fever-clinic visit on {at} without a negative test since',
  },
  SYMPTOMS: { 'zh-CN': '申报发热或呼吸道症状（{at}）', en: 'declared fever or respiratory symptoms on {at}' },
  RISK_AREA_TRIP: {
    'zh-CN': '{date} 前到过{levelZh}风险地区 {region}，观察至 {until}',
    en: 'was in {levelEn}-risk area {region} until {date}; observation until {until}',
  },
  TEST_OVERDUE: {
    'zh-CN': '{groupZh}应检尽检，核酸检测已逾期（应于 {due} 前）',
    en: 'key group “{groupEn}”: nucleic-acid test overdue (due {due})',
  },
}

const ACTION_TEXT: Record<ActionCode, Template> = {
  WAIT_UNTIL: {
    'zh-CN': '无新情况时，将于 {until} 自动转为{nextZh}',
    en: 'turns {nextEn} on {until} if nothing else changes',
  },
  FOLLOW_TREATMENT: {
    'zh-CN': '配合治疗；出院后按规定完成医学观察',
    en: 'follow treatment; after discharge complete the observation period',
  },
  STAY_IN_QUARANTINE: {
    'zh-CN': '按要求完成隔离观察和核酸检测',
    en: 'complete the quarantine and its scheduled tests',
  },
  TAKE_SINGLE_TUBE_TEST: {
    'zh-CN': '原地等待，配合单管单采复核',
    en: 'stay where you are and give a single-tube sample for the re-test',
  },
  TAKE_TEST: {
    'zh-CN': '尽快进行核酸检测，阴性结果后转绿',
    en: 'take a nucleic-acid test; a negative result turns the code green',
  },
  DECLARE_HEALTH_DAILY: {
    'zh-CN': '连续 {days} 天健康申报正常，或核酸检测阴性后转绿',
    en: 'declare normal health for {days} consecutive days, or get a negative test, to turn green',
  },
  CONTACT_COMMUNITY: {
    'zh-CN': '如有疑问请联系所在社区或申请纠错',
    en: 'contact your community, or file an appeal if this is wrong',
  },
}

function render(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => String(params[key] ?? `{${key}}`))
}

export function makeReason(
  code: ReasonCode,
  colour: CodeColour,
  until: Date | undefined,
  params: Params,
): Reason {
  const t = REASON_TEXT[code]
  return {
    code,
    colour,
    until,
    params,
    text: { 'zh-CN': render(t['zh-CN'], params), en: render(t.en, params) },
  }
}

export function makeAction(code: ActionCode, at: Date | undefined, params: Params = {}): Action {
  const t = ACTION_TEXT[code]
  return { code, at, params, text: { 'zh-CN': render(t['zh-CN'], params), en: render(t.en, params) } }
}
