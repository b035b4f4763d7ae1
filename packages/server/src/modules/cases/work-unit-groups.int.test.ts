import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { LARGE_UNIT_MEMBERS } from '@lianfang/core'
import type { Investigation } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { addHousehold, addVenue, addWorkUnit, DAY, reportCase } from '../../testing/cases-kit.js'

/**
 * The workplace and class groups of an investigation are the case's unit (RULES.md CC.SETTINGS 4:
 * "the same office, workshop, team (班组) … or classroom"), every member of it — not the whole
 * employer or school, and not an arbitrary cut of it.
 */
describe.each(TEST_DATABASES)('work-unit and class groups on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let epi: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
  })
  afterAll(async () => t.close())

  /** `n` persons of a venue in one statement (passports with unique numbers), returning their ids. */
  async function staff(venueId: string, n: number, column: 'workplace_id' | 'school_id' = 'workplace_id') {
    const mark = `${venueId}-${Math.random()}`
    const rows = await sql<{ id: string }>`
      insert into persons (region_code, name, sex, id_type, id_number_enc, id_number_hash, id_number_masked, ${sql.ref(column)})
      select ${r.communities[1]}, '员工' || g, 'unknown', 'passport', '\\x00'::bytea,
             decode(md5(${mark} || g), 'hex'), 'E****', ${venueId}::bigint
        from generate_series(1, ${n}::int) g
      returning id`.execute(t.services.database.db)
    return rows.rows.map((x) => x.id)
  }
  const investigate = async (personId: string) => {
    const c = await reportCase(t, epi, {
      personId,
      onsetAt: new Date(Date.now() - DAY / 4).toISOString(),
    })
    const res = await t.app.inject({ url: `/api/cases/${c.id}/investigation`, headers: { cookie: epi } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<Investigation>()
  }
  const byRule = (inv: Investigation, rule: string) =>
    inv.candidates
      .filter((x) => x.reasons.some((reason) => reason.rule === rule))
      .map((x) => x.personId)
      .sort()
  const assign = async (ids: readonly string[], set: { work_unit_id?: string; class_unit_id?: string }) =>
    t.services.database.db
      .updateTable('persons')
      .set(set)
      .where('id', 'in', [...ids])
      .execute()

  it('CC.SETTINGS 4: a 2,000-person employer with a 12-person team → the case’s 11 teammates, no one else', async () => {
    const db = t.services.database.db
    const factory = await addVenue(db, r.communities[0], 'factory', '汉阳汽车厂')
    const everyone = await staff(factory, 2000)
    // The team is not the first persons by id: an arbitrary cut would not find it.
    const team = everyone.slice(-12)
    const unit = await addWorkUnit(db, factory, '总装二班', 'team')
    await assign(team, { work_unit_id: unit })
    const [casePerson, ...mates] = team
    // The household is read in the same statement as the unit.
    const household = await addHousehold(db, r.communities[1])
    const spouse = everyone[0]!
    await db
      .updateTable('persons')
      .set({ household_id: household })
      .where('id', 'in', [casePerson!, spouse])
      .execute()
    const inv = await investigate(casePerson!)
    expect(byRule(inv, 'workplace')).toEqual([...mates].sort())
    expect(byRule(inv, 'household')).toEqual([spouse])
    expect(inv.candidates).toHaveLength(12)
    expect(inv.groups).toEqual([
      { rule: 'workplace', groupId: unit, name: '总装二班', members: 12, large: false },
    ])
  })

  it('CC.SETTINGS 4: a person with an employer but no unit gets no workplace group (never the whole employer)', async () => {
    const db = t.services.database.db
    const office = await addVenue(db, r.communities[0], 'office', '无部门公司')
    const [casePerson] = await staff(office, 30)
    const inv = await investigate(casePerson!)
    expect(byRule(inv, 'workplace')).toEqual([])
    expect(inv.groups).toEqual([])
  })

  it('CC.SETTINGS 4: a large unit is listed whole and flagged for a check with the employer', async () => {
    const db = t.services.database.db
    const plant = await addVenue(db, r.communities[0], 'factory', '大车间工厂')
    const members = await staff(plant, LARGE_UNIT_MEMBERS + 50)
    const unit = await addWorkUnit(db, plant, '一号车间', 'workshop')
    await assign(members, { work_unit_id: unit })
    const inv = await investigate(members[0]!)
    expect(byRule(inv, 'workplace')).toHaveLength(LARGE_UNIT_MEMBERS + 49)
    expect(inv.groups).toEqual([
      { rule: 'workplace', groupId: unit, name: '一号车间', members: LARGE_UNIT_MEMBERS + 50, large: true },
    ])
  })

  it('reads a unit’s members from its own index (work unit and class)', async () => {
    const db = t.services.database.db
    for (const [column, index] of [
      ['work_unit_id', 'persons_work_unit_members_idx'],
      ['class_unit_id', 'persons_class_unit_members_idx'],
    ] as const) {
      const plan = await db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn)
        try {
          const res = await sql<{ 'QUERY PLAN': string }>`explain select id, name, region_code from persons
                 where ${sql.ref(column)} = 1 order by id`.execute(conn)
          return res.rows.map((r) => r['QUERY PLAN']).join('\n')
        } finally {
          await sql`reset enable_seqscan`.execute(conn)
        }
      })
      expect(plan, plan).toContain(index)
    }
  })

  it('CC.SETTINGS 4: the class is the classroom, not the school', async () => {
    const db = t.services.database.db
    const school = await addVenue(db, r.communities[0], 'school', '实验小学')
    const pupils = await staff(school, 120, 'school_id')
    const cls = await addWorkUnit(db, school, '四年级3班', 'classroom')
    const classmates = pupils.slice(40, 80)
    await assign(classmates, { class_unit_id: cls })
    const inv = await investigate(classmates[0]!)
    expect(byRule(inv, 'school_class')).toEqual(classmates.slice(1).sort())
    expect(inv.groups).toEqual([
      { rule: 'school_class', groupId: cls, name: '四年级3班', members: 40, large: false },
    ])
  })
})
