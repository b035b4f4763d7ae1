/**
 * 应检尽检 key groups (#17, RULES.md TEST.MUST / TEST.WILL): the groups with their test interval,
 * memberships, the overdue list and the SMS reminder to overdue members.
 */
import { Type, type Static } from '@sinclair/typebox'
import { KEY_GROUP_CODE_PATTERN, KEY_GROUP_INTERVAL_DAYS, MEMBERSHIP_SOURCES } from '@lianfang/core'
import { DateTimeString, Id, PageQuery, RegionCode, Page } from './common.schema.js'

const strict = { additionalProperties: false } as const

export const KeyGroupCode = Type.String({
  pattern: KEY_GROUP_CODE_PATTERN,
  description: 'e.g. medical_staff',
})
export const KeyGroupKindSchema = Type.Union([Type.Literal('national'), Type.Literal('local')])
export const MembershipSourceSchema = Type.Union(MEMBERSHIP_SOURCES.map((s) => Type.Literal(s)))
export const IntervalDays = Type.Integer(KEY_GROUP_INTERVAL_DAYS)

/** A key group with its interval, and its members and overdue members in the caller's scope. */
export const KeyGroupItem = Type.Object({
  code: KeyGroupCode,
  kind: KeyGroupKindSchema,
  /** A local group's region (its subtree's persons may be members); null: the whole node. */
  regionCode: Type.Union([RegionCode, Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  nameZh: Type.String(),
  nameEn: Type.String(),
  intervalDays: Type.Integer(),
  members: Type.Integer(),
  overdue: Type.Integer(),
})
export type KeyGroupItem = Static<typeof KeyGroupItem>

export const KeyGroupList = Type.Object({ items: Type.Array(KeyGroupItem), computedAt: DateTimeString })
export type KeyGroupList = Static<typeof KeyGroupList>

/** A local group (TEST.WILL: localities set their own priority groups), in the caller's scope. */
export const CreateLocalKeyGroupBody = Type.Object(
  {
    code: KeyGroupCode,
    regionCode: RegionCode,
    nameZh: Type.String({ minLength: 1, maxLength: 50 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    intervalDays: IntervalDays,
  },
  strict,
)
export type CreateLocalKeyGroupBody = Static<typeof CreateLocalKeyGroupBody>

/** Which overdue members: a region (default: the caller's), a group, a unit named on the roster. */
export const OverdueFilter = {
  regionCode: Type.Optional(RegionCode),
  group: Type.Optional(KeyGroupCode),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}

export const OverdueQuery = Type.Object({ ...OverdueFilter, ...PageQuery }, strict)
export type OverdueQuery = Static<typeof OverdueQuery>

/** An overdue member, masked as in the persons list (phone and identity number). */
export const OverdueMember = Type.Object({
  personId: Id,
  name: Type.String(),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  idNumberMasked: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  group: KeyGroupCode,
  groupNameZh: Type.String(),
  groupNameEn: Type.String(),
  unitName: Type.Union([Type.String(), Type.Null()]),
  source: MembershipSourceSchema,
  intervalDays: Type.Integer(),
  lastNegativeAt: Type.Union([DateTimeString, Type.Null()]),
  /** When the test fell overdue (null: never tested negative). */
  overdueSince: Type.Union([DateTimeString, Type.Null()]),
  /** Whether a reminder was already sent today (local day). */
  remindedToday: Type.Boolean(),
})
export type OverdueMember = Static<typeof OverdueMember>

/** Overdue members per region and group, for the whole filter (not only the page). */
export const OverdueCount = Type.Object({
  regionCode: RegionCode,
  regionName: Type.String(),
  group: KeyGroupCode,
  overdue: Type.Integer(),
})
export type OverdueCount = Static<typeof OverdueCount>

export const OverduePage = Type.Composite([
  Page(OverdueMember),
  Type.Object({ counts: Type.Array(OverdueCount) }),
])
export type OverduePage = Static<typeof OverduePage>

export const NotifyOverdueBody = Type.Object(OverdueFilter, strict)
export type NotifyOverdueBody = Static<typeof NotifyOverdueBody>

/** What a reminder did: sent now, already reminded today, no phone on record, the gateway failed. */
export const NotifyOverdueResult = Type.Object({
  overdue: Type.Integer(),
  sent: Type.Integer(),
  alreadyToday: Type.Integer(),
  noPhone: Type.Integer(),
  failed: Type.Integer(),
})
export type NotifyOverdueResult = Static<typeof NotifyOverdueResult>
