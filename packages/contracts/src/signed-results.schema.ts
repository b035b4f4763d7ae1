/**
 * Signed test results (LR1, issue #17): a citizen's own results with the QR text of each final
 * one, the verification answer a checkpoint sees, and the import of another node's result.
 * Format: docs/health-code-format.md "Signed test results (LR1)".
 */
import { Type, type Static } from '@sinclair/typebox'
import { LR1_KINDS, LR1_RESULTS } from '@lianfang/core'
import { DateTimeString, Id } from './common.schema.js'

const strict = { additionalProperties: false } as const
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

/** A presented QR text: printable, no control characters (NUL and the like are refused). */
export const ResultQrText = Type.String({
  minLength: 1,
  maxLength: 4096,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
})
export const ResultQrBody = Type.Object({ qr: ResultQrText }, strict)
export type ResultQrBody = Static<typeof ResultQrBody>

export const Lr1ResultSchema = Type.Union(LR1_RESULTS.map((r) => Type.Literal(r)))
export const Lr1KindSchema = Type.Union(LR1_KINDS.map((k) => Type.Literal(k)))

/** Why a result has no QR: not final yet, voided, a pooled positive (re-sampled singly), or too old. */
export const NO_QR_REASONS = ['pending', 'voided', 'pooled_positive', 'expired'] as const
export type NoQrReason = (typeof NO_QR_REASONS)[number]

/** One of a person's results, newest first, with its signed QR text when it has one. */
export const SignedNatResult = Type.Object({
  id: Id,
  sampledAt: DateTimeString,
  resultedAt: DateTimeString,
  result: Type.Union([Lr1ResultSchema, Type.Literal('pending')]),
  kind: Lr1KindSchema,
  lab: Nullable(Type.String()),
  /** `local`: reported on this node; `imported`: another node's signed result the citizen added. */
  source: Type.Union([Type.Literal('local'), Type.Literal('imported')]),
  /** The node that signed it (this node for local results). */
  issuer: Type.String(),
  issuerRegion: Nullable(Type.String()),
  voided: Type.Boolean(),
  /** The end of its recognition (LR1 `exp`): 7 days after sampling. */
  recognisedUntil: DateTimeString,
  /** LR1 QR text; null when there is none (`noQr` says why). */
  qr: Nullable(Type.String()),
  noQr: Nullable(Type.Union(NO_QR_REASONS.map((r) => Type.Literal(r)))),
})
export type SignedNatResult = Static<typeof SignedNatResult>

/** What a verifier learns from a result's QR: the result, and no personal data beyond the masked name. */
export const NatResultVerification = Type.Object({
  ok: Type.Boolean(),
  stage: Nullable(Type.String({ description: 'where a refused result failed' })),
  reason: Nullable(Type.String()),
  result: Nullable(Lr1ResultSchema),
  kind: Nullable(Lr1KindSchema),
  maskedName: Nullable(Type.String()),
  issuer: Nullable(Type.String()),
  issuerRegion: Nullable(Type.String()),
  lab: Nullable(Type.String()),
  sampledAt: Nullable(DateTimeString),
  resultedAt: Nullable(DateTimeString),
  expiresAt: Nullable(DateTimeString),
  /** False: the issuer's status list is not held here, so a voided result would not be seen. */
  statusChecked: Nullable(Type.Boolean()),
  statusFresh: Nullable(Type.Boolean()),
})
export type NatResultVerification = Static<typeof NatResultVerification>
