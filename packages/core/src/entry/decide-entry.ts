import type { Lf1Verification } from '../codes/lf1-verify.js'

/** Why a gate refuses entry — stable codes with zh-CN and en text for the screen. */
export const DENY_REASONS = [
  'red_code',
  'yellow_code',
  'expired_code',
  'not_yet_valid',
  'revoked_code',
  'unknown_issuer',
  'bad_signature',
  'not_a_code',
  'status_unavailable',
  'unknown_person',
] as const
export type DenyReason = (typeof DENY_REASONS)[number]

export const DENY_TEXT: Readonly<Record<DenyReason, { readonly 'zh-CN': string; readonly en: string }>> = {
  red_code: { 'zh-CN': '红码，禁止通行', en: 'red code: no entry' },
  yellow_code: { 'zh-CN': '黄码，禁止通行', en: 'yellow code: no entry' },
  expired_code: { 'zh-CN': '健康码已过期，请刷新', en: 'code expired: refresh it' },
  not_yet_valid: { 'zh-CN': '健康码时间无效', en: 'code not yet valid' },
  revoked_code: { 'zh-CN': '健康码已变更或作废，请刷新', en: 'code changed or revoked: refresh it' },
  unknown_issuer: { 'zh-CN': '无法识别的签发机构', en: 'unknown issuer' },
  bad_signature: { 'zh-CN': '签名无效，疑似伪造', en: 'invalid signature: possible forgery' },
  not_a_code: { 'zh-CN': '不是有效的健康码', en: 'not a health code' },
  status_unavailable: {
    'zh-CN': '无法核验状态，请联网后重试',
    en: 'status list unavailable: go online and retry',
  },
  unknown_person: { 'zh-CN': '查无此人', en: 'no such person' },
}

export interface EntryDecision {
  readonly decision: 'allow' | 'deny'
  readonly reason: DenyReason | null
  readonly colour: 'green' | 'yellow' | 'red' | null
}

/**
 * The gate's decision from a code verification (出入管理): allow only a valid green code;
 * otherwise deny with the reason shown to the operator. Pure; the same in the browser (offline)
 * and on the server.
 */
export function decideEntry(v: Lf1Verification): EntryDecision {
  if (!v.ok) {
    const reason: DenyReason = (
      {
        prefix: 'not_a_code',
        base45: 'not_a_code',
        zlib: 'not_a_code',
        cose: 'not_a_code',
        cbor: 'not_a_code',
        'unknown-key': 'unknown_issuer',
        signature: 'bad_signature',
        'not-yet-valid': 'not_yet_valid',
        expired: 'expired_code',
        'status-unavailable': 'status_unavailable',
        revoked: 'revoked_code',
      } as const
    )[v.stage]
    return { decision: 'deny', reason, colour: null }
  }
  const colour = v.claims.colour
  return colourDecision(colour)
}

/** The decision for a known colour (proxy scans and self check-ins, where the colour is looked up). */
export function colourDecision(colour: 'green' | 'yellow' | 'red'): EntryDecision {
  if (colour === 'green') return { decision: 'allow', reason: null, colour }
  return { decision: 'deny', reason: colour === 'red' ? 'red_code' : 'yellow_code', colour }
}
