import type { Database } from './database.js'

/**
 * Generates the Kysely `DB` interface from the migrated schema (information_schema), so
 * the types are derived from the SQL rather than restated. `npm run db:types` writes
 * `schema.generated.ts`; a test regenerates it and fails when the committed file is stale.
 */
export async function generateSchemaTypes(database: Database): Promise<string> {
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
    let ts = tsType(c.udt_name)
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
