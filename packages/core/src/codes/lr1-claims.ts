/**
 * LR1 signed nucleic-acid test results (结果互认, issue #17): a CWT claims set (RFC 8392 §3) built
 * like an LF1 health code — iss (1), sub (2), exp (4), iat (6) — with its own private-use claim
 * (−65538, RFC 8392 §9.1 "less than −65536: private use"; LF1 uses −65537), so that an LF1 payload
 * never reads as a result and a result never reads as a health code even though the same issuer
 * keys sign both. See docs/health-code-format.md "Signed test results (LR1)".
 */
import { asInteger } from './cbor.js'

/** A final result, in its CBOR encoding order (0, 1). `pending` is never signed. */
export const LR1_RESULTS = ['negative', 'positive'] as const
export type Lr1Result = (typeof LR1_RESULTS)[number]

/** How the swab was tested (POOL.MODES): its own tube, or mixed with others' (混采), order 0, 1. */
export const LR1_KINDS = ['single', 'pooled'] as const
export type Lr1Kind = (typeof LR1_KINDS)[number]

/** The claims an LR1 result carries. Times are CWT NumericDates (seconds since the Unix epoch). */
export interface Lr1Claims {
  /** Issuer node id (CWT `iss`): the node whose lab reported the result. */
  readonly issuer: string
  /** Issuer's region code (GB/T 2260, extended). */
  readonly region: string
  /** Pseudonymous, per-person subject id (CWT `sub`), the one of the person's LF1 code. */
  readonly subject: string
  /** Masked display name, e.g. "张*明". */
  readonly maskedName: string
  readonly result: Lr1Result
  readonly kind: Lr1Kind
  /** When the swab was taken (采样时间). */
  readonly sampledAt: number
  /** When the result was reported (报告时间): not before `sampledAt`, not after `issuedAt`. */
  readonly resultedAt: number
  /** Laboratory name, 0–64 characters (empty when unknown). */
  readonly lab: string
  /** The issuer's id of the result: (issuer, resultId) identifies it across the federation. */
  readonly resultId: string
  /** CWT `iat`: when this text was signed. */
  readonly issuedAt: number
  /** CWT `exp`: the end of the result's recognition, at most {@link LR1_MAX_VALIDITY_SECONDS} after sampling. */
  readonly expiresAt: number
  /** Which of the issuer's status lists holds this result's bit (the LF1 lists). */
  readonly statusListId: string
  /** Bit index in that status list (set when the result is voided). */
  readonly statusIndex: number
}

/** CWT claim keys (RFC 8392 §4) and the private claim of LR1. */
export const LR1_CLAIM = { iss: 1, sub: 2, exp: 4, iat: 6, result: -65538 } as const
/** Keys inside the private claim map. */
export const LR1_PRIVATE = {
  region: 1,
  maskedName: 2,
  result: 3,
  kind: 4,
  sampledAt: 5,
  resultedAt: 6,
  lab: 7,
  resultId: 8,
  statusListId: 9,
  statusIndex: 10,
} as const
/**
 * Format bound: a result is recognised for at most 14 days after sampling. The window an issuer
 * actually uses is its own choice within it (the server's: {@link LR1_DEFAULT_VALIDITY_SECONDS}).
 */
export const LR1_MAX_VALIDITY_SECONDS = 14 * 86_400
/**
 * The recognition window this codebase issues: 7 days after sampling. RULES.md has no national
 * recognition window for NAT results; its only figure is TEST.EXAMPLE.BJ [P] (Beijing 2020:
 * out-of-town hotel guests need a NAT certificate from the last 7 days). UNSOURCED as a general rule.
 */
export const LR1_DEFAULT_VALIDITY_SECONDS = 7 * 86_400
/** Clock difference tolerated between a result's report time and its signing time. */
const SKEW = 300
const MAX_TEXT = 64

/** Builds the CWT claims map in canonical key order (RFC 8949 §4.2.1). */
export function lr1ClaimsToCbor(c: Lr1Claims): Map<number, unknown> {
  const priv = new Map<number, unknown>([
    [LR1_PRIVATE.region, c.region],
    [LR1_PRIVATE.maskedName, c.maskedName],
    [LR1_PRIVATE.result, LR1_RESULTS.indexOf(c.result)],
    [LR1_PRIVATE.kind, LR1_KINDS.indexOf(c.kind)],
    [LR1_PRIVATE.sampledAt, c.sampledAt],
    [LR1_PRIVATE.resultedAt, c.resultedAt],
    [LR1_PRIVATE.lab, c.lab],
    [LR1_PRIVATE.resultId, c.resultId],
    [LR1_PRIVATE.statusListId, c.statusListId],
    [LR1_PRIVATE.statusIndex, c.statusIndex],
  ])
  return new Map<number, unknown>([
    [LR1_CLAIM.iss, c.issuer],
    [LR1_CLAIM.sub, c.subject],
    [LR1_CLAIM.exp, c.expiresAt],
    [LR1_CLAIM.iat, c.issuedAt],
    [LR1_CLAIM.result, priv],
  ])
}

const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT
const time = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/** Why claims are malformed, or `undefined` when they are well-formed. */
export function lr1ClaimsProblem(c: Lr1Claims): string | undefined {
  if (!text(c.issuer)) return 'issuer must be 1–64 characters'
  if (!text(c.region)) return 'region must be 1–64 characters'
  if (!text(c.subject)) return 'subject must be 1–64 characters'
  if (typeof c.maskedName !== 'string' || c.maskedName.length > MAX_TEXT)
    return 'maskedName must be ≤ 64 characters'
  if (!LR1_RESULTS.includes(c.result)) return 'result must be negative or positive'
  if (!LR1_KINDS.includes(c.kind)) return 'kind must be single or pooled'
  if (c.result === 'positive' && c.kind === 'pooled')
    return 'a pooled positive is not a person’s result (POOL.POSITIVE: re-sample singly)'
  if (typeof c.lab !== 'string' || c.lab.length > MAX_TEXT) return 'lab must be ≤ 64 characters'
  if (!text(c.resultId)) return 'resultId must be 1–64 characters'
  if (!time(c.sampledAt) || !time(c.resultedAt) || !time(c.issuedAt) || !time(c.expiresAt))
    return 'times must be non-negative integers'
  if (c.resultedAt < c.sampledAt) return 'resultedAt must not be before sampledAt'
  if (c.resultedAt > c.issuedAt + SKEW) return 'a result is signed after it is reported'
  if (c.expiresAt <= c.issuedAt) return 'expiresAt must be after issuedAt'
  if (c.expiresAt > c.sampledAt + LR1_MAX_VALIDITY_SECONDS)
    return 'a result may be recognised for at most 14 days after sampling'
  if (!text(c.statusListId)) return 'statusListId must be 1–64 characters'
  if (!Number.isSafeInteger(c.statusIndex) || c.statusIndex < 0 || c.statusIndex > 0xffffffff)
    return 'statusIndex must be an unsigned 32-bit integer'
  return undefined
}

/**
 * Reads claims from a decoded CWT map; `string` = why they are malformed. Unknown keys are
 * ignored (RFC 8392 §3).
 */
export function lr1ClaimsFromCbor(value: unknown): Lr1Claims | string {
  if (!(value instanceof Map)) return 'claims are not a CBOR map'
  const m = value as ReadonlyMap<unknown, unknown>
  const priv = m.get(LR1_CLAIM.result)
  if (!(priv instanceof Map)) return 'private claim -65538 is missing'
  const p = priv as ReadonlyMap<unknown, unknown>
  const resultIndex = asInteger(p.get(LR1_PRIVATE.result))
  const result = resultIndex === undefined ? undefined : LR1_RESULTS[resultIndex]
  if (!result) return 'result is missing or unknown'
  const kindIndex = asInteger(p.get(LR1_PRIVATE.kind))
  const kind = kindIndex === undefined ? undefined : LR1_KINDS[kindIndex]
  if (!kind) return 'kind is missing or unknown'
  const claims: Lr1Claims = {
    issuer: m.get(LR1_CLAIM.iss) as string,
    region: p.get(LR1_PRIVATE.region) as string,
    subject: m.get(LR1_CLAIM.sub) as string,
    maskedName: p.get(LR1_PRIVATE.maskedName) as string,
    result,
    kind,
    sampledAt: p.get(LR1_PRIVATE.sampledAt) as number,
    resultedAt: p.get(LR1_PRIVATE.resultedAt) as number,
    lab: p.get(LR1_PRIVATE.lab) as string,
    resultId: p.get(LR1_PRIVATE.resultId) as string,
    issuedAt: m.get(LR1_CLAIM.iat) as number,
    expiresAt: m.get(LR1_CLAIM.exp) as number,
    statusListId: p.get(LR1_PRIVATE.statusListId) as string,
    statusIndex: p.get(LR1_PRIVATE.statusIndex) as number,
  }
  return lr1ClaimsProblem(claims) ?? claims
}
