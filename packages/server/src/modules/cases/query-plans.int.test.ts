import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../../testing/test-database.js'
import { coVisitQuery } from './investigation.service.js'

/**
 * The hot query of contact finding must stay an index scan on (venue_id, checked_in_at): if a
 * change to the query or the schema makes the index unusable, this fails. Sequential scans are
 * switched off so the test asks "can the planner use the index", independent of table size.
 */
describe.each(TEST_DATABASES)('query plans on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(async () => t.dispose())

  it('co-visits at the case’s venues use checkins_venue_time_idx', async () => {
    const db = t.database.db
    await sql`select ensure_checkin_partition(current_date)`.execute(db)
    await sql`select ensure_checkin_partition(current_date - 1)`.execute(db)
    // 20,000 check-ins over 500 venues in the last day, then fresh statistics.
    await sql`insert into checkins (region_code, venue_id, person_id, checked_in_at)
              select '420106001001', (g % 500) + 1, g, now() - make_interval(secs => (g % 86000))
                from generate_series(1, 20000) g`.execute(db)
    await sql`analyze checkins`.execute(db)
    const q = coVisitQuery(db, ['1', '2', '3'], new Date(Date.now() - 86_400_000), new Date(), '42').compile()
    const plan = await db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn)
      try {
        const res = await sql
          .raw<{ 'QUERY PLAN': string }>(
            `explain ${q.sql.replace(/\$(\d+)/g, (_m, i: string) => literal(q.parameters[Number(i) - 1]))}`,
          )
          .execute(conn)
        return res.rows.map((r) => r['QUERY PLAN']).join('\n')
      } finally {
        await sql`reset enable_seqscan`.execute(conn)
      }
    })
    expect(plan, plan).toMatch(
      /(Index (Only )?Scan using|Bitmap Index Scan on) checkins_\d{8}_venue_id_checked_in_at_idx/,
    )
    expect(plan).not.toMatch(/Seq Scan on checkins_\d{8}/)
  })
})

function literal(v: unknown): string {
  if (v instanceof Date) return `'${v.toISOString()}'::timestamptz`
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`
  if (typeof v === 'number') return String(v)
  throw new Error(`unexpected parameter ${String(v)}`)
}
