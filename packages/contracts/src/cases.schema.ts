import { Type, type Static } from '@sinclair/typebox'
import { DateTimeString, Id, Page, PageQuery, RegionCode } from './common.schema.js'

const strict = { additionalProperties: false } as const
export const CaseStatusSchema = Type.Union([
  Type.Literal('suspected'),
  Type.Literal('confirmed'),
  Type.Literal('asymptomatic'),
  Type.Literal('excluded'),
])
export const SeveritySchema = Type.Union([
  Type.Literal('mild'),
  Type.Literal('ordinary'),
  Type.Literal('severe'),
  Type.Literal('critical'),
])

export const CaseRecord = Type.Object({
  id: Id,
  personId: Id,
  personName: Type.String(),
  regionCode: RegionCode,
  status: CaseStatusSchema,
  severity: Type.Union([SeveritySchema, Type.Null()]),
  origin: Type.Union([Type.Literal('local'), Type.Literal('imported')]),
  onsetAt: Type.Union([DateTimeString, Type.Null()]),
  firstPositiveSampleAt: Type.Union([DateTimeString, Type.Null()]),
  isolatedAt: Type.Union([DateTimeString, Type.Null()]),
  isolationPlace: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([
    Type.Literal('discharged'),
    Type.Literal('released'),
    Type.Literal('died'),
    Type.Literal('excluded'),
    Type.Null(),
  ]),
  outcomeAt: Type.Union([DateTimeString, Type.Null()]),
  version: Type.Integer(),
  history: Type.Array(
    Type.Object({
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.String(),
      severity: Type.Union([Type.String(), Type.Null()]),
      reason: Type.String(),
      at: DateTimeString,
    }),
  ),
})
export type CaseRecord = Static<typeof CaseRecord>

export const CreateCaseBody = Type.Object(
  {
    personId: Id,
    status: Type.Union([Type.Literal('suspected'), Type.Literal('confirmed'), Type.Literal('asymptomatic')]),
    severity: Type.Optional(SeveritySchema),
    origin: Type.Optional(Type.Union([Type.Literal('local'), Type.Literal('imported')])),
    onsetAt: Type.Optional(DateTimeString),
    firstPositiveSampleAt: Type.Optional(DateTimeString),
    isolatedAt: Type.Optional(DateTimeString),
    isolationPlace: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { ...strict, description: 'onsetAt (symptomatic) or firstPositiveSampleAt (asymptomatic) is required' },
)
export type CreateCaseBody = Static<typeof CreateCaseBody>

export const ReclassifyCaseBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    status: CaseStatusSchema,
    severity: Type.Optional(SeveritySchema),
    onsetAt: Type.Optional(DateTimeString),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  strict,
)
export type ReclassifyCaseBody = Static<typeof ReclassifyCaseBody>

export const DischargeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    symptomsImproved: Type.Boolean({
      description: 'clinician attests: respiratory symptoms markedly better',
    }),
    imagingImproved: Type.Boolean({ description: 'clinician attests: lung imaging markedly improved' }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  strict,
)
export type DischargeBody = Static<typeof DischargeBody>

export const DischargeCheck = Type.Object({
  met: Type.Boolean(),
  criteria: Type.Array(Type.Object({ id: Type.String(), met: Type.Boolean(), detail: Type.String() })),
  missing: Type.Array(Type.String()),
})
export type DischargeCheck = Static<typeof DischargeCheck>

export const CaseQuery = Type.Object(
  { status: Type.Optional(CaseStatusSchema), regionCode: Type.Optional(RegionCode), ...PageQuery },
  strict,
)
export type CaseQuery = Static<typeof CaseQuery>
export const CasePage = Page(CaseRecord)
