import { Type, type Static } from '@sinclair/typebox'
import { DateTimeString, Id, Page, PageQuery, RegionCode } from './common.schema.js'

const strict = { additionalProperties: false } as const

/**
 * A follow-up task's state. `due`, `done` and `cancelled` are stored; `missed` is read: a `due`
 * task whose week has ended (`dueAt` passed) without a result.
 */
export const FollowupStatusSchema = Type.Union([
  Type.Literal('due'),
  Type.Literal('done'),
  Type.Literal('missed'),
  Type.Literal('cancelled'),
])
export type FollowupStatus = Static<typeof FollowupStatusSchema>

export const FollowupNatResultSchema = Type.Union([
  Type.Literal('negative'),
  Type.Literal('positive'),
  Type.Literal('not_tested'),
])
export type FollowupNatResult = Static<typeof FollowupNatResultSchema>

/** When the follow-up was performed relative to its week: before it opened, in it, or after it. */
export const FollowupTimingSchema = Type.Union([
  Type.Literal('early'),
  Type.Literal('on_time'),
  Type.Literal('late'),
])
export type FollowupTiming = Static<typeof FollowupTimingSchema>

export const FollowupResult = Type.Object({
  natResult: FollowupNatResultSchema,
  symptoms: Type.Boolean(),
  symptomsText: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  performedAt: DateTimeString,
  timing: FollowupTimingSchema,
  recordedBy: Type.Union([Id, Type.Null()]),
  recordedByName: Type.Union([Type.String(), Type.Null()]),
  recordedAt: DateTimeString,
})
export type FollowupResult = Static<typeof FollowupResult>

export const FollowupTask = Type.Object({
  id: Id,
  caseId: Id,
  personId: Id,
  personName: Type.String(),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  regionCode: RegionCode,
  regionName: Type.Union([Type.String(), Type.Null()]),
  caseStatus: Type.Union([Type.Literal('confirmed'), Type.Literal('asymptomatic')]),
  outcome: Type.Union([Type.Literal('discharged'), Type.Literal('released')]),
  outcomeAt: DateTimeString,
  observationEndsAt: Type.Union([DateTimeString, Type.Null()]),
  assigneeKind: Type.Union([Type.Literal('community'), Type.Literal('hospital')]),
  assigneeName: Type.String(),
  week: Type.Integer(),
  windowOpensAt: DateTimeString,
  dueAt: DateTimeString,
  status: FollowupStatusSchema,
  result: Type.Union([FollowupResult, Type.Null()]),
  repositive: Type.Boolean({ description: '复阳: a positive NAT at this follow-up' }),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  ruleSetVersion: Type.String(),
  version: Type.Integer(),
})
export type FollowupTask = Static<typeof FollowupTask>

export const FollowupQuery = Type.Object(
  {
    status: Type.Optional(FollowupStatusSchema),
    regionCode: Type.Optional(RegionCode),
    caseId: Type.Optional(Id),
    dueAfter: Type.Optional(DateTimeString),
    dueBefore: Type.Optional(DateTimeString),
    repositive: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  strict,
)
export type FollowupQuery = Static<typeof FollowupQuery>
export const FollowupPage = Page(FollowupTask)
export type FollowupPage = Static<typeof FollowupPage>

export const RecordFollowupBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    natResult: FollowupNatResultSchema,
    symptoms: Type.Boolean(),
    symptomsText: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    performedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'when the visit or sampling took place; now if left out',
      }),
    ),
  },
  { ...strict, description: 'symptomsText is required when symptoms is true' },
)
export type RecordFollowupBody = Static<typeof RecordFollowupBody>

export const CancelFollowupBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 2, maxLength: 500 }) },
  strict,
)
export type CancelFollowupBody = Static<typeof CancelFollowupBody>
