/**
 * The person roster import (花名册): a spreadsheet of residents, staff or pupils registered in
 * one go through the import pipeline (docs/imports.md). Each row becomes a person exactly as one
 * registered by hand (`newPersonRow`: the identity number normalised, encrypted and hashed);
 * rows whose identity document is already registered are reported, never inserted twice.
 *
 * Employer and school are given by venue id (the number the console shows), their unit
 * (office, workshop, team; class) by its name within that employer or school (RULES.md
 * CC.SETTINGS 4): an unknown venue or unit is a row problem, never a unit of another employer.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Transaction } from 'kysely'
import { DomainError, isInRegion, type IdType } from '@lianfang/core'
import type { CreatePersonBody } from '@lianfang/contracts'
import type { DB } from '../../db/schema.generated.js'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import { defineImport, type DefinedImport } from '../../import/define-import.js'
import type { ImportContext, ImportRow, RowIssue } from '../../import/import.types.js'
import type { RegionsRepository } from '../regions/index.js'
import { newPersonRow, type NewPersonRow } from './person-row.js'
import { PersonsRepository } from './persons.repository.js'
import { WorkUnitsRepository } from './work-units.repository.js'
import type { Memberships } from './work-units.service.js'

const SEX = ['male', 'female', 'unknown', '男', '女', '未知', 'M', 'F', 'm', 'f'] as const

export const PersonRosterRow = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    passport: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9]{5,20}$' })),
    birthDate: Type.Optional(Type.String({ format: 'date' })),
    sex: Type.Optional(Type.Union(SEX.map((s) => Type.Literal(s)))),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    /** The employer's venue id, and the work unit's name in it. */
    workplaceId: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$' })),
    workUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** The school's venue id, and the class's name in it. */
    schoolId: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$' })),
    className: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
)
export type PersonRosterRow = Static<typeof PersonRosterRow>

/** Column names as rosters write them, in Chinese and English (compared without case or spaces). */
const HEADER_ALIASES: Record<string, keyof PersonRosterRow> = {
  姓名: 'name',
  名字: 'name',
  'full name': 'name',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  公民身份号码: 'idNumber',
  身份证: 'idNumber',
  'id number': 'idNumber',
  'id no': 'idNumber',
  'resident id': 'idNumber',
  护照号: 'passport',
  护照号码: 'passport',
  护照: 'passport',
  'passport number': 'passport',
  'passport no': 'passport',
  手机号: 'phone',
  手机号码: 'phone',
  手机: 'phone',
  电话: 'phone',
  联系电话: 'phone',
  mobile: 'phone',
  telephone: 'phone',
  出生日期: 'birthDate',
  生日: 'birthDate',
  'date of birth': 'birthDate',
  dob: 'birthDate',
  性别: 'sex',
  gender: 'sex',
  地区: 'region',
  所属地区: 'region',
  行政区划: 'region',
  区划代码: 'region',
  所属社区: 'region',
  社区: 'region',
  'region code': 'region',
  'region name': 'region',
  住址: 'address',
  地址: 'address',
  现住址: 'address',
  家庭住址: 'address',
  工作单位编号: 'workplaceId',
  单位编号: 'workplaceId',
  'employer id': 'workplaceId',
  'workplace id': 'workplaceId',
  部门: 'workUnit',
  所在部门: 'workUnit',
  科室: 'workUnit',
  车间: 'workUnit',
  班组: 'workUnit',
  'work unit': 'workUnit',
  team: 'workUnit',
  department: 'workUnit',
  学校编号: 'schoolId',
  'school id': 'schoolId',
  班级: 'className',
  class: 'className',
}

function sexOf(s: PersonRosterRow['sex']): CreatePersonBody['sex'] {
  switch (s) {
    case undefined:
    case 'unknown':
    case '未知':
      return undefined
    case 'male':
    case '男':
    case 'M':
    case 'm':
      return 'male'
    case 'female':
    case '女':
    case 'F':
    case 'f':
      return 'female'
  }
}

const REGION_CODE = /^[0-9]{6}([0-9]{3}){0,2}$/

/** Why a row cannot be a person, as a row code (the error's rule or code, never its personal text). */
function issueOf(row: number, e: unknown): RowIssue {
  if (!(e instanceof DomainError)) throw e
  const details = (e.details ?? {}) as { field?: string; rule?: string; problem?: string }
  if (e.code === 'ID_NUMBER_INVALID')
    return { row, column: 'idNumber', code: 'idNumberInvalid', detail: details.problem ?? null }
  if (details.rule === 'contradicts_id_number')
    return { row, column: details.field ?? null, code: 'contradictsIdNumber', detail: null }
  return { row, column: details.field ?? null, code: 'implausible', detail: details.rule ?? e.code }
}

type RosterPerson = NewPersonRow & Partial<Memberships>

interface Resolved {
  readonly ok: { row: number; values: RosterPerson }[]
  readonly issues: RowIssue[]
}

const ROSTER_SIDES = [
  { venue: 'workplaceId', unit: 'workUnit', venueCol: 'workplace_id', unitCol: 'work_unit_id' },
  { venue: 'schoolId', unit: 'className', venueCol: 'school_id', unitCol: 'class_unit_id' },
] as const

/**
 * The employer, school and units of each row (CC.SETTINGS 4), read in two statements: a venue
 * must exist in the importer's subtree, a unit is looked up by name within its venue.
 */
async function membershipsOf(
  tx: Transaction<DB>,
  units: WorkUnitsRepository,
  rows: readonly ImportRow<PersonRosterRow>[],
  ctx: ImportContext,
): Promise<(row: ImportRow<PersonRosterRow>) => Partial<Memberships> | RowIssue> {
  const venueIds = rows.flatMap((r) => ROSTER_SIDES.flatMap((s) => r.value[s.venue] ?? []))
  const names = rows.flatMap((r) => ROSTER_SIDES.flatMap((s) => r.value[s.unit]?.trim() ?? []))
  const venues = new Map((await units.venuesByIds(tx, [...new Set(venueIds)])).map((v) => [v.id, v]))
  const found = await units.byNames(tx, [...venues.keys()], [...new Set(names)])
  const unitOf = new Map(found.map((u) => [`${u.venue_id}\u0000${u.name}`, u.id]))
  return ({ row, value }) => {
    const out: Partial<Memberships> = {}
    for (const side of ROSTER_SIDES) {
      const venueId = value[side.venue]
      const unitName = value[side.unit]?.trim()
      if (venueId !== undefined) {
        const v = venues.get(venueId)
        if (!v) return { row, column: side.venue, code: 'venueNotFound', detail: null }
        if (!isInRegion(v.region_code, ctx.scopeRegion))
          return { row, column: side.venue, code: 'outOfScope', detail: null }
        out[side.venueCol] = venueId
      }
      if (unitName !== undefined) {
        if (venueId === undefined) return { row, column: side.unit, code: 'unitWithoutVenue', detail: null }
        const unit = unitOf.get(`${venueId}\u0000${unitName}`)
        if (unit === undefined) return { row, column: side.unit, code: 'unitNotFound', detail: null }
        out[side.unitCol] = unit
      }
    }
    return out
  }
}

/**
 * Turns roster rows into persons to insert: region (code or name, in the importer's subtree),
 * identity document, plausibility — and leaves out those already registered.
 */
async function resolve(
  tx: Transaction<DB>,
  cipher: PiiCipher,
  regions: RegionsRepository,
  persons: PersonsRepository,
  units: WorkUnitsRepository,
  rows: readonly ImportRow<PersonRosterRow>[],
  ctx: ImportContext,
): Promise<Resolved> {
  const memberships = await membershipsOf(tx, units, rows, ctx)
  const wanted = rows.map((r) => r.value.region?.trim() ?? ctx.defaultRegion)
  const codes = wanted.filter((w) => REGION_CODE.test(w))
  const names = wanted.filter((w) => !REGION_CODE.test(w))
  const found = await regions.inSubtreeByCodeOrName(tx, ctx.scopeRegion, codes, names)
  const byCode = new Set(found.map((f) => f.code))
  const byName = new Map<string, string[]>()
  for (const f of found) byName.set(f.name, [...(byName.get(f.name) ?? []), f.code])
  const issues: RowIssue[] = []
  const ok: { row: number; values: RosterPerson }[] = []
  const now = new Date()
  rows.forEach(({ row, value }, i) => {
    const region = wanted[i] ?? ctx.defaultRegion
    let regionCode: string | undefined
    if (REGION_CODE.test(region)) {
      if (!isInRegion(region, ctx.scopeRegion))
        return issues.push({ row, column: 'region', code: 'outOfScope', detail: null })
      if (byCode.has(region)) regionCode = region
    } else {
      const matches = byName.get(region) ?? []
      if (matches.length > 1)
        return issues.push({ row, column: 'region', code: 'regionAmbiguous', detail: matches.join(' ') })
      regionCode = matches[0]
    }
    if (!regionCode) return issues.push({ row, column: 'region', code: 'regionNotFound', detail: null })
    if (value.idNumber !== undefined && value.passport !== undefined)
      return issues.push({ row, column: 'passport', code: 'identityAmbiguous', detail: null })
    const idType: IdType = value.passport !== undefined ? 'passport' : 'resident'
    const idNumber = value.passport ?? value.idNumber
    if (idNumber === undefined)
      return issues.push({ row, column: 'idNumber', code: 'identityMissing', detail: null })
    const sex = sexOf(value.sex)
    const member = memberships({ row, value })
    if ('code' in member) return issues.push(member)
    try {
      const values = newPersonRow(
        cipher,
        {
          name: value.name,
          idType,
          idNumber,
          regionCode,
          ...(sex ? { sex } : {}),
          ...(value.birthDate ? { birthDate: value.birthDate } : {}),
          ...(value.phone ? { phone: value.phone } : {}),
          ...(value.address ? { address: value.address } : {}),
        },
        now,
      )
      return ok.push({ row, values: { ...values, ...member } })
    } catch (e) {
      return issues.push(issueOf(row, e))
    }
  })
  const existing = await persons.findByIdHashes(
    tx,
    ok.map((o) => o.values.id_number_hash),
  )
  const key = (idType: string, hash: Uint8Array) => `${idType}:${Buffer.from(hash).toString('hex')}`
  const registered = new Map(existing.map((p) => [key(p.id_type, p.id_number_hash), p]))
  const fresh = ok.filter(({ row, values }) => {
    const p = registered.get(key(values.id_type, values.id_number_hash))
    if (!p) return true
    const mine = isInRegion(p.region_code, ctx.scopeRegion)
    issues.push({
      row,
      column: values.id_type === 'passport' ? 'passport' : 'idNumber',
      code: 'personExists',
      detail: mine ? p.id : null,
    })
    return false
  })
  return { ok: fresh, issues }
}

/** The roster import, for the composition list of imports (import/index.ts). */
export function personRosterImport(cipher: PiiCipher, regions: RegionsRepository): DefinedImport {
  const persons = new PersonsRepository()
  const units = new WorkUnitsRepository()
  return defineImport({
    name: 'persons',
    rowSchema: PersonRosterRow,
    permission: 'person:write',
    keyColumns: ['idNumber', 'passport'],
    headerAliases: HEADER_ALIASES,
    check: async (tx, rows, ctx) => (await resolve(tx, cipher, regions, persons, units, rows, ctx)).issues,
    insertBatch: async (tx, rows, ctx) => {
      const { ok, issues } = await resolve(tx, cipher, regions, persons, units, rows, ctx)
      const inserted = await persons.insertMany(
        tx,
        ok.map((o) => o.values),
      )
      return { ids: inserted.map((r) => r.id), issues }
    },
  })
}
