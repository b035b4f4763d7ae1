/**
 * Sampling (#17, module `sampling`): sampling sites with opening hours and capacity, citizens'
 * bookings (愿检尽检, RULES TEST.WILL), screening campaigns (全员检测) with their progress per
 * community, pool-size advice (POOL.MODES, POOL.WHO) and test orders (the sampling list).
 */
import { Type, type Static } from '@sinclair/typebox'
import { MAX_OPENING_PERIODS, OPENING_TIME_PATTERN } from '@lianfang/core'
import { DateString, DateTimeString, Id, Page, PageQuery, RegionCode } from './common.schema.js'
import { RiskLevelSchema } from './health-codes.schema.js'

const strict = { additionalProperties: false } as const
const Name = Type.String({ minLength: 1, maxLength: 200 })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

// --- sites ---

export const OpeningPeriodSchema = Type.Object(
  {
    /** ISO weekdays: 1 Monday … 7 Sunday. */
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
    from: Type.String({ pattern: OPENING_TIME_PATTERN, description: 'local time HH:mm' }),
    to: Type.String({ pattern: OPENING_TIME_PATTERN, description: 'local time HH:mm, after from' }),
  },
  strict,
)
export type OpeningPeriodBody = Static<typeof OpeningPeriodSchema>
export const OpeningHours = Type.Array(OpeningPeriodSchema, { maxItems: MAX_OPENING_PERIODS })

export const SamplingSite = Type.Object({
  id: Id,
  regionCode: RegionCode,
  regionName: Type.String(),
  name: Type.String(),
  address: Nullable(Type.String()),
  openingHours: OpeningHours,
  capacityPerHour: Type.Integer(),
  active: Type.Boolean(),
  createdAt: DateTimeString,
})
export type SamplingSite = Static<typeof SamplingSite>

export const CreateSamplingSiteBody = Type.Object(
  {
    regionCode: RegionCode,
    name: Name,
    address: Type.Optional(Type.String({ maxLength: 500 })),
    openingHours: OpeningHours,
    capacityPerHour: Type.Integer({ minimum: 1, maximum: 10000 }),
  },
  strict,
)
export type CreateSamplingSiteBody = Static<typeof CreateSamplingSiteBody>

export const UpdateSamplingSiteBody = Type.Object(
  {
    name: Type.Optional(Name),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    openingHours: Type.Optional(OpeningHours),
    capacityPerHour: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
)
export type UpdateSamplingSiteBody = Static<typeof UpdateSamplingSiteBody>

export const SamplingSiteQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    active: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...PageQuery,
  },
  strict,
)
export type SamplingSiteQuery = Static<typeof SamplingSiteQuery>
export const SamplingSitePage = Page(SamplingSite)
export type SamplingSitePage = Static<typeof SamplingSitePage>

// --- bookings (愿检尽检) ---

/** The local day (default: today). */
export const SlotQuery = Type.Object({ date: Type.Optional(DateString) }, strict)
export type SlotQuery = Static<typeof SlotQuery>

/** A slot of a site's day with the places left (capacity per hour less the bookings). */
export const Slot = Type.Object({
  start: DateTimeString,
  capacity: Type.Integer(),
  free: Type.Integer(),
  /** Not over and within the booking window. */
  bookable: Type.Boolean(),
})
export type Slot = Static<typeof Slot>
export const SlotList = Type.Object({ siteId: Id, date: DateString, slots: Type.Array(Slot) })
export type SlotList = Static<typeof SlotList>

export const CreateBookingBody = Type.Object({ siteId: Id, slotStart: DateTimeString }, strict)
export type CreateBookingBody = Static<typeof CreateBookingBody>

export const BookingStatusSchema = Type.Union(
  (['booked', 'cancelled', 'sampled', 'no_show'] as const).map((s) => Type.Literal(s)),
)
export type BookingStatus = Static<typeof BookingStatusSchema>

export const Booking = Type.Object({
  id: Id,
  siteId: Id,
  siteName: Type.String(),
  siteAddress: Nullable(Type.String()),
  slotStart: DateTimeString,
  /** What the site scans (shown as a QR and as text). */
  code: Type.String(),
  status: BookingStatusSchema,
  sampledAt: Nullable(DateTimeString),
  createdAt: DateTimeString,
})
export type Booking = Static<typeof Booking>
export const BookingList = Type.Object({ items: Type.Array(Booking) })
export type BookingList = Static<typeof BookingList>

export const ScanBookingBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) },
  strict,
)
export type ScanBookingBody = Static<typeof ScanBookingBody>

/** A booking the site took: the person (masked) for the tube registration that follows. */
export const SampledBooking = Type.Object({
  booking: Booking,
  personId: Id,
  nameMasked: Type.String(),
  idNumberMasked: Type.String(),
})
export type SampledBooking = Static<typeof SampledBooking>

// --- pool-size advice (POOL.MODES, POOL.WHO) ---

export const PoolAdviceQuery = Type.Object(
  { regionCode: RegionCode, keyArea: Type.Optional(Type.Boolean()) },
  strict,
)
export type PoolAdviceQuery = Static<typeof PoolAdviceQuery>

export const PoolAdvice = Type.Object({
  regionCode: RegionCode,
  regionName: Type.String(),
  ruleSetVersion: Type.String(),
  risk: RiskLevelSchema,
  keyArea: Type.Boolean(),
  /** NAT results of the region's subtree over `windowDays`: people tested and positive. */
  windowDays: Type.Integer(),
  tested: Type.Integer(),
  positives: Type.Integer(),
  prevalence: Type.Number(),
  assay: Type.Object({ sensitivity: Type.Number(), specificity: Type.Number() }),
  figures: Type.Array(
    Type.Object({ size: Type.Integer(), expectedTestsPerPerson: Type.Number(), testsPer1000: Type.Number() }),
  ),
  allowedSizes: Type.Array(Type.Integer()),
  recommended: Type.Integer(),
  dilutionAllowed: Type.Boolean(),
  dilutionMaxPrevalence: Type.Number(),
})
export type PoolAdvice = Static<typeof PoolAdvice>

// --- screening campaigns (全员检测) ---

export const CampaignStatusSchema = Type.Union(
  (['planned', 'running', 'closed'] as const).map((s) => Type.Literal(s)),
)
export type CampaignStatus = Static<typeof CampaignStatusSchema>

const PoolSizeValue = Type.Integer({ minimum: 1, maximum: 20 })

export const CreateCampaignBody = Type.Object(
  {
    regionCode: RegionCode,
    name: Name,
    startsOn: DateString,
    endsOn: DateString,
    siteIds: Type.Array(Id, { maxItems: 500 }),
    /** Sizes for areas (region codes in the campaign's region) that differ from the risk-level default. */
    poolSizes: Type.Optional(
      Type.Record(Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$' }), PoolSizeValue, {
        maxProperties: 2000,
      }),
    ),
  },
  strict,
)
export type CreateCampaignBody = Static<typeof CreateCampaignBody>

export const CampaignAreaPool = Type.Object({
  regionCode: RegionCode,
  regionName: Type.String(),
  risk: RiskLevelSchema,
  /** The pool size in use: the campaign's own for the area, else the risk level's (POOL.WHO). */
  poolSize: Type.Integer(),
  defaultSize: Type.Integer(),
  allowedSizes: Type.Array(Type.Integer()),
})
export type CampaignAreaPool = Static<typeof CampaignAreaPool>

export const Campaign = Type.Object({
  id: Id,
  regionCode: RegionCode,
  regionName: Type.String(),
  name: Type.String(),
  startsOn: DateString,
  endsOn: DateString,
  status: CampaignStatusSchema,
  sites: Type.Array(Type.Object({ id: Id, name: Type.String(), regionCode: RegionCode })),
  areas: Type.Array(CampaignAreaPool),
  /** Persons registered in the region: the population to cover. */
  population: Type.Integer(),
  createdAt: DateTimeString,
  closedAt: Nullable(DateTimeString),
})
export type Campaign = Static<typeof Campaign>

export const CampaignSummary = Type.Object({
  id: Id,
  regionCode: RegionCode,
  regionName: Type.String(),
  name: Type.String(),
  startsOn: DateString,
  endsOn: DateString,
  status: CampaignStatusSchema,
  createdAt: DateTimeString,
})
export type CampaignSummary = Static<typeof CampaignSummary>
export const CampaignQuery = Type.Object(
  { status: Type.Optional(CampaignStatusSchema), ...PageQuery },
  strict,
)
export type CampaignQuery = Static<typeof CampaignQuery>
export const CampaignPage = Page(CampaignSummary)
export type CampaignPage = Static<typeof CampaignPage>

/** One community's progress: persons tested (in a tube of the campaign), unreachable, not yet. */
export const CommunityProgress = Type.Object({
  regionCode: RegionCode,
  regionName: Type.String(),
  population: Type.Integer(),
  tested: Type.Integer(),
  unreachable: Type.Integer(),
  notYet: Type.Integer(),
})
export type CommunityProgress = Static<typeof CommunityProgress>

export const CampaignProgress = Type.Object({
  campaignId: Id,
  status: CampaignStatusSchema,
  computedAt: DateTimeString,
  totals: Type.Object({
    population: Type.Integer(),
    tested: Type.Integer(),
    unreachable: Type.Integer(),
    notYet: Type.Integer(),
  }),
  communities: Type.Array(CommunityProgress),
})
export type CampaignProgress = Static<typeof CampaignProgress>

export const MissingQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    /** Also list those marked unreachable (default: only "not yet"). */
    includeUnreachable: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  strict,
)
export type MissingQuery = Static<typeof MissingQuery>

export const MissingPerson = Type.Object({
  personId: Id,
  nameMasked: Type.String(),
  phoneMasked: Nullable(Type.String()),
  idNumberMasked: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  unreachable: Type.Boolean(),
  unreachableNote: Nullable(Type.String()),
})
export type MissingPerson = Static<typeof MissingPerson>
export const MissingPage = Page(MissingPerson)
export type MissingPage = Static<typeof MissingPage>

export const MarkUnreachableBody = Type.Object(
  {
    personId: Id,
    unreachable: Type.Boolean(),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  strict,
)
export type MarkUnreachableBody = Static<typeof MarkUnreachableBody>

export const CommunityReport = Type.Object({
  regionCode: RegionCode,
  regionName: Type.String(),
  population: Type.Integer(),
  tested: Type.Integer(),
  unreachable: Type.Integer(),
  notYet: Type.Integer(),
  tubes: Type.Integer(),
  positiveTubes: Type.Integer(),
  /** Members of positive tubes (to re-sample singly: POOL.POSITIVE). */
  personsInPositiveTubes: Type.Integer(),
})
export type CommunityReport = Static<typeof CommunityReport>

export const CampaignReport = Type.Object({
  campaign: CampaignSummary,
  closedAt: Nullable(DateTimeString),
  communities: Type.Array(CommunityReport),
  totals: Type.Object({
    population: Type.Integer(),
    tested: Type.Integer(),
    unreachable: Type.Integer(),
    notYet: Type.Integer(),
    tubes: Type.Integer(),
    positiveTubes: Type.Integer(),
    personsInPositiveTubes: Type.Integer(),
  }),
})
export type CampaignReport = Static<typeof CampaignReport>
export const CampaignReportExportQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])) },
  strict,
)

// --- test orders (the sampling list) ---

export const TestOrderReasonSchema = Type.Union(
  (['key_group', 'quarantine_day', 'resample', 'campaign', 'other'] as const).map((s) => Type.Literal(s)),
)
export type TestOrderReason = Static<typeof TestOrderReasonSchema>

export const TestOrderQuery = Type.Object(
  {
    date: Type.Optional(DateString),
    regionCode: Type.Optional(RegionCode),
    siteId: Type.Optional(Id),
    /** open (default): not yet sampled; done: sampled on or after the due day; all. */
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('all')])),
    ...PageQuery,
  },
  strict,
)
export type TestOrderQuery = Static<typeof TestOrderQuery>

export const TestOrder = Type.Object({
  id: Id,
  personId: Id,
  nameMasked: Type.String(),
  idNumberMasked: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  reason: TestOrderReasonSchema,
  dueOn: DateString,
  siteId: Nullable(Id),
  siteName: Nullable(Type.String()),
  source: Nullable(Type.String()),
  /** open, done (a sample on or after the due day: a NAT result or a tube), cancelled. */
  status: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')]),
  doneAt: Nullable(DateTimeString),
})
export type TestOrder = Static<typeof TestOrder>
export const TestOrderPage = Type.Composite([
  Page(TestOrder),
  Type.Object({
    counts: Type.Array(
      Type.Object({
        regionCode: RegionCode,
        regionName: Type.String(),
        open: Type.Integer(),
        done: Type.Integer(),
      }),
    ),
  }),
])
export type TestOrderPage = Static<typeof TestOrderPage>
