import { PGlite } from '@electric-sql/pglite'
import { createHash } from 'node:crypto'
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { Mutex, PGliteDialect } from './pglite-dialect.js'
import type { DB } from './schema.generated.js'

export type DatabaseKind = 'pglite' | 'postgres'

/**
 * The database handle every service gets: a typed Kysely instance plus the two raw paths
 * Kysely does not cover (multi-statement scripts for migrations, COPY for bulk loads).
 * Same SQL on PGlite (embedded default) and on a PostgreSQL server.
 */
export interface Database {
  readonly kind: DatabaseKind
  readonly db: Kysely<DB>
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>
  /** Bulk-loads CSV lines (each ending in '\n') into `table(columns)` with COPY. */
  copyCsv(
    table: string,
    columns: readonly string[],
    chunks: AsyncIterable<string> | Iterable<string>,
  ): Promise<void>
  /**
   * Runs `fn` on one dedicated session holding a database-wide advisory lock `key`
   * (PGlite: the single connection, exclusively). For migrations and maintenance.
   */
  withLockedSession<T>(key: number, fn: (session: RawSession) => Promise<T>): Promise<T>
  /**
   * Runs a hot statement of fixed text (values only in parameters: arrays, not `in (…)` lists) —
   * a read, or a write that is its own transaction (the group-commit insert of check-ins) — as a
   * named prepared statement with a generic plan, so that it is parsed and planned once per
   * connection rather than on every call. On a partitioned table a custom plan costs more to make than to
   * run (docs/query-plans.md "Prepared hot reads"); the generic plan prunes partitions when it
   * starts. PostgreSQL: on a small pool of its own whose sessions force generic plans (only
   * named statements run there). PGlite: an ordinary query. Outside a transaction only.
   */
  prepared<R>(query: CompiledQuery<R>): Promise<R[]>
  ping(): Promise<void>
  close(): Promise<void>
}

export interface RawSession {
  exec(script: string): Promise<void>
  query<R>(text: string, params?: readonly unknown[]): Promise<R[]>
}

// Consistent value types on both drivers: int8 and numeric as strings (no precision loss),
// date as 'YYYY-MM-DD' strings (no time-zone shift), timestamptz as Date.
const INT8 = 20
const DATE = 1082
const NUMERIC = 1700
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v)
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v)

export interface OpenOptions {
  /** A postgres:// URL; when absent, PGlite at `dataDir` (or in memory when dataDir is undefined). */
  readonly url?: string | undefined
  readonly dataDir?: string | undefined
  readonly poolSize?: number
  /** PostgreSQL only: schema to work in (tests use one fresh schema per file). */
  readonly schema?: string
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.poolSize ?? 10, options.schema)
    : openPGlite(options.dataDir)
}

/** How many distinct statements `prepared` names; past it, statements run unnamed (a text that varies is a bug). */
const MAX_PREPARED = 64

async function openPostgres(url: string, max: number, schema: string | undefined): Promise<Database> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`bad schema name ${schema}`)
  const searchPath = schema ? [`-c search_path=${schema}`] : []
  // Connections are kept once opened (pg closes idle ones after 10 s by default): a new one starts
  // with cold catalog caches and, on the prepared pool, no plans — 10–20 ms for the request that
  // opens it (bench contacts: the slowest investigations were those, not the largest).
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 0,
    application_name: 'lianfang',
    ...(schema ? { options: searchPath.join(' ') } : {}),
  })
  // Only named statements run here, so forcing generic plans affects nothing else.
  const preparedPool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.ceil(max / 2)),
    idleTimeoutMillis: 0,
    application_name: 'lianfang-prepared',
    options: [...searchPath, '-c plan_cache_mode=force_generic_plan'].join(' '),
  })
  for (const p of [pool, preparedPool])
    p.on('error', () => {
      // An idle client lost its connection; the pool replaces it on the next checkout.
    })
  const names = new Map<string, string>()
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind: 'postgres',
    db,
    async exec(script) {
      await pool.query(script)
    },
    async copyCsv(table, columns, chunks) {
      const client = await pool.connect()
      try {
        const target = client.query(
          copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
        )
        await pipeline(Readable.from(chunks), target)
      } finally {
        client.release()
      }
    },
    async withLockedSession(key, fn) {
      const client = await pool.connect()
      try {
        await client.query('select pg_advisory_lock($1)', [key])
        try {
          return await fn({
            exec: async (script) => {
              await client.query(script)
            },
            query: async <R>(text: string, params: readonly unknown[] = []) =>
              (await client.query(text, [...params])).rows as R[],
          })
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key])
        }
      } finally {
        client.release()
      }
    },
    async prepared<R>(query: CompiledQuery<R>) {
      let name = names.get(query.sql)
      if (name === undefined && names.size < MAX_PREPARED) {
        name = `lf_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`
        names.set(query.sql, name)
      }
      if (name === undefined) return (await db.executeQuery(query)).rows
      const result = await preparedPool.query<R & pg.QueryResultRow>({
        name,
        text: query.sql,
        values: [...query.parameters],
      })
      return result.rows
    },
    async ping() {
      await sql`select 1`.execute(db)
    },
    async close() {
      await db.destroy()
      await preparedPool.end()
    },
  }
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8]: (v: string) => v, [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  })
  const mutex = new Mutex()
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, mutex) })
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await mutex.lock()
    try {
      return await fn()
    } finally {
      release()
    }
  }
  return {
    kind: 'pglite',
    db,
    exec: (script) =>
      exclusive(async () => {
        await pglite.exec(script)
      }),
    async copyCsv(table, columns, chunks) {
      // PGlite reads COPY input from a Blob; load in slices to bound memory.
      const statement = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`
      let parts: string[] = []
      let size = 0
      const flush = async () => {
        if (parts.length === 0) return
        const blob = new Blob(parts)
        parts = []
        size = 0
        await exclusive(() => pglite.query(statement, [], { blob }))
      }
      for await (const chunk of chunks) {
        parts.push(chunk)
        size += chunk.length
        if (size > 16 * 1024 * 1024) await flush()
      }
      await flush()
    },
    withLockedSession: (_key, fn) =>
      exclusive(() =>
        fn({
          exec: async (script) => {
            await pglite.exec(script)
          },
          query: async <R>(text: string, params: readonly unknown[] = []) =>
            (await pglite.query<R>(text, [...params])).rows,
        }),
      ),
    async prepared<R>(query: CompiledQuery<R>) {
      return (await db.executeQuery(query)).rows
    },
    async ping() {
      await sql`select 1`.execute(db)
    },
    async close() {
      await db.destroy()
      await exclusive(() => pglite.close())
    },
  }
}
