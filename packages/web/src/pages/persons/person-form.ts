import type { Dayjs } from 'dayjs'
import type { CreatePersonBody, PersonDetail, UpdatePersonBody } from '@lianfang/contracts'
import type { IdType } from '@lianfang/core'

/**
 * How a person's household is chosen in the form: kept as it is (edit), joined to an existing
 * one (found by one of its members), a new one registered with the person, or none.
 */
export type HouseholdChoice = 'keep' | 'existing' | 'new' | 'none'

/** The values of the person form (create and edit); every field starts empty on create. */
export interface PersonFormValues {
  name?: string
  idType?: IdType
  idNumber?: string
  sex?: 'male' | 'female' | 'unknown'
  birthDate?: Dayjs | null
  phone?: string
  regionCode?: string
  address?: string
  household?: HouseholdChoice
  householdId?: string
  householdAddress?: string
  /** Employer and school (venues) with the unit in each (CC.SETTINGS 4; UnitFields). */
  workplaceId?: string | null
  workUnitId?: string | null
  schoolId?: string | null
  classUnitId?: string | null
}

const UNIT_FIELDS = ['workplaceId', 'workUnitId', 'schoolId', 'classUnitId'] as const

const trimmed = (s: string | undefined): string | undefined => {
  const v = s?.trim()
  return v === undefined || v === '' ? undefined : v
}

/** The household part of a body, from the choice made (nothing for keep or no choice). */
function householdPart(v: PersonFormValues): Pick<CreatePersonBody, 'householdId' | 'newHousehold'> {
  const address = trimmed(v.householdAddress)
  if (v.household === 'existing' && v.householdId !== undefined) return { householdId: v.householdId }
  if (v.household === 'new' && address !== undefined) return { newHousehold: { address } }
  return {}
}

/** POST /api/persons: only what was filled in (sex and birth date come from a resident ID). */
export function toCreateBody(v: PersonFormValues): CreatePersonBody {
  const phone = trimmed(v.phone)
  const address = trimmed(v.address)
  const resident = v.idType === 'resident'
  const body: CreatePersonBody = {
    name: trimmed(v.name) ?? '',
    idType: v.idType ?? 'resident',
    idNumber: trimmed(v.idNumber)?.toUpperCase() ?? '',
    regionCode: v.regionCode ?? '',
    ...householdPart(v),
  }
  if (phone !== undefined) body.phone = phone
  if (address !== undefined) body.address = address
  if (!resident && v.sex !== undefined) body.sex = v.sex
  if (!resident && v.birthDate) body.birthDate = v.birthDate.format('YYYY-MM-DD')
  for (const f of UNIT_FIELDS) {
    const id = v[f]
    if (typeof id === 'string' && id !== '') body[f] = id
  }
  return body
}

/** The form's starting values for an edit: the person as read. */
export function editValuesOf(p: PersonDetail): PersonFormValues {
  const values: PersonFormValues = { name: p.name, regionCode: p.regionCode }
  if (p.address !== null) values.address = p.address
  if (p.householdId !== null) values.household = 'keep'
  for (const f of UNIT_FIELDS) values[f] = p[f]
  return values
}

/**
 * PATCH /api/persons/:id: the fields that differ from the person as read, with the version read
 * (a change meanwhile is refused: STALE_VERSION). An emptied phone or address is removed (null).
 * The phone is only shown masked, so it is sent only when a new one was typed.
 */
export function toUpdateBody(p: PersonDetail, v: PersonFormValues): UpdatePersonBody {
  const body: UpdatePersonBody = { version: p.version }
  const name = trimmed(v.name)
  if (name !== undefined && name !== p.name) body.name = name
  const phone = trimmed(v.phone)
  if (phone !== undefined) body.phone = phone
  const address = trimmed(v.address) ?? null
  if (address !== p.address) body.address = address
  if (v.regionCode !== undefined && v.regionCode !== p.regionCode) body.regionCode = v.regionCode
  if (v.household === 'none' && p.householdId !== null) body.householdId = null
  const household = householdPart(v)
  if (household.householdId !== p.householdId) Object.assign(body, household)
  for (const f of UNIT_FIELDS) {
    const id = v[f] ?? null
    if (v[f] !== undefined && id !== p[f]) body[f] = id
  }
  return body
}

/** Whether an update body changes anything (the server wants the version and one field at least). */
export const changesSomething = (body: UpdatePersonBody): boolean => Object.keys(body).length > 1
