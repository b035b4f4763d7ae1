import { Type, type Static } from '@sinclair/typebox'
import { DateTimeString } from './common.schema.js'

const strict = { additionalProperties: false } as const

/**
 * Discharge (confirmed, CONF.DISCHARGE), release (asymptomatic, ASYM.ISO) and exclusion
 * (suspected, CASE.SUSPECT.EXCLUDE): the clinician's attestations and the check of the criteria.
 */
export const DischargeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    symptomsImproved: Type.Boolean({
      description: 'clinician attests: respiratory symptoms markedly better',
    }),
    imagingImproved: Type.Boolean({ description: 'clinician attests: lung imaging markedly improved' }),
    infectivityAssessed: Type.Optional(
      Type.Boolean({
        description:
          'clinician attests (CONF.DISCHARGE, ZL8: NAT positive > 4 weeks, check criterion PERSISTENT_POSITIVE_ASSESSED): antibody tests or virus culture show the patient is not infectious',
      }),
    ),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  strict,
)
export type DischargeBody = Static<typeof DischargeBody>

/** A serum antibody result as the exclusion check reads it (CASE.SUSPECT.EXCLUDE). */
export const AntibodyReading = Type.Object({
  sampledAt: DateTimeString,
  igm: Type.Union([Type.Literal('positive'), Type.Literal('negative')]),
  igg: Type.Union([Type.Literal('positive'), Type.Literal('negative')]),
})

export const DischargeCheck = Type.Object({
  met: Type.Boolean(),
  /**
   * Each criterion (core `Criterion`): `variant` and `params` (numbers, ISO dates, domain words)
   * let the console word it (`cases.discharge.criteria.<id>.detail_<variant>`); `detail` says the
   * same in English.
   */
  criteria: Type.Array(
    Type.Object({
      id: Type.String(),
      met: Type.Boolean(),
      variant: Type.String(),
      params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
      detail: Type.String(),
    }),
  ),
  /** The English details of the criteria not met. */
  missing: Type.Array(Type.String()),
  /** The body temperatures in the temperature criterion's window (confirmed cases), newest first. */
  temperatures: Type.Array(Type.Object({ at: DateTimeString, celsius: Type.Number() })),
  /** The person's serum antibody results (suspected cases), newest first. */
  antibodies: Type.Array(AntibodyReading),
})
export type DischargeCheck = Static<typeof DischargeCheck>
