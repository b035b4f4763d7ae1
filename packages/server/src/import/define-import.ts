/**
 * `defineImport` and the step from a decoded table to validated rows: headers are matched to
 * fields through the aliases, every row is validated with the row schema by the server's own
 * validator (cells are text, coerced as a query string is: `"42"` → 42), and rows repeating a
 * key are reported.
 */
import type { Static, TObject } from '@sinclair/typebox'
import type { ErrorObject } from 'ajv'
import { DomainError } from '@lianfang/core'
import { validatorCompiler } from '../http/validation.js'
import type { RawTable } from './decode.js'
import type { ImportDefinition, ImportRow, RowIssue } from './import.types.js'

const KIND = /^[a-z][a-z0-9-]{0,63}$/

/** How a header is compared: width-folded, lower-case, without spaces, `_`, `-`, `*` or colons. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-*:：]/g, '')
}

export type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null }

/** A checked import definition, with its validator compiled once. */
export interface DefinedImport<S extends TObject = TObject> extends ImportDefinition<S> {
  readonly validate: Validate
  /** Normalised alias → field. */
  readonly fieldOf: ReadonlyMap<string, keyof Static<S> & string>
}

/**
 * Declares a domain's import. The definition is type-checked against its row schema here; the
 * pipeline holds it erased (`DefinedImport`), since it only ever hands a hook rows that this
 * schema validated.
 */
export function defineImport<S extends TObject>(definition: ImportDefinition<S>): DefinedImport {
  if (!KIND.test(definition.name))
    throw new Error(`import name "${definition.name}" must match ${KIND.source}`)
  const fields = new Set(Object.keys(definition.rowSchema.properties))
  const fieldOf = new Map<string, keyof Static<S> & string>()
  for (const [alias, field] of Object.entries(definition.headerAliases)) {
    if (!fields.has(field))
      throw new Error(`import ${definition.name}: alias "${alias}" names no field (${field})`)
    fieldOf.set(normaliseHeader(alias), field)
  }
  // Every field can be written by its own name too.
  for (const f of fields) if (!fieldOf.has(normaliseHeader(f))) fieldOf.set(normaliseHeader(f), f)
  const validate = validatorCompiler({
    schema: definition.rowSchema,
    httpPart: 'querystring',
    method: 'POST',
    url: `/import/${definition.name}`,
  }) as Validate
  return { ...definition, validate, fieldOf }
}

/** The per-row code for a schema failure: stable words the console translates. */
function issueCode(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'required'
    case 'maxLength':
    case 'maximum':
    case 'maxItems':
      return 'tooLong'
    case 'minLength':
    case 'minimum':
      return 'tooShort'
    case 'pattern':
    case 'format':
      return 'invalidFormat'
    case 'type':
      return 'invalidType'
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return 'notAllowed'
    default:
      return 'invalid'
  }
}

export interface MappedRows<T> {
  readonly rows: readonly ImportRow<T>[]
  readonly issues: readonly RowIssue[]
  /** Headers that name no field (left out of the import, shown in the preview). */
  readonly ignoredColumns: readonly string[]
  /** Data rows in the file (valid or not). */
  readonly rowCount: number
  /** Field → its column header as written in the file. */
  readonly headers: Readonly<Record<string, string>>
}

/** Matches headers to fields and validates every row; throws only when the header is unusable. */
export function mapRows(def: DefinedImport, table: RawTable): MappedRows<Record<string, unknown>> {
  type T = Record<string, unknown>
  const columnOf = new Map<string, number>()
  const headerOf = new Map<string, string>()
  const ignoredColumns: string[] = []
  table.header.forEach((h, i) => {
    const field = def.fieldOf.get(normaliseHeader(h))
    if (h.trim() === '') return
    if (!field) {
      ignoredColumns.push(h)
      return
    }
    if (columnOf.has(field)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `two columns (${headerOf.get(field) ?? ''}, ${h}) give the field ${field}`,
        {
          field,
          columns: [headerOf.get(field), h],
        },
      )
    }
    columnOf.set(field, i)
    headerOf.set(field, h)
  })
  const required = def.rowSchema.required ?? []
  const missing = required.filter((f) => !columnOf.has(f))
  if (missing.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `the file has no column for: ${missing.join(', ')}`, {
      missingFields: missing,
    })
  }
  const column = (field: string | undefined): string | null =>
    field === undefined ? null : (headerOf.get(field) ?? field)
  const issues: RowIssue[] = [...table.issues]
  const rows: ImportRow<T>[] = []
  for (const raw of table.rows) {
    const value: Record<string, unknown> = {}
    for (const [field, i] of columnOf) {
      const cell = raw.cells[i]?.trim() ?? ''
      if (cell !== '') value[field] = cell
    }
    if (!def.validate(value)) {
      const e = def.validate.errors?.[0]
      const field =
        e?.keyword === 'required'
          ? (e.params as { missingProperty?: string }).missingProperty
          : e?.instancePath.split('/')[1]
      issues.push({
        row: raw.row,
        column: column(field),
        code: e ? issueCode(e) : 'invalid',
        detail: e?.keyword ?? null,
      })
      continue
    }
    rows.push({ row: raw.row, value: value })
  }
  const keyed = keyDuplicates(def, rows, column)
  return {
    rows: rows.filter((r) => !keyed.rows.has(r.row)),
    issues: [...issues, ...keyed.issues].sort((a, b) => a.row - b.row),
    ignoredColumns,
    rowCount: table.rows.length + table.issues.length,
    headers: Object.fromEntries(headerOf),
  }
}

/** Rows of one file with the same key: every one after the first is reported and left out. */
function keyDuplicates<T>(
  def: DefinedImport,
  rows: readonly ImportRow<T>[],
  column: (field: string) => string | null,
): { rows: Set<number>; issues: RowIssue[] } {
  const keys = def.keyColumns ?? []
  const out = { rows: new Set<number>(), issues: [] as RowIssue[] }
  if (keys.length === 0) return out
  const seen = new Map<string, number>()
  for (const r of rows) {
    const v = r.value as Record<string, unknown>
    if (keys.every((k) => v[k] === undefined)) continue
    const key = JSON.stringify(keys.map((k) => (typeof v[k] === 'string' ? v[k].toUpperCase() : v[k])))
    const first = seen.get(key)
    if (first === undefined) {
      seen.set(key, r.row)
      continue
    }
    out.rows.add(r.row)
    out.issues.push({
      row: r.row,
      column: column(keys[0] ?? ''),
      code: 'duplicateInFile',
      detail: String(first),
    })
  }
  return out
}
