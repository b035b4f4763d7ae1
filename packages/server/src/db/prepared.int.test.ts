import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../testing/test-database.js'

describe.each(TEST_DATABASES)('Database.prepared on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(async () => {
    await t.dispose()
  })

  it('answers exactly what the same query answers unprepared, parameters and types included', async () => {
    const db = t.database.db
    const q = sql<{ n: number; at: Date; ids: string[]; label: string | null }>`
      select n, to_timestamp(n * 86400) as at, array[n::bigint, (n * 2)::bigint] as ids,
             nullif(${'x'}, ${'y'}) as label
        from unnest(${[1, 2, 3]}::int[]) as n
       where n >= ${2}`.compile(db)
    const plain = (await db.executeQuery(q)).rows
    // Twice: the second call runs the statement already prepared on that connection.
    expect(await t.database.prepared(q)).toEqual(plain)
    expect(await t.database.prepared(q)).toEqual(plain)
    expect(plain).toHaveLength(2)
    expect(plain[0]?.at).toBeInstanceOf(Date)
  })

  it('a hot read on the partitioned check-ins table gives the rows of the plain query', async () => {
    const db = t.database.db
    const q = db
      .selectFrom('checkins')
      .select(['id', 'checked_in_at'])
      .where('person_id', '=', '1')
      .where('checked_in_at', '>=', new Date('2026-11-01T00:00:00Z'))
      .where('checked_in_at', '<=', new Date('2026-11-28T00:00:00Z'))
      .compile()
    expect(await t.database.prepared(q)).toEqual((await db.executeQuery(q)).rows)
  })

  it('a statement that fails leaves the next ones working', async () => {
    const db = t.database.db
    const bad = sql`select 1 / ${0}::int as x`.compile(db)
    await expect(t.database.prepared(bad)).rejects.toThrow(/division by zero/)
    const good = sql<{ x: number }>`select ${41}::int + 1 as x`.compile(db)
    expect(await t.database.prepared(good)).toEqual([{ x: 42 }])
  })

  it.runIf(kind === 'postgres')(
    'on PostgreSQL it is a named statement of its session, planned once, with a generic plan',
    async () => {
      const db = t.database.db
      const text = 'select count(*)::int as n from checkins where person_id = any($1::bigint[])'
      const q = sql<{
        n: number
      }>`select count(*)::int as n from checkins where person_id = any(${['1', '2']}::bigint[])`.compile(db)
      expect(q.sql).toBe(text)
      // One call at a time: the pool hands the same idle session back.
      for (let i = 0; i < 3; i++) await t.database.prepared(q)
      const seen = await t.database.prepared(
        sql<{
          statement: string
          generic_plans: string
          custom_plans: string
          mode: string
        }>`select statement, generic_plans::text, custom_plans::text, current_setting('plan_cache_mode') as mode
             from pg_prepared_statements where statement = ${text}`.compile(db),
      )
      expect(seen).toHaveLength(1)
      expect(seen[0]?.mode).toBe('force_generic_plan')
      expect(Number(seen[0]?.generic_plans)).toBeGreaterThanOrEqual(1)
      expect(seen[0]?.custom_plans).toBe('0')
    },
  )

  it('texts past the named-statement cap still run (unnamed; last, as it fills the cap)', async () => {
    const db = t.database.db
    for (let i = 0; i < 80; i++) {
      const q = sql<{ x: number }>`select ${i}::int as x, ${sql.lit(i)} as y`.compile(db)
      expect(await t.database.prepared(q)).toEqual([{ x: i, y: i }])
    }
  })
})
