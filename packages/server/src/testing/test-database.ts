import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database, type DatabaseKind } from '../db/database.js'
import { migrate } from '../db/migrate.js'

/**
 * The databases every server integration test runs on: PGlite always, and the PostgreSQL
 * server too when `TEST_DATABASE_URL` is set (CI sets it). Use with `describe.each`.
 */
export const TEST_DATABASES: readonly DatabaseKind[] = process.env['TEST_DATABASE_URL']
  ? ['pglite', 'postgres']
  : ['pglite']

export interface TestDatabase {
  readonly database: Database
  /** Drops what was created (the PostgreSQL schema; PGlite is in memory). */
  dispose(): Promise<void>
}

/**
 * A freshly migrated database: an in-memory PGlite, or a new schema on the PostgreSQL
 * server (one per test file, so files run in parallel without seeing each other's rows).
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({})
    await migrate(database)
    return { database, dispose: () => database.close() }
  }
  const url = process.env['TEST_DATABASE_URL']
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const database = await openDatabase({ url, schema, poolSize: 5 })
  await migrate(database)
  return {
    database,
    async dispose() {
      await database.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`DROP SCHEMA ${schema} CASCADE`)
      await c.end()
    },
  }
}
