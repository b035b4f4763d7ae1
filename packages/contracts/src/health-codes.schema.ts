import { Type, type Static } from '@sinclair/typebox'
import {
  EDITIONS,
  KEY_GROUP_CODE_PATTERN,
  MAX_DWELL_MINUTES,
  MIN_DWELL_MINUTES,
  OVERLAP_TIERS,
  REASON_CODES,
  ACTION_CODES,
  VENUE_KINDS,
  type VenueKind,
} from '@lianfang/core'
import { DateTimeString, Id, Page, PageQuery, RegionCode } from './common.schema.js'

export const ColourSchema = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')])
export type Colour = Static<typeof ColourSchema>
export const EditionSchema = Type.Union(EDITIONS.map((e) => Type.Literal(e)))

const Days = Type.Integer({ minimum: 0, maximum: 90 })
const DayList = Type.Array(Type.Integer({ minimum: 1, maximum: 90 }), { maxItems: 30 })
const strict = { additionalProperties: false } as const

/** What co-presence at a venue kind makes: a candidate close contact or a general contact (GC.DEF). */
export const OverlapTierSchema = Type.Union(OVERLAP_TIERS.map((t) => Type.Literal(t)))
const tierPerKind = Object.fromEntries(VENUE_KINDS.map((k) => [k, OverlapTierSchema])) as {
  [K in VenueKind]: typeof OverlapTierSchema
}

/**
 * The stay assumed at a venue kind when no check-out is recorded: whole minutes, 1 to 1440 (no
 * stay is longer than core `MAX_STAY_MS`, how far contact tracing reaches back).
 */
export const DwellMinutesSchema = Type.Integer({ minimum: MIN_DWELL_MINUTES, maximum: MAX_DWELL_MINUTES })
const dwellPerKind = Object.fromEntries(VENUE_KINDS.map((k) => [k, DwellMinutesSchema])) as {
  [K in VenueKind]: typeof DwellMinutesSchema
}

/** People per tube: 1 (single), or a mixed-sampling pool (POOL.MODES: 5, 10; 20 from 2022). */
const PoolSize = Type.Integer({ minimum: 1, maximum: 20 })

/** The parameters of a rule set (core `RuleSetParams`), validated when an admin edits them. */
export const RuleSetParamsSchema = Type.Object(
  {
    case: Type.Object(
      {
        suspectExclude: Type.Object(
          {
            negTests: Type.Integer({ minimum: 1, maximum: 10 }),
            minGapHours: Type.Integer({ minimum: 0, maximum: 240 }),
            antibodyAfterOnsetDays: Days,
          },
          strict,
        ),
        report: Type.Object(
          {
            reportHours: Type.Integer({ minimum: 1, maximum: 240 }),
            investigationHours: Type.Integer({ minimum: 1, maximum: 240 }),
          },
          strict,
        ),
      },
      strict,
    ),
    closeContact: Type.Object(
      {
        windowBeforeOnsetDays: Days,
        centralizedDays: Days,
        homeMonitorDays: Days,
        testDays: DayList,
        homeTestDays: DayList,
        releaseDoubleSample: Type.Boolean(),
        transport: Type.Object(
          { planeRowsBefore: Days, planeRowsAfter: Days, busVentilatedRows: Days },
          strict,
        ),
        /** Every venue kind, `close` or `general` (core `overlapTierOf`, RULES.md CC.SETTINGS, GC.DEF). */
        overlapTier: Type.Object(tierPerKind, strict),
        /** Every venue kind, minutes assumed without a check-out (core `dwellMinutesOf`, docs/entry-exit.md). */
        dwellMinutes: Type.Object(dwellPerKind, strict),
      },
      strict,
    ),
    secondaryContact: Type.Object(
      {
        centralizedDays: Days,
        testDays: DayList,
        releaseRequiresCcFirstNegativeTests: Type.Integer({ minimum: 0, maximum: 10 }),
        upgradeToCcIfCcPositive: Type.Boolean(),
      },
      strict,
    ),
    asymptomatic: Type.Object(
      {
        centralizedDays: Days,
        releaseNegTests: Type.Integer({ minimum: 0, maximum: 10 }),
        minGapHours: Type.Integer({ minimum: 0, maximum: 240 }),
        afterReleaseDays: Days,
        followupWeeks: DayList,
      },
      strict,
    ),
    confirmed: Type.Object(
      {
        afebrileDaysGt: Days,
        negTests: Type.Integer({ minimum: 0, maximum: 10 }),
        minGapHours: Type.Integer({ minimum: 0, maximum: 240 }),
        persistentPositiveWeeks: Days,
        afterDischargeDays: Days,
        followupWeeks: DayList,
      },
      strict,
    ),
    cluster: Type.Object(
      {
        windowDays: Days,
        minCases: Type.Integer({ minimum: 1, maximum: 100 }),
        countAsymptomatic: Type.Boolean(),
      },
      strict,
    ),
    inbound: Type.Object({ centralizedDays: Days, testDays: DayList, homeMonitorDays: Days }, strict),
    pool: Type.Object(
      {
        sizes: Type.Array(PoolSize, { minItems: 1, maxItems: 4, uniqueItems: true }),
        ratioByRisk: Type.Object({ low: PoolSize, medium: PoolSize, high: PoolSize }, strict),
        dilutionMaxPrevalence: Type.Number({ minimum: 0, maximum: 1 }),
        positiveIsolationDays: Days,
      },
      strict,
    ),
    healthCode: Type.Object(
      {
        activeCaseColour: ColourSchema,
        postDischargeColour: ColourSchema,
        isolationColour: Type.Object(
          {
            close_contact: ColourSchema,
            secondary_contact: ColourSchema,
            inbound: ColourSchema,
            risk_area: ColourSchema,
            pool_positive: ColourSchema,
            other: ColourSchema,
          },
          strict,
        ),
        homeMonitoringColour: ColourSchema,
        tripLookbackDays: Days,
        tripColour: Type.Object({ high: ColourSchema, medium: ColourSchema }, strict),
        feverThresholdC: Type.Number({ minimum: 36, maximum: 40 }),
        symptomColour: ColourSchema,
        normalDeclarationDaysToGreen: Days,
        negativeTestClearsSymptoms: Type.Boolean(),
        feverClinicColour: ColourSchema,
        feverClinicLapseDays: Days,
        poolPositiveColour: ColourSchema,
        positiveTestColour: ColourSchema,
        overdueTestColour: ColourSchema,
        overdueGraceHours: Type.Integer({ minimum: 0, maximum: 240 }),
        greenValidHours: Type.Integer({ minimum: 1, maximum: 168 }),
      },
      strict,
    ),
  },
  strict,
)

export const RuleSetRecord = Type.Object({
  id: Type.String({ description: 'database id, or the preset name (FK6, FK7, FK8)' }),
  regionCode: Type.Union([RegionCode, Type.Null()]),
  name: Type.String(),
  edition: EditionSchema,
  version: Type.Integer(),
  status: Type.Union([
    Type.Literal('preset'),
    Type.Literal('draft'),
    Type.Literal('published'),
    Type.Literal('superseded'),
  ]),
  params: RuleSetParamsSchema,
  createdAt: Type.Union([DateTimeString, Type.Null()]),
  publishedAt: Type.Union([DateTimeString, Type.Null()]),
})
export type RuleSetRecord = Static<typeof RuleSetRecord>

export const CreateRuleSetBody = Type.Object(
  {
    regionCode: RegionCode,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    edition: EditionSchema,
    params: Type.Optional(RuleSetParamsSchema),
  },
  { ...strict, description: 'a draft; params default to the edition preset' },
)
export type CreateRuleSetBody = Static<typeof CreateRuleSetBody>

export const UpdateRuleSetBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), params: RuleSetParamsSchema },
  strict,
)
export type UpdateRuleSetBody = Static<typeof UpdateRuleSetBody>

export const RuleSetQuery = Type.Object({ regionCode: Type.Optional(RegionCode) }, strict)

export const DryRunResult = Type.Object({
  ruleSet: Type.String(),
  evaluated: Type.Integer({ description: 'persons with any fact or a non-green colour' }),
  changed: Type.Integer(),
  transitions: Type.Array(Type.Object({ from: ColourSchema, to: ColourSchema, count: Type.Integer() })),
  persons: Type.Array(
    Type.Object({
      personId: Id,
      name: Type.String(),
      regionCode: RegionCode,
      from: ColourSchema,
      to: ColourSchema,
    }),
    { description: 'who would change (first 500)' },
  ),
})
export type DryRunResult = Static<typeof DryRunResult>

const Text = Type.Object({ 'zh-CN': Type.String(), en: Type.String() })
export const ReasonSchema = Type.Object({
  code: Type.Union(REASON_CODES.map((c) => Type.Literal(c))),
  colour: ColourSchema,
  until: Type.Union([DateTimeString, Type.Null()]),
  text: Text,
})
export const ActionSchema = Type.Object({
  code: Type.Union(ACTION_CODES.map((c) => Type.Literal(c))),
  at: Type.Union([DateTimeString, Type.Null()]),
  text: Text,
})

/** A person's current colour with its explanation (not in the QR code: privacy). */
export const HealthCodeStatus = Type.Object({
  personId: Id,
  colour: ColourSchema,
  reasons: Type.Array(ReasonSchema),
  actions: Type.Array(ActionSchema),
  validUntil: DateTimeString,
  ruleSetVersion: Type.String(),
  computedAt: DateTimeString,
})
export type HealthCodeStatus = Static<typeof HealthCodeStatus>

export const ColourHistoryEntry = Type.Object({
  colour: ColourSchema,
  previousColour: Type.Union([ColourSchema, Type.Null()]),
  ruleSetVersion: Type.String(),
  at: DateTimeString,
  reasons: Type.Array(Type.Object({ code: Type.String(), text: Text })),
})

/** What the citizen page shows: the signed QR text plus the explanation. */
export const MyHealthCode = Type.Composite([
  HealthCodeStatus,
  Type.Object({
    qr: Type.String({ description: 'LF1:… — the signed code to render as a QR code' }),
    issuedAt: DateTimeString,
    expiresAt: DateTimeString,
    maskedName: Type.String(),
  }),
])
export type MyHealthCode = Static<typeof MyHealthCode>

// --- facts ---------------------------------------------------------------------------------

export const SYMPTOMS = [
  'fever',
  'cough',
  'sore_throat',
  'shortness_of_breath',
  'fatigue',
  'loss_of_smell',
  'diarrhoea',
] as const
export const HealthDeclarationBody = Type.Object(
  {
    personId: Type.Optional(Id),
    temperatureC: Type.Optional(Type.Number({ minimum: 30, maximum: 45 })),
    /** Staff only: when the reading was taken (entered later from a ward's paper chart); default now. */
    declaredAt: Type.Optional(DateTimeString),
    symptoms: Type.Array(Type.Union(SYMPTOMS.map((s) => Type.Literal(s))), {
      maxItems: SYMPTOMS.length,
      uniqueItems: true,
    }),
  },
  {
    ...strict,
    description: 'personId only for staff declaring for someone; citizens declare for themselves',
  },
)
export type HealthDeclarationBody = Static<typeof HealthDeclarationBody>

export const TripDeclarationBody = Type.Object(
  {
    personId: Type.Optional(Id),
    placeRegionCode: RegionCode,
    arrivedAt: DateTimeString,
    leftAt: DateTimeString,
  },
  strict,
)
export type TripDeclarationBody = Static<typeof TripDeclarationBody>

export const QuarantineKindSchema = Type.Union([
  Type.Literal('centralized'),
  Type.Literal('home_isolation'),
  Type.Literal('home_monitoring'),
])
export const QuarantineReasonSchema = Type.Union(
  (['close_contact', 'secondary_contact', 'inbound', 'risk_area', 'pool_positive', 'other'] as const).map(
    (x) => Type.Literal(x),
  ),
)
export const CreateQuarantineOrderBody = Type.Object(
  {
    personId: Id,
    kind: QuarantineKindSchema,
    reason: QuarantineReasonSchema,
    startsAt: DateTimeString,
    endsAt: Type.Optional(DateTimeString),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { ...strict, description: 'endsAt defaults to the period the rule set gives for the reason' },
)
export type CreateQuarantineOrderBody = Static<typeof CreateQuarantineOrderBody>

export const QuarantineOrder = Type.Object({
  id: Id,
  personId: Id,
  regionCode: RegionCode,
  kind: QuarantineKindSchema,
  reason: QuarantineReasonSchema,
  startsAt: DateTimeString,
  endsAt: DateTimeString,
  releasedAt: Type.Union([DateTimeString, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  ruleSetVersion: Type.Union([Type.String(), Type.Null()]),
})
export type QuarantineOrder = Static<typeof QuarantineOrder>

export const NatResultBody = Type.Object(
  {
    personId: Id,
    sampledAt: DateTimeString,
    result: Type.Union([Type.Literal('positive'), Type.Literal('negative'), Type.Literal('pending')]),
    pooled: Type.Optional(Type.Boolean()),
    labName: Type.Optional(Type.String({ maxLength: 100 })),
  },
  strict,
)
export type NatResultBody = Static<typeof NatResultBody>

const Serology = Type.Union([Type.Literal('positive'), Type.Literal('negative')])
/** A serum antibody result (IgM and IgG of one sample); not in the future. */
export const AntibodyResultBody = Type.Object(
  {
    personId: Id,
    sampledAt: DateTimeString,
    igm: Serology,
    igg: Serology,
    labName: Type.Optional(Type.String({ maxLength: 100 })),
  },
  strict,
)
export type AntibodyResultBody = Static<typeof AntibodyResultBody>

export const FeverClinicVisitBody = Type.Object(
  { personId: Id, visitedAt: DateTimeString, hospital: Type.Optional(Type.String({ maxLength: 100 })) },
  strict,
)
export type FeverClinicVisitBody = Static<typeof FeverClinicVisitBody>

export const KeyGroupBody = Type.Object(
  {
    personId: Id,
    /**
     * A group of `GET /api/key-groups` usable in the person's region: national (TEST.MUST),
     * node-wide or local to the region or an ancestor (TEST.WILL); another is 404 KEY_GROUP_NOT_FOUND.
     */
    group: Type.String({ pattern: KEY_GROUP_CODE_PATTERN, description: 'e.g. medical_staff' }),
    intervalDays: Type.Integer({ minimum: 1, maximum: 60 }),
  },
  strict,
)
export type KeyGroupBody = Static<typeof KeyGroupBody>

export const RiskLevelSchema = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])
export const SetRiskLevelBody = Type.Object(
  { regionCode: RegionCode, level: RiskLevelSchema, startsAt: Type.Optional(DateTimeString) },
  strict,
)
export type SetRiskLevelBody = Static<typeof SetRiskLevelBody>
export const RiskAreaPeriod = Type.Object({
  id: Id,
  regionCode: RegionCode,
  regionName: Type.String(),
  level: RiskLevelSchema,
  startsAt: DateTimeString,
  endsAt: Type.Union([DateTimeString, Type.Null()]),
})
export type RiskAreaPeriod = Static<typeof RiskAreaPeriod>

export const FactCreated = Type.Object({
  id: Id,
  personId: Id,
  colour: ColourSchema,
  ruleSetVersion: Type.String(),
})
export type FactCreated = Static<typeof FactCreated>

// --- citizens and appeals ---------------------------------------------------------------------

const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'mainland mobile number' })
export const OtpRequestBody = Type.Object({ phone: Phone }, strict)
export const CitizenRegisterBody = Type.Object(
  {
    phone: Phone,
    code: Type.String({ pattern: '^[0-9]{6}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    idType: Type.Union(
      (['resident', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent'] as const).map((x) =>
        Type.Literal(x),
      ),
    ),
    idNumber: Type.String({ minLength: 1, maxLength: 40 }),
    regionCode: Type.Optional(RegionCode),
    password: Type.String({ minLength: 10, maxLength: 200 }),
  },
  {
    ...strict,
    description: 'regionCode (community of residence) is needed only when no person record matches the ID',
  },
)
export type CitizenRegisterBody = Static<typeof CitizenRegisterBody>
export const CitizenRegistered = Type.Object({
  userId: Id,
  personId: Id,
  username: Type.String(),
  linkedExisting: Type.Boolean(),
})

export const SmsMessage = Type.Object({
  id: Id,
  phone: Type.String(),
  body: Type.String(),
  sender: Type.String(),
  createdAt: DateTimeString,
})
export const SmsPage = Page(SmsMessage)

export const AppealBody = Type.Object({ statement: Type.String({ minLength: 5, maxLength: 1000 }) }, strict)
export const CorrectionSchema = Type.Object(
  {
    type: Type.Union(
      (
        [
          'void_trip',
          'void_declaration',
          'void_nat_result',
          'void_fever_clinic',
          'release_quarantine',
        ] as const
      ).map((x) => Type.Literal(x)),
    ),
    id: Id,
  },
  strict,
)
export const DecideAppealBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
    note: Type.String({ minLength: 2, maxLength: 1000 }),
    corrections: Type.Optional(Type.Array(CorrectionSchema, { maxItems: 20 })),
  },
  strict,
)
export type DecideAppealBody = Static<typeof DecideAppealBody>
export const Appeal = Type.Object({
  id: Id,
  personId: Id,
  personName: Type.String(),
  regionCode: RegionCode,
  colour: ColourSchema,
  reasons: Type.Array(Type.Object({ code: Type.String(), text: Text })),
  statement: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected')]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  corrections: Type.Array(CorrectionSchema),
  createdAt: DateTimeString,
  decidedAt: Type.Union([DateTimeString, Type.Null()]),
  /** The person's facts a reviewer can correct (ids for corrections). */
  facts: Type.Optional(
    Type.Array(Type.Object({ type: Type.String(), id: Id, summary: Type.String(), at: DateTimeString })),
  ),
})
export type Appeal = Static<typeof Appeal>
export const AppealQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected')]),
    ),
    ...PageQuery,
  },
  strict,
)
export const AppealPage = Page(Appeal)

export const VerifyCodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 4096 }) }, strict)
export const CodeVerification = Type.Object({
  ok: Type.Boolean(),
  stage: Type.Union([Type.String(), Type.Null()], { description: 'where a refused code failed' }),
  reason: Type.Union([Type.String(), Type.Null()]),
  colour: Type.Union([ColourSchema, Type.Null()]),
  maskedName: Type.Union([Type.String(), Type.Null()]),
  issuer: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([DateTimeString, Type.Null()]),
  statusFresh: Type.Union([Type.Boolean(), Type.Null()]),
})
export type CodeVerification = Static<typeof CodeVerification>
