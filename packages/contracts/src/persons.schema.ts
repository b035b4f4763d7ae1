import { Type, type Static } from '@sinclair/typebox'
import { ID_TYPES } from '@lianfang/core'
import { DateString, Id, Page, PageQuery, RegionCode } from './common.schema.js'

export const IdTypeSchema = Type.Union(ID_TYPES.map((t) => Type.Literal(t)))
export const SexSchema = Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('unknown')])
const Phone = Type.String({ pattern: '^\\+?[0-9]{5,20}$', description: 'digits, optional leading +' })
const Name = Type.String({ minLength: 1, maxLength: 100 })
/** A household registered together with the person, in the person's region (one transaction). */
const NewHousehold = Type.Object(
  { address: Type.String({ minLength: 1, maxLength: 200 }) },
  {
    additionalProperties: false,
    description: "a new household at this address in the person's region; not with householdId",
  },
)

/**
 * Employer, school and their units (RULES.md CC.SETTINGS 4). A unit must be one of the person's
 * employer (resp. school) — `UNIT_NOT_IN_EMPLOYER` otherwise; a new employer without a unit given
 * clears the old unit. Venues and units must be in the caller's region.
 */
const Memberships = {
  workplaceId: Type.Optional(Id),
  workUnitId: Type.Optional(Id),
  schoolId: Type.Optional(Id),
  classUnitId: Type.Optional(Id),
}
/** The same on a change: null removes the membership. */
const NullableMemberships = {
  workplaceId: Type.Optional(Type.Union([Id, Type.Null()])),
  workUnitId: Type.Optional(Type.Union([Id, Type.Null()])),
  schoolId: Type.Optional(Type.Union([Id, Type.Null()])),
  classUnitId: Type.Optional(Type.Union([Id, Type.Null()])),
}

/** A person as lists show it: identity number and phone masked. */
export const PersonSummary = Type.Object({
  id: Id,
  name: Type.String(),
  sex: SexSchema,
  birthDate: Type.Union([DateString, Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  idType: IdTypeSchema,
  idNumberMasked: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  householdId: Type.Union([Id, Type.Null()]),
})
export type PersonSummary = Static<typeof PersonSummary>

export const Household = Type.Object({
  id: Id,
  regionCode: RegionCode,
  /** The household's region by name (the console shows regions by name, the code on hover). */
  regionName: Type.String(),
  address: Type.String(),
  members: Type.Array(PersonSummary),
})
export type Household = Static<typeof Household>

export const PersonDetail = Type.Composite([
  PersonSummary,
  Type.Object({
    address: Type.Union([Type.String(), Type.Null()]),
    household: Type.Union([Household, Type.Null()]),
    /** The employer (a venue) and the work unit in it: office, workshop, team (CC.SETTINGS 4). */
    workplaceId: Type.Union([Id, Type.Null()]),
    workplaceName: Type.Union([Type.String(), Type.Null()]),
    workUnitId: Type.Union([Id, Type.Null()]),
    workUnitName: Type.Union([Type.String(), Type.Null()]),
    /** The school (a venue) and the class in it. */
    schoolId: Type.Union([Id, Type.Null()]),
    schoolName: Type.Union([Type.String(), Type.Null()]),
    classUnitId: Type.Union([Id, Type.Null()]),
    classUnitName: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
])
export type PersonDetail = Static<typeof PersonDetail>

export const CreatePersonBody = Type.Object(
  {
    name: Name,
    sex: Type.Optional(SexSchema),
    birthDate: Type.Optional(DateString),
    phone: Type.Optional(Phone),
    idType: IdTypeSchema,
    idNumber: Type.String({ minLength: 1, maxLength: 40 }),
    regionCode: RegionCode,
    householdId: Type.Optional(Id),
    newHousehold: Type.Optional(NewHousehold),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    ...Memberships,
  },
  { additionalProperties: false },
)
export type CreatePersonBody = Static<typeof CreatePersonBody>

export const UpdatePersonBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version read; a stale one gets 409' }),
    name: Type.Optional(Name),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    regionCode: Type.Optional(RegionCode),
    householdId: Type.Optional(Type.Union([Id, Type.Null()])),
    newHousehold: Type.Optional(NewHousehold),
    ...NullableMemberships,
  },
  { additionalProperties: false, minProperties: 2 },
)
export type UpdatePersonBody = Static<typeof UpdatePersonBody>

export const PersonSearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'name prefix, phone or ID number' }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    phone: Type.Optional(Phone),
    idType: Type.Optional(IdTypeSchema),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    regionCode: Type.Optional(RegionCode),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type PersonSearchQuery = Static<typeof PersonSearchQuery>

export const PersonPage = Page(PersonSummary)
export type PersonPage = Static<typeof PersonPage>

export const UnmaskBody = Type.Object(
  {
    reason: Type.String({
      minLength: 4,
      maxLength: 500,
      description: 'why the full number is needed (audited)',
    }),
  },
  { additionalProperties: false },
)
export type UnmaskBody = Static<typeof UnmaskBody>

export const VerifyPhoneBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version read; a stale one gets 409' }),
    phone: Phone,
    reason: Type.String({
      minLength: 4,
      maxLength: 500,
      description: 'how the identity was checked (document seen in person, …); audited',
    }),
  },
  {
    additionalProperties: false,
    description:
      'staff-verified phone: the person may then register as a citizen from this phone; an account bound earlier from another phone is replaced when they do',
  },
)
export type VerifyPhoneBody = Static<typeof VerifyPhoneBody>

export const UnmaskedIdentity = Type.Object({
  idType: IdTypeSchema,
  idNumber: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
})
export type UnmaskedIdentity = Static<typeof UnmaskedIdentity>

export const CreateHouseholdBody = Type.Object(
  { regionCode: RegionCode, address: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export type CreateHouseholdBody = Static<typeof CreateHouseholdBody>
