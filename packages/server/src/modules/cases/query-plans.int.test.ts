import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledQuery, sql } from 'kysely'
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../../testing/test-database.js'
import { coVisitQuery, reachStays } from './co-visits.repository.js'

const HOUR = 3_600_000
const COVISIT_INDEX =
  /(Index (Only )?Scan using|Bitmap Index Scan on) checkins_\d{8}_venue_id_checked_in_at_person_id_\w*idx/

/** A parameter of the co-visit query as an SQL literal (numbers, ids, times and arrays of them). */
function literal(value: unknown): string {
  if (value instanceof Date) return `'${value.toISOString()}'`
  if (Array.isArray(value))
    return `'{${value.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(',')}}'`
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string' && /^[\w:.+-]*$/.test(value)) return `'${value}'`
  throw new Error(`no literal for ${String(value)}`)
}

/**
 * The hot query of contact finding must stay a range scan on the covering partial index
 * `checkins_covisit_idx` (venue_id, checked_in_at) INCLUDE (person_id, checked_out_at, seat), per
 * day partition: if a change to the query or the schema makes the index unusable, this fails.
 * Sequential scans are switched off so the test asks "can the planner use the index",
 * independent of table size.
 */
describe.each(TEST_DATABASES)('query plans on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(async () => t.dispose())

  it('co-visits at the case’s stays use checkins_covisit_idx in each partition', async () => {
    const db = t.database.db
    await sql`select ensure_checkin_partition(current_date)`.execute(db)
    await sql`select ensure_checkin_partition(current_date - 1)`.execute(db)
    // 20,000 check-ins over 500 venues in the last day, then fresh statistics.
    await sql`insert into checkins (region_code, venue_id, person_id, checked_in_at)
              select '420106001001', (g % 500) + 1, g, now() - make_interval(secs => (g % 86000))
                from generate_series(1, 20000) g`.execute(db)
    await sql`vacuum analyze checkins`.execute(db)
    const now = Date.now()
    const stay = (venueId: string, hoursAgo: number) => ({
      venueId,
      venueKind: 'restaurant',
      checkedInAt: new Date(now - hoursAgo * HOUR),
      checkedOutAt: new Date(now - hoursAgo * HOUR + HOUR),
    })
    const stays = reachStays(
      [stay('1', 20), stay('2', 10), stay('3', 3)],
      { start: new Date(now - 2 * 86_400_000), end: new Date(now) },
      30 * 60_000,
      {},
    )
    expect(stays).toHaveLength(3)
    const q = coVisitQuery({ stays, personId: '42' }).compile(db)
    const plan = await db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn)
      try {
        const res = await conn.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
        )
        return res.rows.map((r) => r['QUERY PLAN']).join('\n')
      } finally {
        await sql`reset enable_seqscan`.execute(conn)
      }
    })
    expect(plan, plan).toMatch(COVISIT_INDEX)
    expect(plan, plan).not.toMatch(/Seq Scan on checkins_\d{8}/)
    expect(plan, plan).not.toMatch(/venues/)

    // As it runs (`Database.prepared`): a generic plan, its partitions pruned when it starts.
    const generic = await db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn)
      await sql`set plan_cache_mode = force_generic_plan`.execute(conn)
      try {
        await conn.executeQuery(CompiledQuery.raw(`prepare covisit_generic as ${q.sql}`))
        const res = await conn.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain execute covisit_generic(${q.parameters.map(literal).join(', ')})`),
        )
        return res.rows.map((r) => r['QUERY PLAN']).join('\n')
      } finally {
        await sql`deallocate all`.execute(conn)
        await sql`reset plan_cache_mode`.execute(conn)
        await sql`reset enable_seqscan`.execute(conn)
      }
    })
    expect(generic, generic).toMatch(COVISIT_INDEX)
    expect(generic, generic).not.toMatch(/Seq Scan on checkins_\d{8}/)
  })
})
