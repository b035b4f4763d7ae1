import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CompiledQuery, sql, type Compilable } from 'kysely'
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../../testing/test-database.js'
import { scopeOf } from '../../auth/scope.js'
import { CampaignsRepository } from './campaigns.repository.js'
import { TestOrdersRepository } from './test-orders.repository.js'

const scope = scopeOf({
  id: '1',
  username: 'plan',
  displayName: 'plan',
  role: 'commander',
  regionCode: '420106',
  personId: null,
  sessionId: 'plan',
})

/**
 * The sampling module's hot queries stay on their indexes: the campaign progress (polled every
 * 10 s by every open campaign page, over a district's persons) and the day's sampling list.
 * Sequential scans are switched off, so the test asks "can the planner use the index" whatever
 * the table sizes.
 */
describe.each(TEST_DATABASES)('sampling query plans on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(async () => t.dispose())

  const planOf = (q: Compilable) =>
    t.database.db.connection().execute(async (conn) => {
      const c = q.compile()
      await sql`set enable_seqscan = off`.execute(conn)
      try {
        const res = await conn.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]),
        )
        return res.rows.map((r) => r['QUERY PLAN']).join('\n')
      } finally {
        await sql`reset enable_seqscan`.execute(conn)
      }
    })

  it('campaign progress reads persons by region prefix and tube members by campaign', async () => {
    const plan = await planOf(new CampaignsRepository().progressQuery(t.database.db, scope, '1', '420106001'))
    expect(plan, plan).toMatch(/persons_region_idx/)
    expect(plan, plan).toMatch(/tube_members_one_per_campaign_idx|tube_members_person_idx/)
    expect(plan, plan).not.toMatch(/Seq Scan on persons/)
  })

  it('the day’s open test orders use test_orders_due_idx', async () => {
    const plan = await planOf(
      new TestOrdersRepository().listQuery(
        t.database.db,
        scope,
        {
          date: '2026-12-08',
          dayStart: new Date('2026-12-07T16:00:00Z'),
          regionPrefix: '420106',
          siteId: undefined,
        },
        'open',
        1,
        50,
      ),
    )
    expect(plan, plan).toMatch(/test_orders_due_idx/)
    expect(plan, plan).not.toMatch(/Seq Scan on test_orders/)
  })
})
