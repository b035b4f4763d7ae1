import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { normalizeDatabaseError } from '../http/errors.js'
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../testing/test-database.js'
import { openDatabase } from './database.js'

describe.each(TEST_DATABASES)('the database handle on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(async () => {
    await t.dispose()
  })

  it('gives the same value types on both drivers', async () => {
    const { rows } = await sql<{
      big: unknown
      day: unknown
      amount: unknown
      at: unknown
      raw: unknown
      doc: unknown
      ids: unknown
      flag: unknown
      none: unknown
    }>`select 9007199254740993::int8 as big, '2026-11-29'::date as day, 12.50::numeric as amount,
              ${new Date('2026-11-29T03:00:00.123Z')}::timestamptz as at, '\\x00ff10'::bytea as raw,
              ${JSON.stringify({ a: [1, '联防'] })}::jsonb as doc, array[1, 2]::int8[] as ids,
              true as flag, null::text as none`.execute(t.database.db)
    const row = rows[0]
    expect(row?.big).toBe('9007199254740993')
    expect(row?.day).toBe('2026-11-29')
    expect(row?.amount).toBe('12.50')
    expect(row?.at).toBeInstanceOf(Date)
    expect((row?.at as Date).toISOString()).toBe('2026-11-29T03:00:00.123Z')
    expect([...(row?.raw as Uint8Array)]).toEqual([0, 255, 16])
    expect(row?.doc).toEqual({ a: [1, '联防'] })
    expect(row?.ids).toEqual(['1', '2'])
    expect(row?.flag).toBe(true)
    expect(row?.none).toBeNull()
  })

  it('reports a constraint violation with its SQLSTATE, constraint and detail, and goes on', async () => {
    const db = t.database.db
    await sql`create table uniq_probe (k text constraint uniq_probe_k unique)`.execute(db)
    await sql`insert into uniq_probe values ('a')`.execute(db)
    const error: unknown = await sql`insert into uniq_probe values ('a')`.execute(db).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ code: '23505', constraint: 'uniq_probe_k' })
    expect(String((error as { detail?: unknown }).detail)).toContain('(k)=(a)')
    expect(normalizeDatabaseError(error)?.code).toBe('CONFLICT')
    // A transaction that failed rolls back; the connection serves the next statement.
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`insert into uniq_probe values ('b')`.execute(tx)
        await sql`insert into uniq_probe values ('a')`.execute(tx)
      }),
    ).rejects.toMatchObject({ code: '23505' })
    const { rows } = await sql<{ k: string }>`select k from uniq_probe order by k`.execute(db)
    expect(rows.map((r) => r.k)).toEqual(['a'])
  })
})

describe('the embedded database', () => {
  it('refuses statements after close, clearly', async () => {
    const database = await openDatabase({})
    await database.close()
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow(/closed|destroyed/)
  })
})
