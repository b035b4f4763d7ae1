import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { DEFAULT_DWELL_MINUTES, RULE_SET_PRESETS, VENUE_KINDS } from '@lianfang/core'
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../testing/test-database.js'
import { migrate, MIGRATIONS_DIR } from './migrate.js'
import { RuleSetParamsSchema } from '@lianfang/contracts'
import { Value } from '@sinclair/typebox/value'

const SHIP_MIGRATION = `${MIGRATIONS_DIR}/20261208T0200-venue-transport.sql`

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

  it('gives rule sets stored before `closeContact.overlapTier` every kind close (their meaning kept)', async () => {
    const db = t.database.db
    await sql`insert into regions (code, level, name) values ('990000', 'province', '测试省')
              on conflict do nothing`.execute(db)
    const legacy: Record<string, unknown> = { ...RULE_SET_PRESETS.FK8.params.closeContact }
    delete legacy['overlapTier']
    const params = { ...RULE_SET_PRESETS.FK8.params, closeContact: legacy }
    const insert = (version: number, p: object) =>
      sql<{ id: string }>`insert into rule_sets (region_code, name, edition, version, params)
        values ('990000', 'old', 'FK8', ${version}, ${JSON.stringify(p)}::jsonb) returning id`.execute(db)
    const old = (await insert(1, params)).rows[0]?.id
    const current = (await insert(2, RULE_SET_PRESETS.FK8.params)).rows[0]?.id
    const script = await readFile(`${MIGRATIONS_DIR}/20261128T1910-rule-sets-overlap-tier.sql`, 'utf8')
    await t.database.exec(script)
    await t.database.exec(await readFile(SHIP_MIGRATION, 'utf8')) // #16 adds the ship (close)
    const rows = await sql<{ id: string; params: typeof RULE_SET_PRESETS.FK8.params }>`
      select id, params from rule_sets where region_code = '990000' order by version`.execute(db)
    expect(rows.rows.map((r) => r.id)).toEqual([old, current])
    expect(rows.rows[0]?.params).toEqual({
      ...params,
      closeContact: { ...legacy, overlapTier: Object.fromEntries(VENUE_KINDS.map((k) => [k, 'close'])) },
    })
    expect(rows.rows[1]?.params).toEqual(RULE_SET_PRESETS.FK8.params)
  })

  it('gives rule sets stored before `closeContact.dwellMinutes` the default dwells (their meaning kept)', async () => {
    const db = t.database.db
    await sql`insert into regions (code, level, name) values ('980000', 'province', '测试省')
              on conflict do nothing`.execute(db)
    const legacy: Record<string, unknown> = { ...RULE_SET_PRESETS.FK7.params.closeContact }
    delete legacy['dwellMinutes']
    const params = { ...RULE_SET_PRESETS.FK7.params, closeContact: legacy }
    const longer = {
      ...RULE_SET_PRESETS.FK8.params,
      closeContact: {
        ...RULE_SET_PRESETS.FK8.params.closeContact,
        dwellMinutes: { ...DEFAULT_DWELL_MINUTES, restaurant: 240 },
      },
    }
    const insert = (version: number, p: object) =>
      sql<{ id: string }>`insert into rule_sets (region_code, name, edition, version, params)
        values ('980000', 'old', 'FK8', ${version}, ${JSON.stringify(p)}::jsonb) returning id`.execute(db)
    const old = (await insert(1, params)).rows[0]?.id
    const current = (await insert(2, longer)).rows[0]?.id
    const script = await readFile(`${MIGRATIONS_DIR}/20261128T2100-rule-sets-dwell-minutes.sql`, 'utf8')
    await t.database.exec(script)
    await t.database.exec(script) // idempotent: applied rows are left alone
    await t.database.exec(await readFile(SHIP_MIGRATION, 'utf8')) // #16 adds the ship (240 minutes)
    const rows = await sql<{ id: string; params: typeof RULE_SET_PRESETS.FK8.params }>`
      select id, params from rule_sets where region_code = '980000' order by version`.execute(db)
    expect(rows.rows.map((r) => r.id)).toEqual([old, current])
    // Today's default table, exactly: every venue kind, the values of the presets.
    expect(Object.keys(DEFAULT_DWELL_MINUTES).sort()).toEqual([...VENUE_KINDS].sort())
    expect(rows.rows[0]?.params).toEqual({
      ...params,
      closeContact: { ...legacy, dwellMinutes: DEFAULT_DWELL_MINUTES },
    })
    expect(rows.rows[0]?.params).toEqual(RULE_SET_PRESETS.FK7.params)
    expect(rows.rows[1]?.params).toEqual(longer)
  })

  it("gives rule sets stored before ships were a venue kind the presets' ship (#16, CC.TRANSPORT.SHIP)", async () => {
    const db = t.database.db
    await sql`insert into regions (code, level, name) values ('960000', 'province', '测试省三')
              on conflict do nothing`.execute(db)
    const fk8 = RULE_SET_PRESETS.FK8.params
    const withoutShip = (table: object) =>
      Object.fromEntries(Object.entries(table).filter(([k]) => k !== 'ship'))
    const legacy = {
      ...fk8,
      closeContact: {
        ...fk8.closeContact,
        overlapTier: withoutShip(fk8.closeContact.overlapTier),
        dwellMinutes: withoutShip(fk8.closeContact.dwellMinutes),
      },
    }
    const own = {
      ...fk8,
      closeContact: {
        ...fk8.closeContact,
        overlapTier: { ...fk8.closeContact.overlapTier, ship: 'general' },
        dwellMinutes: { ...fk8.closeContact.dwellMinutes, ship: 600 },
      },
    }
    const insert = async (version: number, p: object) =>
      (
        await sql<{ id: string }>`insert into rule_sets (region_code, name, edition, version, params)
          values ('960000', 'old', 'FK8', ${version}, ${JSON.stringify(p)}::jsonb) returning id`.execute(db)
      ).rows[0]?.id
    const old = await insert(1, legacy)
    const kept = await insert(2, own)
    const script = await readFile(SHIP_MIGRATION, 'utf8')
    await t.database.exec(script)
    await t.database.exec(script) // runs again harmlessly
    const params = async (id: string | undefined) =>
      (await sql<{ params: unknown }>`select params from rule_sets where id = ${id}`.execute(db)).rows[0]
        ?.params
    expect(await params(old)).toEqual(fk8)
    expect(Value.Check(RuleSetParamsSchema, await params(old))).toBe(true)
    expect(await params(kept)).toEqual(own)
  })

  it('moves rule sets stored before #16 to one source per period, a colour per reason (their meaning kept)', async () => {
    const db = t.database.db
    await sql`insert into regions (code, level, name) values ('970000', 'province', '测试省二')
              on conflict do nothing`.execute(db)
    const fk8 = RULE_SET_PRESETS.FK8.params
    const rest: Record<string, unknown> = { ...fk8 }
    delete rest['case']
    delete rest['pool']
    const hc: Record<string, unknown> = { ...fk8.healthCode }
    delete hc['isolationColour']
    delete hc['feverClinicLapseDays']
    // The shape before #16: five copies of domain periods, one isolation colour, a 14-day lapse.
    const legacy = {
      ...rest,
      confirmed: { ...fk8.confirmed, afterDischargeDays: 21 },
      healthCode: {
        ...hc,
        isolationColour: 'yellow',
        feverClinicLookbackDays: 14,
        confirmedPostDischargeDays: 14,
        asymptomaticPostReleaseDays: 14,
        closeContactObservationDays: 14,
        closeContactHomeMonitorDays: 7,
        secondaryContactObservationDays: 7,
      },
    }
    const id = (
      await sql<{ id: string }>`insert into rule_sets (region_code, name, edition, version, params)
        values ('970000', 'old', 'FK8', 1, ${JSON.stringify(legacy)}::jsonb) returning id`.execute(db)
    ).rows[0]?.id
    const script = await readFile(`${MIGRATIONS_DIR}/20261207T2000-rule-sets-one-source.sql`, 'utf8')
    await t.database.exec(script)
    await t.database.exec(script) // idempotent: a migrated row is left alone
    const row = (await sql<{ params: typeof fk8 }>`select params from rule_sets where id = ${id}`.execute(db))
      .rows[0]
    expect(row?.params).toEqual({
      ...fk8,
      confirmed: { ...fk8.confirmed, afterDischargeDays: 21 }, // the domain's value wins
      healthCode: {
        ...fk8.healthCode,
        isolationColour: {
          close_contact: 'yellow',
          secondary_contact: 'yellow',
          inbound: 'yellow',
          risk_area: 'yellow',
          pool_positive: 'yellow',
          other: 'yellow',
        },
        feverClinicLapseDays: 14,
      },
    })
    expect(Value.Check(RuleSetParamsSchema, row?.params)).toBe(true)
  })
})
