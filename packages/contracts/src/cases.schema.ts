import { Type, type Static } from '@sinclair/typebox'
import { DateTimeString, Id, Page, PageQuery, RegionCode } from './common.schema.js'
import { Seat } from './entry.schema.js'

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

/**
 * One clock of CASE.REPORT (core `Deadline`): due, done (null: not yet) and late — done after the
 * due time, or not done and the due time passed.
 */
export const CaseDeadline = Type.Object({
  dueAt: DateTimeString,
  doneAt: Type.Union([DateTimeString, Type.Null()]),
  overdue: Type.Boolean(),
})
export type CaseDeadline = Static<typeof CaseDeadline>

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
  /** When the case was diagnosed (CASE.REPORT's report clock starts there; null: at the report). */
  diagnosedAt: Type.Union([DateTimeString, Type.Null()]),
  /** When the case was reported (created here). */
  reportedAt: DateTimeString,
  investigationCompletedAt: Type.Union([DateTimeString, Type.Null()]),
  /** CASE.REPORT: reported within 2 h of diagnosis, investigated within 24 h of the report (rule set). */
  deadlines: Type.Object({ report: CaseDeadline, investigation: CaseDeadline }),
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
    /** CASE.REPORT: the 2-hour report clock runs from here; not in the future (the report is now). */
    diagnosedAt: Type.Optional(DateTimeString),
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

/** CASE.REPORT's overdue lists: `report` reported later than due; `investigation` open past its due time. */
export const CASE_OVERDUE = ['report', 'investigation'] as const
export const CaseQuery = Type.Object(
  {
    status: Type.Optional(CaseStatusSchema),
    regionCode: Type.Optional(RegionCode),
    overdue: Type.Optional(Type.Union(CASE_OVERDUE.map((x) => Type.Literal(x)))),
    ...PageQuery,
  },
  strict,
)
export type CaseQuery = Static<typeof CaseQuery>
export const CasePage = Page(CaseRecord)

// --- Investigation (流调), contacts and 协查 ---

export const ContactDegreeSchema = Type.Union([Type.Literal('close'), Type.Literal('secondary')])
export type ContactDegree = Static<typeof ContactDegreeSchema>

/** The venue rules of core `VenueRule` (RULES.md CC.SETTINGS, CC.TRANSPORT.*, GC.DEF). */
export const VENUE_CONTACT_RULES = [
  'venue_overlap',
  'plane_rows',
  'train_carriage',
  'train_bay',
  'bus_vehicle',
  'bus_rows',
  'ship_cabin',
  'venue_copresence_general',
] as const
/** The group rules of core `GroupRule` (CC.SETTINGS 1, 4). */
export const GROUP_CONTACT_RULES = ['household', 'workplace', 'school_class'] as const

/** Secondary contacts (CC2.DEF): the close contact through whom the exposure happened. */
const ReasonVia = Type.Optional(Id)

/** Co-presence at a venue (core `VenueReason`): which rule matched, and when. */
export const VenueReasonJson = Type.Object(
  {
    rule: Type.Union(VENUE_CONTACT_RULES.map((r) => Type.Literal(r))),
    venueId: Id,
    from: DateTimeString,
    to: DateTimeString,
    /** Whole minutes both were really there (0 when only the buffer joined the stays); ≤ a year. */
    minutes: Type.Integer({ minimum: 0, maximum: 527_040 }),
    caseSeat: Type.Optional(Seat),
    contactSeat: Type.Optional(Seat),
    via: ReasonVia,
  },
  strict,
)

/** Membership of the same household, workplace group or school class (core `GroupReason`). */
export const GroupReasonJson = Type.Object(
  {
    rule: Type.Union(GROUP_CONTACT_RULES.map((r) => Type.Literal(r))),
    groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    via: ReasonVia,
  },
  strict,
)

/** A contact the investigator found by interview (流调询问), with a short note of why. */
export const InvestigatorReasonJson = Type.Object(
  { rule: Type.Literal('investigator'), note: Type.String({ minLength: 1, maxLength: 500 }) },
  strict,
)

/** One reason a person is proposed as a contact (core `ContactReason`, dates as ISO strings). */
export const ContactReasonJson = Type.Union([VenueReasonJson, GroupReasonJson])
export type ContactReasonJson = Static<typeof ContactReasonJson>

/**
 * A reason recorded on a confirmed contact: one the investigation found, or the investigator's
 * own. Bounded everywhere (issue #14): these travel to other regions in 协查 requests and end up in
 * their exports.
 */
export const ContactRecordReason = Type.Union([VenueReasonJson, GroupReasonJson, InvestigatorReasonJson])
export type ContactRecordReason = Static<typeof ContactRecordReason>
/** At most this many reasons on one contact. */
export const MAX_CONTACT_REASONS = 50

export const InvestigationQuery = Type.Object(
  { bufferMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, default: 30 })) },
  strict,
)
export type InvestigationQuery = Static<typeof InvestigationQuery>

export const InvestigationCandidate = Type.Object({
  personId: Id,
  /** Masked for persons of another region. */
  name: Type.String(),
  regionCode: RegionCode,
  otherRegion: Type.Boolean(),
  degree: ContactDegreeSchema,
  lastExposureAt: DateTimeString,
  strongest: ContactReasonJson,
  reasons: Type.Array(ContactReasonJson),
  /**
   * Already under control (persons of the caller's region only; null otherwise): an open case, a
   * confirmed contact of this case, or an isolation order running now — the first of these, with
   * when it began. The console shows it and does not offer the person for confirmation again.
   */
  control: Type.Union([
    Type.Object({
      kind: Type.Union([Type.Literal('case'), Type.Literal('contact'), Type.Literal('quarantine')]),
      since: DateTimeString,
    }),
    Type.Null(),
  ]),
})
export type InvestigationCandidate = Static<typeof InvestigationCandidate>
/** What puts a candidate under control, strongest first (InvestigationCandidate `control`). */
export const CONTROL_KINDS = ['case', 'contact', 'quarantine'] as const

/**
 * A work unit or class of the case (RULES.md CC.SETTINGS 4: the same office, workshop, team or
 * classroom) whose members are candidates — every member, never a cut list.
 */
export const InvestigationGroup = Type.Object({
  rule: Type.Union([Type.Literal('workplace'), Type.Literal('school_class')]),
  /** The unit: the `groupId` of the reasons it gives. */
  groupId: Id,
  name: Type.String(),
  /** Members, the case included. */
  members: Type.Integer({ minimum: 0 }),
  /**
   * More than core `LARGE_UNIT_MEMBERS` (100): every member is still listed, but the unit is unlikely
   * to be one room or team — check with the employer (school) which team the case was in.
   */
  large: Type.Boolean(),
})
export type InvestigationGroup = Static<typeof InvestigationGroup>

export const Investigation = Type.Object({
  caseId: Id,
  window: Type.Object({ start: DateTimeString, end: DateTimeString }),
  ruleSetVersion: Type.String(),
  timeline: Type.Array(
    Type.Object({
      venueId: Id,
      venueName: Type.String(),
      kind: Type.String(),
      checkedInAt: DateTimeString,
      checkedOutAt: Type.Union([DateTimeString, Type.Null()]),
    }),
  ),
  /**
   * Candidate close contacts only: the general contacts (一般接触者, RULES.md GC.DEF) are a list
   * apart, counted by `GET /api/cases/:id/investigation/general-contacts/summary` and listed by
   * `GET /api/cases/:id/investigation/general-contacts`, so that this answer never waits for them.
   */
  candidates: Type.Array(InvestigationCandidate),
  /** The case's work unit and class, if any (a person without a unit has no such group). */
  groups: Type.Array(InvestigationGroup),
})
export type Investigation = Static<typeof Investigation>

/**
 * General contacts (一般接触者, RULES.md GC.DEF) counted: people whose stay met the case's at a venue
 * whose kind makes co-presence a general contact (rule-set `closeContact.overlapTier`: office
 * buildings, schools, markets, …) or aboard a conveyance outside the case's seat zone
 * (CC.TRANSPORT.*), less the candidate close contacts. The people are listed, page
 * by page, by `GET /api/cases/:id/investigation/general-contacts`.
 */
export const GeneralContactsSummary = Type.Object({
  caseId: Id,
  /** Distinct persons over all venues (one met at two venues counts once here). */
  total: Type.Integer({ minimum: 0 }),
  /** Every general-tier venue and conveyance of the case's stays, most general contacts first. */
  byVenue: Type.Array(
    Type.Object({
      venueId: Id,
      venueName: Type.String(),
      kind: Type.String(),
      count: Type.Integer({ minimum: 0 }),
    }),
  ),
})
export type GeneralContactsSummary = Static<typeof GeneralContactsSummary>

export const GeneralContactsQuery = Type.Object(
  {
    bufferMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, default: 30 })),
    /** Only this venue (one of the summary's `byVenue`); all of them when absent. */
    venueId: Type.Optional(Id),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  strict,
)
export type GeneralContactsQuery = Static<typeof GeneralContactsQuery>

/**
 * A general contact: not a candidate close contact, but the investigator may still judge one to
 * be (CC.SETTINGS 9) and confirm them with these reasons (`venue_copresence_general`).
 */
export const GeneralContact = Type.Object({
  personId: Id,
  /** Masked for persons of another region (routed as 协查 when confirmed). */
  name: Type.String(),
  regionCode: RegionCode,
  otherRegion: Type.Boolean(),
  lastExposureAt: DateTimeString,
  strongest: ContactReasonJson,
  reasons: Type.Array(ContactReasonJson),
})
export type GeneralContact = Static<typeof GeneralContact>

export const GeneralContactsPage = Type.Object({
  caseId: Id,
  venueId: Type.Union([Id, Type.Null()]),
  /** General contacts in all (at `venueId` when given), not only on this page. */
  total: Type.Integer({ minimum: 0 }),
  offset: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 1 }),
  /** Ordered by person id. */
  items: Type.Array(GeneralContact),
})
export type GeneralContactsPage = Static<typeof GeneralContactsPage>

/** A candidate secondary contact (密接的密接, CC2.DEF): reached through a confirmed close contact. */
export const SecondaryCandidate = Type.Object({
  ...InvestigationCandidate.properties,
  degree: Type.Literal('secondary'),
  /** The close contact through whom the strongest exposure happened (every reason has its `via`). */
  viaPersonId: Id,
})
export type SecondaryCandidate = Static<typeof SecondaryCandidate>

export const ContactInput = Type.Object(
  {
    personId: Id,
    degree: ContactDegreeSchema,
    lastExposureAt: DateTimeString,
    /** Secondary contacts: the confirmed close contact of the same case they were exposed through. */
    viaPersonId: Type.Optional(Id),
    reasons: Type.Optional(Type.Array(ContactRecordReason, { maxItems: MAX_CONTACT_REASONS })),
  },
  strict,
)
export type ContactInput = Static<typeof ContactInput>

export const ConfirmContactsBody = Type.Object(
  { contacts: Type.Array(ContactInput, { minItems: 1, maxItems: 1000 }) },
  strict,
)
export type ConfirmContactsBody = Static<typeof ConfirmContactsBody>

export const ContactOutcome = Type.Object({
  personId: Type.String(),
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('routed'), Type.Literal('rejected')]),
  contactId: Type.Union([Id, Type.Null()]),
  quarantineOrderId: Type.Union([Id, Type.Null()]),
  assistRequestId: Type.Union([Id, Type.Null()]),
  routedTo: Type.Union([RegionCode, Type.Null()]),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
})
export type ContactOutcome = Static<typeof ContactOutcome>

export const ContactRow = Type.Object({
  id: Id,
  /** Null for persons of another region (handled there through 协查). */
  personId: Type.Union([Id, Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  regionCode: RegionCode,
  degree: ContactDegreeSchema,
  lastExposureAt: DateTimeString,
  reasons: Type.Array(ContactRecordReason, { maxItems: MAX_CONTACT_REASONS }),
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('dismissed')]),
  quarantineOrderId: Type.Union([Id, Type.Null()]),
  otherRegion: Type.Boolean(),
})
export type ContactRow = Static<typeof ContactRow>

export const AssistDirectionSchema = Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')])
export type AssistDirection = Static<typeof AssistDirectionSchema>
export const AssistRequestQuery = Type.Object({ direction: AssistDirectionSchema }, strict)

/** The 协查 requests as a file: `?format=csv` (UTF-8 with BOM, the default) or `xlsx`. */
export const AssistRequestExportQuery = Type.Object(
  {
    direction: AssistDirectionSchema,
    format: Type.Optional(
      Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], {
        description: 'csv (UTF-8 with BOM, the default) or xlsx',
      }),
    ),
  },
  strict,
)
export type AssistRequestExportQuery = Static<typeof AssistRequestExportQuery>

/** A table as a file (CSV text or XLSX bytes), not JSON: the console links to it (`urlOf`). */
export const TableFile = Type.Unsafe<Uint8Array | string>({
  type: 'string',
  format: 'binary',
  description: 'text/csv; charset=utf-8 or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
})

/** What a 协查 request tells the receiving region about the contact. */
export const AssistPayload = Type.Object({
  caseId: Id,
  degree: ContactDegreeSchema,
  lastExposureAt: DateTimeString,
  reasons: Type.Array(ContactRecordReason, { maxItems: MAX_CONTACT_REASONS }),
})
export type AssistPayload = Static<typeof AssistPayload>

export const AssistRequest = Type.Object({
  id: Id,
  contactId: Id,
  personId: Type.Union([Id, Type.Null()]),
  fromRegion: RegionCode,
  toRegion: RegionCode,
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('sent'),
    Type.Literal('acknowledged'),
    Type.Literal('closed'),
  ]),
  payload: AssistPayload,
  createdAt: DateTimeString,
})
export type AssistRequest = Static<typeof AssistRequest>

// --- Clusters (聚集性疫情, RULES.md §A9) ---

export const ClusterKindSchema = Type.Union([
  Type.Literal('household'),
  Type.Literal('workplace'),
  Type.Literal('school'),
  Type.Literal('venue'),
])
export type ClusterKind = Static<typeof ClusterKindSchema>
export const ClusterStatusSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('acknowledged'),
  Type.Literal('closed'),
])
export type ClusterStatus = Static<typeof ClusterStatusSchema>

export const ClusterAlert = Type.Object({
  id: Id,
  kind: ClusterKindSchema,
  /** The household, work unit, school or venue id. */
  key: Id,
  /** The setting's region (the household's or the venue's). */
  regionCode: RegionCode,
  /** The venue's name (work units, schools, venues); null for households (an address is personal data). */
  settingName: Type.Union([Type.String(), Type.Null()]),
  status: ClusterStatusSchema,
  /** The last case is less than the window before now (RISK.HIGH looks at recent clusters). */
  active: Type.Boolean(),
  activeUntil: DateTimeString,
  /** Sorted by onset / sampling date; cases of other regions are listed by id only. */
  caseIds: Type.Array(Id),
  firstAt: DateTimeString,
  lastAt: DateTimeString,
  windowDays: Type.Integer(),
  minCases: Type.Integer(),
  ruleSetVersion: Type.String(),
  detectedAt: DateTimeString,
  updatedAt: DateTimeString,
  acknowledgedBy: Type.Union([Id, Type.Null()]),
  acknowledgedAt: Type.Union([DateTimeString, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  closedReason: Type.Union([Type.String(), Type.Null()]),
})
export type ClusterAlert = Static<typeof ClusterAlert>

export const ClusterQuery = Type.Object(
  {
    status: Type.Optional(ClusterStatusSchema),
    active: Type.Optional(Type.Boolean()),
    regionCode: Type.Optional(RegionCode),
    ...PageQuery,
  },
  strict,
)
export type ClusterQuery = Static<typeof ClusterQuery>
export const ClusterPage = Page(ClusterAlert)
export type ClusterPage = Static<typeof ClusterPage>

export const AcknowledgeClusterBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  strict,
)
export type AcknowledgeClusterBody = Static<typeof AcknowledgeClusterBody>

export const DetectClustersBody = Type.Object(
  {
    /** Cases of this region subtree (default: the user's region). */
    regionCode: Type.Optional(RegionCode),
    /** Cases with onset / sampling in the last `sinceDays` days (default 60). */
    sinceDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  strict,
)
export type DetectClustersBody = Static<typeof DetectClustersBody>

export const DetectClustersResult = Type.Object({
  evaluatedCases: Type.Integer(),
  found: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  closed: Type.Integer(),
  /** The alerts created or updated by this run. */
  alerts: Type.Array(ClusterAlert),
})
export type DetectClustersResult = Static<typeof DetectClustersResult>

// --- Case links and transmission chains (传播链) ---

export const ChainConfidenceSchema = Type.Union([
  Type.Literal('confirmed'),
  Type.Literal('probable'),
  Type.Literal('possible'),
])
export type ChainConfidence = Static<typeof ChainConfidenceSchema>

export const CreateCaseLinkBody = Type.Object(
  {
    /** The infector. */
    fromCaseId: Id,
    /** The infected. */
    toCaseId: Id,
    confidence: ChainConfidenceSchema,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  strict,
)
export type CreateCaseLinkBody = Static<typeof CreateCaseLinkBody>

export const CaseLink = Type.Object({
  id: Id,
  fromCaseId: Id,
  toCaseId: Id,
  confidence: ChainConfidenceSchema,
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTimeString,
})
export type CaseLink = Static<typeof CaseLink>

export const ChainQuery = Type.Object(
  {
    /** The component of this case; without it, the region's graph. */
    caseId: Type.Optional(Id),
    from: Type.Optional(DateTimeString),
    to: Type.Optional(DateTimeString),
    /** Region subtree of the cases shown (default and bound: the user's region). */
    region: Type.Optional(RegionCode),
    maxNodes: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 2000 })),
  },
  strict,
)
export type ChainQuery = Static<typeof ChainQuery>

export const ChainNodeKindSchema = Type.Union([
  Type.Literal('case'),
  Type.Literal('contact'),
  Type.Literal('cluster'),
])
export const ChainEdgeKindSchema = Type.Union([
  Type.Literal('infected'),
  Type.Literal('contact'),
  Type.Literal('member'),
])

/**
 * A node of the chain graph. Nodes of persons (cases, contacts) of a region the user may not see
 * are anonymised: an opaque id, the region and the kind, nothing else.
 */
export const ChainNode = Type.Object({
  id: Type.String(),
  kind: ChainNodeKindSchema,
  regionCode: RegionCode,
  otherRegion: Type.Boolean(),
  at: Type.Union([DateTimeString, Type.Null()]),
  label: Type.Union([Type.String(), Type.Null()]),
  caseId: Type.Union([Id, Type.Null()]),
  personId: Type.Union([Id, Type.Null()]),
  clusterId: Type.Union([Id, Type.Null()]),
  /** Case status, or cluster alert status. */
  status: Type.Union([Type.String(), Type.Null()]),
  degree: Type.Union([ContactDegreeSchema, Type.Null()]),
  clusterKind: Type.Union([ClusterKindSchema, Type.Null()]),
})
export type ChainNode = Static<typeof ChainNode>

export const ChainEdge = Type.Object({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  kind: ChainEdgeKindSchema,
  confidence: ChainConfidenceSchema,
  at: Type.Union([DateTimeString, Type.Null()]),
  /** The case link behind an `infected` edge (to delete it). */
  linkId: Type.Union([Id, Type.Null()]),
})
export type ChainEdge = Static<typeof ChainEdge>

export const ChainGraphResponse = Type.Object({
  rootId: Type.Union([Type.String(), Type.Null()]),
  nodes: Type.Array(ChainNode),
  edges: Type.Array(ChainEdge),
  /** More nodes matched than `maxNodes`: the graph shown is cut. */
  truncated: Type.Boolean(),
  maxNodes: Type.Integer(),
})
export type ChainGraphResponse = Static<typeof ChainGraphResponse>
