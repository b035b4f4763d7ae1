import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openTestDatabase } from '../testing/test-database.js'
import { generateSchemaTypes } from './codegen.js'

describe('generated database types', () => {
  it('schema.generated.ts matches the migrated schema (run `npm run db:types` when this fails)', async () => {
    const testDb = await openTestDatabase('pglite')
    const { database } = testDb
    try {
      const generated = await generateSchemaTypes(database)
      const committed = await readFile(
        fileURLToPath(new URL('./schema.generated.ts', import.meta.url)),
        'utf8',
      )
      expect(committed).toBe(generated)
    } finally {
      await testDb.dispose()
    }
  })
})
