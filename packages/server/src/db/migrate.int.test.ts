import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../testing/test-database.js'
import { migrate } from './migrate.js'

describe.each(TEST_DATABASES)('migrations on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(async () => t.dispose())

  it('are recorded and not applied twice', async () => {
    expect(await migrate(t.database)).toEqual([])
    const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(
      t.database.db,
    )
    expect(rows.rows.map((r) => r.name)[0]).toMatch(/^\d{8}T\d{4}-[a-z0-9-]+\.sql$/)
  })

  it('concurrent migrators queue on the advisory lock', async () => {
    const results = await Promise.all([migrate(t.database), migrate(t.database)])
    expect(results).toEqual([[], []])
  })

  it('creates day partitions for check-ins on demand', async () => {
    await sql`select ensure_checkin_partition('2026-11-28'::date)`.execute(t.database.db)
    await sql`select ensure_checkin_partition('2026-11-28'::date)`.execute(t.database.db)
    await sql`insert into checkins (region_code, venue_id, person_id, checked_in_at) values ('420106001001', 1, 1, '2026-11-28T10:00:00Z')`.execute(
      t.database.db,
    )
    const part = await sql<{ p: string }>`select tableoid::regclass::text as p from checkins`.execute(
      t.database.db,
    )
    expect(part.rows[0]?.p).toMatch(/checkins_20261128$/)
    await expect(
      sql`insert into checkins (region_code, venue_id, person_id, checked_in_at) values ('420106001001', 1, 1, '2020-01-01T10:00:00Z')`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/no partition/)
  })
})
