import type { Database } from './database.js'

/**
 * Generates the Kysely `DB` interface from the migrated schema (information_schema), so
 * the types are derived from the SQL rather than restated. A text column with a
 * `CHECK (col IN ('a', 'b'))` constraint is typed as the literal union `'a' | 'b'` (#15), so
 * rows read need no cast to the domain's union. `npm run db:types` writes
 * `schema.generated.ts`; a test regenerates it and fails when the committed file is stale.
 */
export async function generateSchemaTypes(database: Database): Promise<string> {
  const lists = await readCheckLists(database)
  const columns = await database.withLockedSession(0, (s) =>
    s.query<{
      table_name: string
      column_name: string
      data_type: string
      udt_name: string
      is_nullable: string
      column_default: string | null
      is_identity: string
      identity_generation: string | null
    }>(
      `select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default,
              c.is_identity, c.identity_generation
         from information_schema.columns c
         join pg_class k on k.relname = c.table_name
         join pg_namespace n on n.oid = k.relnamespace and n.nspname = c.table_schema
        where c.table_schema = 'public' and k.relkind in ('r', 'p') and not k.relispartition
        order by c.table_name, c.ordinal_position`,
    ),
  )
  const tables = new Map<string, string[]>()
  for (const c of columns) {
    const allowed = lists.get(c.table_name)?.get(c.column_name)
    let ts = allowed ? allowed.map(quote).join(' | ') : tsType(c.udt_name)
    if (c.is_nullable === 'YES') ts += ' | null'
    if (c.identity_generation === 'ALWAYS') ts = `GeneratedAlways<${ts}>`
    else if (c.is_identity === 'YES' || c.column_default !== null) ts = `Generated<${ts}>`
    const list = tables.get(c.table_name) ?? []
    list.push(`  ${c.column_name}: ${ts}`)
    tables.set(c.table_name, list)
  }
  const names = [...tables.keys()].sort()
  const out = [
    '// Generated from the migrated schema by `npm run db:types` — do not edit.',
    "import type { ColumnType } from 'kysely'",
    '',
    'export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>',
    '  ? ColumnType<S, I | undefined, U>',
    '  : ColumnType<T, T | undefined, T>',
    'export type GeneratedAlways<T> = ColumnType<T, never, never>',
    'export type Timestamp = ColumnType<Date, Date | string, Date | string>',
    'export type Json = ColumnType<JsonValue, string | JsonValue, string | JsonValue>',
    'export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }',
    '',
  ]
  for (const name of names) {
    out.push(`export interface ${pascal(name)} {`, ...(tables.get(name) ?? []), '}', '')
  }
  out.push('export interface DB {', ...names.map((n) => `  ${n}: ${pascal(n)}`), '}', '')
  return out.join('\n')
}

/** table → column → the values its `CHECK … IN (…)` list allows, in the order written. */
export type CheckLists = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>

/**
 * The value lists of single-column CHECK constraints of the form `col IN ('a', …)`, optionally
 * `col IS NULL OR col IN (…)`, read from `pg_constraint` as PostgreSQL (and PGlite) print them
 * back: `(col = ANY (ARRAY['a'::text, …]))`, or `(col = 'a'::text)` for a list of one. Any other
 * CHECK (ranges, patterns, several columns) leaves the column's type as it is. Two lists on one
 * column give the values both allow.
 */
export async function readCheckLists(database: Database): Promise<CheckLists> {
  const rows = await database.withLockedSession(0, (s) =>
    s.query<{ table_name: string; column_name: string; definition: string }>(
      `select k.relname as table_name, a.attname as column_name, pg_get_constraintdef(x.oid) as definition
         from pg_constraint x
         join pg_class k on k.oid = x.conrelid
         join pg_namespace n on n.oid = k.relnamespace
         join pg_attribute a on a.attrelid = k.oid and a.attnum = x.conkey[1]
        where x.contype = 'c' and n.nspname = current_schema() and cardinality(x.conkey) = 1
          and k.relkind in ('r', 'p') and not k.relispartition
        order by k.relname, a.attname, x.conname`,
    ),
  )
  const out = new Map<string, Map<string, readonly string[]>>()
  for (const r of rows) {
    const values = inListValues(r.definition, r.column_name)
    if (!values) continue
    const columns = out.get(r.table_name) ?? new Map<string, readonly string[]>()
    const before = columns.get(r.column_name)
    columns.set(r.column_name, before ? before.filter((v) => values.includes(v)) : values)
    out.set(r.table_name, columns)
  }
  return out
}

const LITERAL = String.raw`'((?:[^']|'')*)'::(?:text|character varying)`

/** The values of `definition` when it is an IN list (or one equality) on `column`, else undefined. */
export function inListValues(definition: string, column: string): string[] | undefined {
  const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const col = `(?:${esc(column)}|"${esc(column.replace(/"/g, '""'))}")`
  const list = String.raw`${col} = ANY \(ARRAY\[(${LITERAL}(?:, ${LITERAL})*)\]\)`
  const one = String.raw`${col} = (${LITERAL})`
  const shapes = [
    new RegExp(String.raw`^CHECK \(\(${list}\)\)$`),
    new RegExp(String.raw`^CHECK \(\(\(${col} IS NULL\) OR \(${list}\)\)\)$`),
    new RegExp(String.raw`^CHECK \(\(${one}\)\)$`),
    new RegExp(String.raw`^CHECK \(\(\(${col} IS NULL\) OR \(${one}\)\)\)$`),
  ]
  for (const shape of shapes) {
    const m = shape.exec(definition)
    if (m?.[1] !== undefined)
      return [...m[1].matchAll(new RegExp(LITERAL, 'g'))].map((v) => (v[1] ?? '').replace(/''/g, "'"))
  }
  return undefined
}

/** A TypeScript string literal type of `value`. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function tsType(udt: string): string {
  switch (udt) {
    case 'int2':
    case 'int4':
    case 'float4':
    case 'float8':
      return 'number'
    case 'int8':
    case 'numeric':
      return 'string'
    case 'bool':
      return 'boolean'
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'uuid':
    case 'date':
    case 'inet':
      return 'string'
    case 'timestamptz':
    case 'timestamp':
      return 'Timestamp'
    case 'bytea':
      return 'Uint8Array'
    case 'json':
    case 'jsonb':
      return 'Json'
    case '_text':
      return 'string[]'
    case '_int8':
      return 'string[]'
    default:
      return 'unknown'
  }
}

function pascal(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())
}
