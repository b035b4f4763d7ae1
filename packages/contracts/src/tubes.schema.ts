/**
 * Tubes, shipments, labs and their results (issue #17, RULES POOL.MODES / POOL.POSITIVE /
 * POOL.WHO): a tester registers a tube and its members, tubes travel to a lab in a shipment, the
 * lab reports each tube's result, and a positive tube alerts the region's epidemiologists.
 * What a lab sees of a tube is its barcode, pool size and member count — never who is in it.
 */
import { Type, type Static } from '@sinclair/typebox'
import { DateTimeString, Id, Page, PageQuery, RegionCode } from './common.schema.js'

const strict = { additionalProperties: false } as const
const Text = Type.Union([Type.String(), Type.Null()])
const IdOrNull = Type.Union([Id, Type.Null()])

/** A tube's barcode as printed on it (the tubes table's CHECK). */
export const TubeBarcode = Type.String({ pattern: '^[A-Za-z0-9-]{4,64}$', minLength: 4, maxLength: 64 })

export const TUBE_STATUSES = ['open', 'closed', 'shipped', 'received', 'resulted'] as const
export const TubeStatusSchema = Type.Union(TUBE_STATUSES.map((s) => Type.Literal(s)))
export type TubeStatus = Static<typeof TubeStatusSchema>

export const TUBE_RESULTS = ['positive', 'negative', 'invalid'] as const
export const TubeResultSchema = Type.Union(TUBE_RESULTS.map((s) => Type.Literal(s)))
export type TubeResult = Static<typeof TubeResultSchema>

/** The highest cycle threshold a result may carry (real-time RT-PCR runs 40–45 cycles). */
export const MAX_CT = 45
/** Cycle thresholds per target gene (`{ "ORF1ab": 31.2, "N": 29.8 }`); a target not detected is absent. */
export const CtValues = Type.Record(
  Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }),
  Type.Number({ minimum: 0, maximum: MAX_CT }),
  { maxProperties: 8 },
)
export type CtValues = Static<typeof CtValues>

/** A tube as testers and labs see it: no member is named. */
export const Tube = Type.Object({
  id: Id,
  barcode: Type.String(),
  regionCode: Type.String(),
  regionName: Text,
  campaignId: IdOrNull,
  siteId: IdOrNull,
  poolSize: Type.Integer(),
  members: Type.Integer(),
  status: TubeStatusSchema,
  shipmentId: IdOrNull,
  registeredAt: DateTimeString,
  result: Type.Union([TubeResultSchema, Type.Null()]),
  ct: Type.Union([CtValues, Type.Null()]),
  resultedAt: Type.Union([DateTimeString, Type.Null()]),
})
export type Tube = Static<typeof Tube>

/** A member of a tube, for the tester who registers it (masked). */
export const TubeMember = Type.Object({
  personId: Id,
  name: Type.String(),
  idNumberMasked: Type.String(),
  registeredAt: DateTimeString,
})
export type TubeMember = Static<typeof TubeMember>

export const TubeDetail = Type.Composite([Tube, Type.Object({ memberList: Type.Array(TubeMember) })])
export type TubeDetail = Static<typeof TubeDetail>

export const CreateTubeBody = Type.Object(
  {
    barcode: TubeBarcode,
    /** People per tube (POOL.MODES); at most what the area's risk level allows (POOL.WHO). */
    poolSize: Type.Integer({ minimum: 1, maximum: 20 }),
    /** The area the swabs are taken in (its risk level caps the pool size). */
    regionCode: RegionCode,
    campaignId: Type.Optional(Id),
    siteId: Type.Optional(Id),
  },
  strict,
)
export type CreateTubeBody = Static<typeof CreateTubeBody>

/** One of: the person's health code as scanned (LF1 text), or their identity number. */
export const AddTubeMemberBody = Type.Object(
  {
    healthCode: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    personIdNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    idType: Type.Optional(
      Type.Union(
        (['resident', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent'] as const).map(
          (t) => Type.Literal(t),
        ),
      ),
    ),
  },
  strict,
)
export type AddTubeMemberBody = Static<typeof AddTubeMemberBody>

export const TubeQuery = Type.Object(
  { status: Type.Optional(TubeStatusSchema), regionCode: Type.Optional(RegionCode), ...PageQuery },
  strict,
)
export type TubeQuery = Static<typeof TubeQuery>
export const TubePage = Page(Tube)
export type TubePage = Static<typeof TubePage>

// --- labs ---

export const Lab = Type.Object({
  id: Id,
  regionCode: Type.String(),
  regionName: Text,
  name: Type.String(),
  active: Type.Boolean(),
  staff: Type.Integer(),
})
export type Lab = Static<typeof Lab>

export const CreateLabBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), regionCode: RegionCode },
  strict,
)
export type CreateLabBody = Static<typeof CreateLabBody>

export const UpdateLabBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
)
export type UpdateLabBody = Static<typeof UpdateLabBody>

/** Makes a `lab` account staff of this lab (one lab per account). */
export const AddLabStaffBody = Type.Object({ userId: Id }, strict)
export type AddLabStaffBody = Static<typeof AddLabStaffBody>

// --- shipments ---

export const Shipment = Type.Object({
  id: Id,
  code: Type.String(),
  regionCode: Type.String(),
  regionName: Text,
  labId: Id,
  labName: Type.String(),
  sentAt: DateTimeString,
  receivedAt: Type.Union([DateTimeString, Type.Null()]),
  tubes: Type.Integer(),
  members: Type.Integer(),
  resulted: Type.Integer(),
})
export type Shipment = Static<typeof Shipment>

export const ShipmentDetail = Type.Composite([Shipment, Type.Object({ tubeList: Type.Array(Tube) })])
export type ShipmentDetail = Static<typeof ShipmentDetail>

export const CreateShipmentBody = Type.Object(
  {
    labId: Id,
    /** The closed tubes to send (their barcodes as scanned). */
    barcodes: Type.Array(TubeBarcode, { minItems: 1, maxItems: 2000, uniqueItems: true }),
  },
  strict,
)
export type CreateShipmentBody = Static<typeof CreateShipmentBody>

export const ReceiveShipmentBody = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) },
  strict,
)
export type ReceiveShipmentBody = Static<typeof ReceiveShipmentBody>

export const ShipmentQuery = Type.Object({ received: Type.Optional(Type.Boolean()), ...PageQuery }, strict)
export type ShipmentQuery = Static<typeof ShipmentQuery>
export const ShipmentPage = Page(Shipment)
export type ShipmentPage = Static<typeof ShipmentPage>

// --- results ---

/** One tube's result entered by hand (the same fields as a row of the instrument's export). */
export const LabResultBody = Type.Object(
  {
    barcode: TubeBarcode,
    result: TubeResultSchema,
    ct: Type.Optional(CtValues),
    resultedAt: DateTimeString,
    operator: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  strict,
)
export type LabResultBody = Static<typeof LabResultBody>

export const LabResultOutcome = Type.Object({
  tube: Tube,
  /** Persons whose result was recorded from this tube. */
  members: Type.Integer(),
  /** A positive tube raised an alert to the region's epidemiologists. */
  alerted: Type.Boolean(),
})
export type LabResultOutcome = Static<typeof LabResultOutcome>

// --- alerts to epidemiologists ---

export const TestAlert = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('pool_positive'), Type.Literal('single_positive')]),
  regionCode: Type.String(),
  regionName: Text,
  tubeId: Id,
  tubeBarcode: Type.String(),
  members: Type.Integer(),
  personId: IdOrNull,
  caseId: IdOrNull,
  createdAt: DateTimeString,
  notifiedAt: Type.Union([DateTimeString, Type.Null()]),
  acknowledgedAt: Type.Union([DateTimeString, Type.Null()]),
})
export type TestAlert = Static<typeof TestAlert>

export const TestAlertQuery = Type.Object(
  { unacknowledged: Type.Optional(Type.Boolean()), ...PageQuery },
  strict,
)
export type TestAlertQuery = Static<typeof TestAlertQuery>
export const TestAlertPage = Page(TestAlert)
export type TestAlertPage = Static<typeof TestAlertPage>

export const TestAlertCount = Type.Object({ unacknowledged: Type.Integer() })
export type TestAlertCount = Static<typeof TestAlertCount>
