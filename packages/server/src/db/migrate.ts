import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Database } from './database.js'

/** Where the timestamped plain-SQL migrations live (the package's `migrations/` folder). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url))

const LOCK_KEY = 731_415_926 // pg_advisory_lock key: one migrator at a time per database

/**
 * Applies pending `.sql` migrations in file-name order, each in its own transaction, and
 * records them in `schema_migrations`. Files are never edited once merged (STYLE.md §5).
 * Safe to run from several processes at once: they queue on an advisory lock.
 */
export async function migrate(database: Database, log: (msg: string) => void = () => {}): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort()
  return database.withLockedSession(LOCK_KEY, async (session) => {
    // Only when missing: a least-privilege application role may not CREATE in the schema, even
    // with IF NOT EXISTS (docs/operations.md "Least privilege").
    const exists = await session.query<{ r: string | null }>(
      `select to_regclass('schema_migrations')::text as r`,
    )
    if (!exists[0]?.r) {
      await session.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      )
    }
    const done = new Set(
      (await session.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
    )
    const applied: string[] = []
    for (const file of files) {
      if (done.has(file)) continue
      const script = await readFile(`${MIGRATIONS_DIR}/${file}`, 'utf8')
      try {
        await session.exec(
          `BEGIN;\n${script}\n;\nINSERT INTO schema_migrations (name) VALUES ('${file}');\nCOMMIT;`,
        )
      } catch (e) {
        await session.exec('ROLLBACK').catch(() => undefined)
        throw new Error(`migration ${file} failed: ${(e as Error).message}`, { cause: e })
      }
      applied.push(file)
      log(`applied migration ${file}`)
    }
    return applied
  })
}
