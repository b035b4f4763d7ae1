import { Type, type Static } from '@sinclair/typebox'
import { DENY_REASONS, ID_TYPES, readsEnclosed, VENUE_KINDS } from '@lianfang/core'
import { DateString, DateTimeString, Id, RegionCode } from './common.schema.js'
import { ColourSchema } from './health-codes.schema.js'

const strict = { additionalProperties: false } as const
/** Venue kinds (defined once, in core, as the `venues.kind` CHECK lists them). */
export { VENUE_KINDS }
/** Whether a venue kind records its ventilation (`Venue.enclosed`): trains and buses (core). */
export { readsEnclosed }
export const VenueKindSchema = Type.Union(VENUE_KINDS.map((k) => Type.Literal(k)))

export const Venue = Type.Object({
  id: Id,
  regionCode: RegionCode,
  regionName: Type.String(),
  kind: VenueKindSchema,
  name: Type.String(),
  capacity: Type.Integer(),
  address: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  managerUserId: Type.Union([Id, Type.Null()]),
  /**
   * Trains and buses (core `readsEnclosed`): fully enclosed air-conditioned train / sealed
   * air-conditioned coach (`true`), ordinary train / ventilated coach (`false`), not recorded
   * (`null`, traced as enclosed) — RULES.md CC.TRANSPORT.TRAIN, CC.TRANSPORT.BUS. Always `null`
   * for other kinds.
   */
  enclosed: Type.Union([Type.Boolean(), Type.Null()]),
})
export type Venue = Static<typeof Venue>

/** A conveyance's ventilation (`Venue.enclosed`); refused (VENUE_TRANSPORT_NOT_APPLICABLE) elsewhere. */
const Enclosed = Type.Boolean({
  description: 'train / bus only: fully enclosed air-conditioned (CC.TRANSPORT.TRAIN, CC.TRANSPORT.BUS)',
})

export const CreateVenueBody = Type.Object(
  {
    regionCode: RegionCode,
    kind: VenueKindSchema,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    managerUserId: Type.Optional(Id),
    enclosed: Type.Optional(Enclosed),
  },
  strict,
)
export type CreateVenueBody = Static<typeof CreateVenueBody>

/** What may change on a venue: its transport properties (`null` clears a recorded ventilation). */
export const PatchVenueBody = Type.Object(
  { enclosed: Type.Optional(Type.Union([Enclosed, Type.Null()])) },
  { ...strict, minProperties: 1 },
)
export type PatchVenueBody = Static<typeof PatchVenueBody>

export const VenueQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    kind: Type.Optional(VenueKindSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  strict,
)
export type VenueQuery = Static<typeof VenueQuery>
export const VenuePage = Type.Object({
  items: Type.Array(Venue),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})

export const VenueCode = Type.Object({
  venueId: Id,
  code: Type.String({ description: 'LFV1:… for the poster QR' }),
})

const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
})
export const DenyReasonSchema = Type.Union(DENY_REASONS.map((r) => Type.Literal(r)))
const IdTypeSchema = Type.Union(ID_TYPES.map((t) => Type.Literal(t)))

/** One scan at a gate, as the checkpoint recorded it (online or from its offline queue). */
/** Where the person sat on a conveyance (flight, train, bus, ship): the parts its seat rule reads. */
export const Seat = Type.Object(
  {
    carriage: Type.Optional(
      Type.String({ minLength: 1, maxLength: 8, description: 'train carriage (车厢)' }),
    ),
    row: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'plane / bus row' })),
    bay: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'train bay (hard seat/sleeper)' }),
    ),
    compartment: Type.Optional(
      Type.String({ minLength: 1, maxLength: 8, description: 'soft-sleeper compartment or ship cabin' }),
    ),
  },
  { ...strict, minProperties: 1 },
)
export type Seat = Static<typeof Seat>

export const ScanItem = Type.Object(
  {
    clientScanId: Uuid,
    venueId: Id,
    method: Type.Union([Type.Literal('gate_scan'), Type.Literal('proxy')]),
    direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
    scannedAt: DateTimeString,
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, description: 'LF1 code (gate_scan)' })),
    idType: Type.Optional(IdTypeSchema),
    idNumber: Type.Optional(
      Type.String({ minLength: 1, maxLength: 40, description: 'proxy: the person without a phone' }),
    ),
    companionIdType: Type.Optional(IdTypeSchema),
    companionIdNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    seat: Type.Optional(Seat),
    reason: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'proxy: why the person was looked up by ID number (kept in the audit record)',
      }),
    ),
  },
  strict,
)
export type ScanItem = Static<typeof ScanItem>

export const ScanOutcome = Type.Object({
  clientScanId: Type.String(),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  decision: Type.Union([Type.Literal('allow'), Type.Literal('deny'), Type.Null()]),
  reason: Type.Union([DenyReasonSchema, Type.Null()]),
  reasonText: Type.Union([Type.Object({ 'zh-CN': Type.String(), en: Type.String() }), Type.Null()]),
  colour: Type.Union([ColourSchema, Type.Null()]),
  maskedName: Type.Union([Type.String(), Type.Null()]),
  resident: Type.Union([Type.Boolean(), Type.Null()]),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
})
export type ScanOutcome = Static<typeof ScanOutcome>

/**
 * The most scans one batch may carry (issue #14: a batch's look-ups must not hold the database
 * pool). A checkpoint sends its offline queue in batches of at most this many.
 */
export const MAX_SCANS_PER_BATCH = 500
export const ScanBatchBody = Type.Object(
  {
    scans: Type.Array(ScanItem, {
      minItems: 1,
      maxItems: MAX_SCANS_PER_BATCH,
      description: `at most ${String(MAX_SCANS_PER_BATCH)} scans; more are refused (400 VALIDATION_FAILED)`,
    }),
  },
  strict,
)
export type ScanBatchBody = Static<typeof ScanBatchBody>
export const ScanBatchResult = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  outcomes: Type.Array(ScanOutcome),
})
export type ScanBatchResult = Static<typeof ScanBatchResult>

export const SelfCheckinBody = Type.Object(
  {
    venueCode: Type.String({ minLength: 1, maxLength: 4096 }),
    clientScanId: Uuid,
    direction: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out')])),
    seat: Type.Optional(Seat),
  },
  strict,
)
export type SelfCheckinBody = Static<typeof SelfCheckinBody>
export const SelfCheckinResult = Type.Composite([
  ScanOutcome,
  Type.Object({
    venue: Type.Object({ id: Id, name: Type.String(), kind: Type.String(), regionName: Type.String() }),
    checkedInAt: DateTimeString,
  }),
])
export type SelfCheckinResult = Static<typeof SelfCheckinResult>

export const VenueStatsQuery = Type.Object({ date: Type.Optional(DateString) }, strict)
export const VenueStats = Type.Object({
  venueId: Id,
  date: DateString,
  entries: Type.Integer(),
  exits: Type.Integer(),
  residents: Type.Integer(),
  visitors: Type.Integer(),
  denied: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
  hourly: Type.Array(
    Type.Object({
      hour: Type.Integer(),
      entries: Type.Integer(),
      exits: Type.Integer(),
      denied: Type.Integer(),
    }),
  ),
})
export type VenueStats = Static<typeof VenueStats>

export const VenueActiveBody = Type.Object({ active: Type.Boolean() }, strict)
export type VenueActiveBody = Static<typeof VenueActiveBody>

/** The most venues one posters PDF may carry (400 above). */
export const MAX_POSTERS = 200
export const PostersQuery = Type.Object(
  {
    ids: Type.String({
      pattern: '^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$',
      maxLength: 19 * MAX_POSTERS,
      description: `venue ids, comma-separated (at most ${String(MAX_POSTERS)})`,
    }),
  },
  strict,
)
export type PostersQuery = Static<typeof PostersQuery>

/** A PDF answer: bytes, not JSON (the server sends a Buffer; no serialization applies). */
export const PdfFile = Type.Unsafe<Uint8Array>({
  type: 'string',
  format: 'binary',
  description: 'application/pdf',
})
