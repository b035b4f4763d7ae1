/**
 * LF1 health-code claims and their CBOR form: a CWT claims set (RFC 8392 §3) with the registered
 * claims iss (1), sub (2), exp (4), iat (6) and one private-use claim (−65537, RFC 8392 §9.1
 * "less than −65536: private use") holding a map of Lianfang fields with small integer keys.
 * See docs/health-code-format.md.
 */
import { asInteger } from './cbor.js'

/** Health-code colours, in their CBOR encoding order (0, 1, 2). */
export const HEALTH_CODE_COLOURS = ['green', 'yellow', 'red'] as const
export type HealthCodeColour = (typeof HEALTH_CODE_COLOURS)[number]

/** The claims an LF1 code carries. Times are CWT NumericDates (seconds since the Unix epoch). */
export interface Lf1Claims {
  /** Issuer node id (CWT `iss`). */
  readonly issuer: string
  /** Issuer's region code (GB/T 2260, extended). */
  readonly region: string
  /** Pseudonymous, per-person subject id (CWT `sub`); never an ID number. */
  readonly subject: string
  /** Masked display name, e.g. "张*明". */
  readonly maskedName: string
  readonly colour: HealthCodeColour
  /** CWT `iat`. */
  readonly issuedAt: number
  /** CWT `exp`: at most {@link LF1_MAX_LIFETIME_SECONDS} after `issuedAt`. */
  readonly expiresAt: number
  /** Which of the issuer's status lists holds this code's bit. */
  readonly statusListId: string
  /** Bit index in that status list. */
  readonly statusIndex: number
}

/** CWT claim keys (RFC 8392 §4) and the private claim of LF1. */
export const LF1_CLAIM = { iss: 1, sub: 2, exp: 4, iat: 6, lianfang: -65537 } as const
/** Keys inside the private claim map. */
export const LF1_PRIVATE = { region: 1, maskedName: 2, colour: 3, statusListId: 4, statusIndex: 5 } as const
/** Codes are short-lived: a code valid for more than 72 hours is malformed. */
export const LF1_MAX_LIFETIME_SECONDS = 72 * 3600
const MAX_TEXT = 64

/** Builds the CWT claims map in canonical key order (RFC 8949 §4.2.1). */
export function lf1ClaimsToCbor(c: Lf1Claims): Map<number, unknown> {
  const priv = new Map<number, unknown>([
    [LF1_PRIVATE.region, c.region],
    [LF1_PRIVATE.maskedName, c.maskedName],
    [LF1_PRIVATE.colour, HEALTH_CODE_COLOURS.indexOf(c.colour)],
    [LF1_PRIVATE.statusListId, c.statusListId],
    [LF1_PRIVATE.statusIndex, c.statusIndex],
  ])
  return new Map<number, unknown>([
    [LF1_CLAIM.iss, c.issuer],
    [LF1_CLAIM.sub, c.subject],
    [LF1_CLAIM.exp, c.expiresAt],
    [LF1_CLAIM.iat, c.issuedAt],
    [LF1_CLAIM.lianfang, priv],
  ])
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT ? value : undefined
}

/** Why claims are malformed, or `undefined` when they are well-formed. */
export function lf1ClaimsProblem(c: Lf1Claims): string | undefined {
  if (!text(c.issuer)) return 'issuer must be 1–64 characters'
  if (!text(c.region)) return 'region must be 1–64 characters'
  if (!text(c.subject)) return 'subject must be 1–64 characters'
  if (typeof c.maskedName !== 'string' || c.maskedName.length > MAX_TEXT)
    return 'maskedName must be ≤ 64 characters'
  if (!HEALTH_CODE_COLOURS.includes(c.colour)) return 'colour must be green, yellow or red'
  if (!Number.isSafeInteger(c.issuedAt) || c.issuedAt < 0) return 'issuedAt must be a non-negative integer'
  if (!Number.isSafeInteger(c.expiresAt) || c.expiresAt <= c.issuedAt)
    return 'expiresAt must be after issuedAt'
  if (c.expiresAt - c.issuedAt > LF1_MAX_LIFETIME_SECONDS) return 'a code may be valid for at most 72 hours'
  if (!text(c.statusListId)) return 'statusListId must be 1–64 characters'
  if (!Number.isSafeInteger(c.statusIndex) || c.statusIndex < 0 || c.statusIndex > 0xffffffff)
    return 'statusIndex must be an unsigned 32-bit integer'
  return undefined
}

/**
 * Reads claims from a decoded CWT map; `string` = why they are malformed. Unknown keys are
 * ignored (RFC 8392 §3: claims not understood are ignored).
 */
export function lf1ClaimsFromCbor(value: unknown): Lf1Claims | string {
  if (!(value instanceof Map)) return 'claims are not a CBOR map'
  const m = value as ReadonlyMap<unknown, unknown>
  const priv = m.get(LF1_CLAIM.lianfang)
  if (!(priv instanceof Map)) return 'private claim -65537 is missing'
  const p = priv as ReadonlyMap<unknown, unknown>
  const colourIndex = asInteger(p.get(LF1_PRIVATE.colour))
  const colour = colourIndex === undefined ? undefined : HEALTH_CODE_COLOURS[colourIndex]
  if (!colour) return 'colour is missing or unknown'
  const claims: Lf1Claims = {
    issuer: m.get(LF1_CLAIM.iss) as string,
    region: p.get(LF1_PRIVATE.region) as string,
    subject: m.get(LF1_CLAIM.sub) as string,
    maskedName: p.get(LF1_PRIVATE.maskedName) as string,
    colour,
    issuedAt: m.get(LF1_CLAIM.iat) as number,
    expiresAt: m.get(LF1_CLAIM.exp) as number,
    statusListId: p.get(LF1_PRIVATE.statusListId) as string,
    statusIndex: p.get(LF1_PRIVATE.statusIndex) as number,
  }
  return lf1ClaimsProblem(claims) ?? claims
}
