/**
 * Key-group memberships in bulk (#17): a roster from an employer, a hospital's inpatient and
 * companion records, a port's inbound list, a staff roster — through the import pipeline
 * (docs/imports.md) with a preview and per-row problems. A row names the person (resident ID
 * number, or the person's id in this node), the group (code or Chinese name), where the
 * membership comes from, and optionally the unit and the period. Persons are never created
 * here: an unknown person is a row problem, as is one outside the importer's region.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { Transaction } from 'kysely'
import {
  ID_TYPES,
  isInRegion,
  MEMBERSHIP_SOURCES,
  normalizeIdNumber,
  type MembershipSource,
} from '@lianfang/core'
import type { DB } from '../../db/schema.generated.js'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import { defineImport, type DefinedImport } from '../../import/define-import.js'
import type { ImportContext, ImportRow, RowIssue } from '../../import/import.types.js'
import type { ColourService } from '../health-codes/index.js'
import { KeyGroupsRepository, type MembershipRow } from './key-groups.repository.js'

/** Source words as rosters write them (Chinese) → the source. */
const SOURCE_WORDS: Readonly<Record<string, MembershipSource>> = {
  用人单位名单: 'employer_roster',
  单位名单: 'employer_roster',
  住院记录: 'inpatient_record',
  陪护记录: 'inpatient_record',
  入境: 'inbound',
  入境人员: 'inbound',
  隔离通知: 'quarantine_order',
  隔离令: 'quarantine_order',
  发热门诊: 'fever_clinic',
  工作人员名单: 'staff_roster',
  手工: 'manual',
  人工: 'manual',
}
const SOURCES = [...MEMBERSHIP_SOURCES, ...Object.keys(SOURCE_WORDS)]

export const MemberImportRow = Type.Object(
  {
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    personId: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$' })),
    group: Type.String({ minLength: 1, maxLength: 50 }),
    source: Type.Union(SOURCES.map((s) => Type.Literal(s))),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    since: Type.Optional(Type.String({ format: 'date' })),
    until: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
)
export type MemberImportRow = Static<typeof MemberImportRow>

const HEADER_ALIASES: Record<string, keyof MemberImportRow> = {
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  证件号码: 'idNumber',
  'id number': 'idNumber',
  人员编号: 'personId',
  'person id': 'personId',
  重点人群: 'group',
  人群: 'group',
  人群类别: 'group',
  人群代码: 'group',
  'key group': 'group',
  来源: 'source',
  名单来源: 'source',
  单位: 'unit',
  单位名称: 'unit',
  所在单位: 'unit',
  科室: 'unit',
  'unit name': 'unit',
  开始日期: 'since',
  起始日期: 'since',
  'start date': 'since',
  结束日期: 'until',
  截止日期: 'until',
  'end date': 'until',
}

const sourceOf = (s: string): MembershipSource =>
  SOURCE_WORDS[s] ?? (MEMBERSHIP_SOURCES.find((x) => x === s) as MembershipSource)

/** Start of a day in UTC: the period's dates are calendar days (`until` is the first day no longer in). */
const dayStart = (d: string | undefined) => (d === undefined ? null : new Date(`${d}T00:00:00Z`))

interface Resolved {
  readonly ok: MembershipRow[]
  readonly issues: RowIssue[]
}

function hashesOf(cipher: PiiCipher, raw: string): Buffer[] {
  const out: Buffer[] = []
  for (const t of ID_TYPES) {
    try {
      out.push(cipher.lookupHash(t, normalizeIdNumber(t, raw)))
    } catch {
      // Not a number of this type.
    }
  }
  return out
}

/** Resolves each row's person and group within the importer's region; the rest are row problems. */
async function resolve(
  tx: Transaction<DB>,
  cipher: PiiCipher,
  repo: KeyGroupsRepository,
  rows: readonly ImportRow<MemberImportRow>[],
  ctx: ImportContext,
): Promise<Resolved> {
  const hashes = new Map<number, Buffer[]>()
  for (const { row, value } of rows)
    if (value.idNumber !== undefined) hashes.set(row, hashesOf(cipher, value.idNumber.toUpperCase()))
  const [byHash, byId, groups] = await Promise.all([
    repo.personsByIdHashes(tx, [...hashes.values()].flat()),
    repo.personsByIds(
      tx,
      rows.flatMap((r) => (r.value.personId === undefined ? [] : [r.value.personId])),
    ),
    repo.groupsByCodeOrName(tx, [...new Set(rows.map((r) => r.value.group.trim()))]),
  ])
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
  const personOfHash = new Map(byHash.map((p) => [hex(p.id_number_hash), p]))
  const personOfId = new Map(byId.map((p) => [p.id, p]))
  const issues: RowIssue[] = []
  const ok: MembershipRow[] = []
  const firstRow = new Map<string, number>()
  for (const { row, value } of rows) {
    if (value.idNumber === undefined && value.personId === undefined) {
      issues.push({ row, column: 'idNumber', code: 'identityMissing', detail: null })
      continue
    }
    const fromHash = (hashes.get(row) ?? []).map((h) => personOfHash.get(h.toString('hex'))).find((p) => p)
    const fromId = value.personId === undefined ? undefined : personOfId.get(value.personId)
    if (value.idNumber !== undefined && value.personId !== undefined && fromHash?.id !== fromId?.id) {
      issues.push({ row, column: 'personId', code: 'identityAmbiguous', detail: null })
      continue
    }
    const person = fromHash ?? fromId
    const column = value.idNumber !== undefined ? 'idNumber' : 'personId'
    if (!person) {
      issues.push({ row, column, code: 'personNotFound', detail: null })
      continue
    }
    if (!isInRegion(person.region_code, ctx.scopeRegion)) {
      issues.push({ row, column, code: 'outOfScope', detail: null })
      continue
    }
    const wanted = value.group.trim()
    const matches = groups.filter(
      (g) =>
        (g.code === wanted || g.name_zh === wanted) &&
        (g.region_code === null || isInRegion(person.region_code, g.region_code)),
    )
    const group = matches.find((g) => g.code === wanted) ?? (matches.length === 1 ? matches[0] : undefined)
    if (!group) {
      issues.push({
        row,
        column: 'group',
        code: matches.length > 1 ? 'groupAmbiguous' : 'groupNotFound',
        detail: null,
      })
      continue
    }
    const since = dayStart(value.since)
    const until = dayStart(value.until)
    if (until !== null && until.getTime() <= (since ?? new Date()).getTime()) {
      issues.push({ row, column: 'until', code: 'periodInvalid', detail: null })
      continue
    }
    // The same person and group named twice (once by ID number, once by id): the first row counts.
    const first = firstRow.get(`${person.id}|${group.code}`)
    if (first !== undefined) {
      issues.push({ row, column, code: 'duplicateInFile', detail: String(first) })
      continue
    }
    firstRow.set(`${person.id}|${group.code}`, row)
    ok.push({
      personId: person.id,
      regionCode: person.region_code,
      group: group.code,
      source: sourceOf(value.source),
      unitName: value.unit?.trim() ?? null,
      since,
      until,
    })
  }
  return { ok, issues }
}

/** The memberships import, for the composition list of imports (import/index.ts). */
export function keyGroupMembersImport(cipher: PiiCipher, colours: ColourService): DefinedImport {
  const repo = new KeyGroupsRepository()
  return defineImport({
    name: 'key-group-members',
    rowSchema: MemberImportRow,
    permission: 'keygroup:write',
    keyColumns: ['idNumber', 'personId', 'group'],
    headerAliases: HEADER_ALIASES,
    check: async (tx, rows, ctx) => (await resolve(tx, cipher, repo, rows, ctx)).issues,
    insertBatch: async (tx, rows, ctx) => {
      const { ok, issues } = await resolve(tx, cipher, repo, rows, ctx)
      const written = await repo.upsertMany(tx, ok)
      // A membership changes the code (an overdue member turns yellow): recompute in this transaction.
      await colours.enqueue(
        tx,
        written.map((w) => w.person_id),
      )
      return { ids: written.map((w) => w.person_id), issues }
    },
  })
}
