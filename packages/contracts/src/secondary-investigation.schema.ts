import { Type, type Static } from '@sinclair/typebox'
import { SECONDARY_SKIP_REASONS } from '@lianfang/core'
import { DateTimeString, Id, RegionCode } from './common.schema.js'
import { SecondaryCandidate } from './cases.schema.js'

/**
 * Why a confirmed close contact was not traced for secondary contacts (core
 * `SECONDARY_SKIP_REASONS`): `other_region` (traced there, through the 协查 request), `too_many`
 * (more than `params.limit` close contacts in one request), `no_interval` (isolated before the
 * first exposure), `invalid_exposure` (a first exposure that is not a date). The console words it
 * (`investigation.secondary.skip.<reason>`).
 */
export const SecondarySkipReasonSchema = Type.Union(SECONDARY_SKIP_REASONS.map((r) => Type.Literal(r)))

export const SecondarySkipped = Type.Object({
  contactId: Id,
  personId: Type.Union([Id, Type.Null()]),
  regionCode: RegionCode,
  reason: SecondarySkipReasonSchema,
  /** What the wording needs: `limit` for `too_many`. */
  params: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1 })) }),
})
export type SecondarySkipped = Static<typeof SecondarySkipped>

export const SecondaryInvestigation = Type.Object({
  caseId: Id,
  ruleSetVersion: Type.String(),
  /** False under a rule set without secondary-contact management (FK6): no candidates, see `note`. */
  managed: Type.Boolean(),
  /** Days of observation a confirmed secondary contact gets (CC2.OBS), 0 when not managed. */
  observationDays: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
  /** The confirmed close contacts traced, each over [first exposure, isolation or now]. */
  traced: Type.Array(
    Type.Object({
      personId: Id,
      name: Type.String(),
      from: DateTimeString,
      to: DateTimeString,
    }),
  ),
  /** Close contacts not traced here, and why. */
  skipped: Type.Array(SecondarySkipped),
  candidates: Type.Array(SecondaryCandidate),
  /** Names of the venues the candidates' reasons name. */
  venues: Type.Array(Type.Object({ venueId: Id, name: Type.String() })),
})
export type SecondaryInvestigation = Static<typeof SecondaryInvestigation>
