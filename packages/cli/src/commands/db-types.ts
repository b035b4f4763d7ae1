import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateSchemaTypes, migrate, openDatabase } from '@lianfang/server'

const TARGET = fileURLToPath(new URL('../../../server/src/db/schema.generated.ts', import.meta.url))

/** Migrates a fresh in-memory database and writes (or, with --check, compares) the Kysely types. */
export async function dbTypesCommand(args: string[]): Promise<void> {
  const database = await openDatabase({})
  try {
    await migrate(database)
    const generated = await generateSchemaTypes(database)
    if (args.includes('--check')) {
      const current = await readFile(TARGET, 'utf8')
      if (current !== generated) {
        process.stderr.write('schema.generated.ts is stale: run `npm run db:types`\n')
        process.exitCode = 1
      }
      return
    }
    await writeFile(TARGET, generated)
    process.stderr.write(`wrote ${TARGET}\n`)
  } finally {
    await database.close()
  }
}
