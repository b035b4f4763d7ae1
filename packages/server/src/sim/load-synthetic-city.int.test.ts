import { parseResidentId } from '@lianfang/core'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PiiCipher } from '../crypto/pii-cipher.js'
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../testing/test-database.js'
import { loadSyntheticCity, type LoadSyntheticCityResult } from './load-synthetic-city.js'

const cipher = new PiiCipher(new Uint8Array(32).fill(9))
const options = { seed: 7, people: 2000, days: 2, startDate: '2026-11-02', cityCode: '420100' }

describe.each(TEST_DATABASES)('loadSyntheticCity on %s', (kind) => {
  let t: TestDatabase
  let first: LoadSyntheticCityResult
  beforeAll(async () => {
    t = await openTestDatabase(kind)
    first = await loadSyntheticCity(t.database, cipher, options)
  })
  afterAll(async () => {
    await t.dispose()
  })
  const count = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(t.database.db)).rows[0]?.n)

  it('loads every table with the counts it reports', async () => {
    expect(first.persons).toBe(2000)
    expect(first.checkins).toBeGreaterThan(2000)
    expect(await count(sql`select count(*)::text as n from persons`)).toBe(first.persons)
    expect(await count(sql`select count(*)::text as n from households`)).toBe(first.households)
    expect(await count(sql`select count(*)::text as n from venues`)).toBe(first.venues)
    expect(await count(sql`select count(*)::text as n from work_units`)).toBe(first.units)
    expect(await count(sql`select count(*)::text as n from checkins`)).toBe(first.checkins)
    expect(await count(sql`select count(*)::text as n from regions where synthetic`)).toBe(first.regions)
    expect(await count(sql`select count(*)::text as n from venues where kind = 'residential_gate'`)).toBe(
      await count(sql`select count(*)::text as n from regions where synthetic and level = 'community'`),
    )
  })

  it('gives employed persons a unit of their employer and pupils a class of their school (CC.SETTINGS 4)', async () => {
    const withoutUnit = await count(sql`
      select count(*)::text as n from persons
       where (workplace_id is not null) <> (work_unit_id is not null)
          or (school_id is not null) <> (class_unit_id is not null)`)
    expect(withoutUnit).toBe(0)
    expect(first.units).toBeGreaterThan(0)
    // Teams of at most 40 (the foreign key already ties each unit to the person's venue).
    const largest = await count(sql`
      select coalesce(max(n), 0)::text as n from (select count(*) as n from persons
       where work_unit_id is not null group by work_unit_id) t`)
    expect(largest).toBeLessThanOrEqual(40)
  })

  it('stores decryptable, findable, masked resident ID numbers matching birth date and sex', async () => {
    const rows = await t.database.db
      .selectFrom('persons')
      .select(['id_number_enc', 'id_number_hash', 'id_number_masked', 'birth_date', 'sex', 'region_code'])
      .limit(300)
      .execute()
    for (const r of rows) {
      const number = cipher.decrypt(r.id_number_enc)
      const parsed = parseResidentId(number)
      expect(parsed.ok).toBe(true)
      if (!parsed.ok) continue
      expect(parsed.value.birthDate).toBe(r.birth_date)
      expect(parsed.value.sex).toBe(r.sex)
      expect(r.region_code.startsWith(parsed.value.addressCode)).toBe(true)
      expect(r.id_number_masked).toBe(`${number.slice(0, 6)}********${number.slice(14)}`)
      expect(Buffer.from(r.id_number_hash).equals(cipher.lookupHash('resident', number))).toBe(true)
    }
    const probe = cipher.decrypt(rows[0]!.id_number_enc)
    const found = await t.database.db
      .selectFrom('persons')
      .select('id')
      .where('id_type', '=', 'resident')
      .where('id_number_hash', '=', cipher.lookupHash('resident', probe))
      .execute()
    expect(found).toHaveLength(1)
  })

  it('puts check-ins in their UTC day partitions, inside the simulated local days, referencing loaded rows', async () => {
    const misplaced = await count(sql`
      select count(*)::text as n from checkins
       where tableoid::regclass::text not like '%checkins_' || to_char(checked_in_at at time zone 'UTC', 'YYYYMMDD')`)
    expect(misplaced).toBe(0)
    const outside = await count(sql`
      select count(*)::text as n from checkins
       where checked_in_at < '2026-11-02T00:00:00+08:00' or checked_out_at > '2026-11-04T00:00:00+08:00'
          or checked_out_at <= checked_in_at`)
    expect(outside).toBe(0)
    const dangling = await count(sql`
      select count(*)::text as n from checkins c
       where not exists (select 1 from persons p where p.id = c.person_id)
          or not exists (select 1 from venues v where v.id = c.venue_id and v.region_code = c.region_code)`)
    expect(dangling).toBe(0)
  })

  it('adds a second population with streets, ids and ID numbers of its own when run again', async () => {
    const second = await loadSyntheticCity(t.database, cipher, options)
    expect(second.population).toBe(first.population + 1)
    expect(second.firstPersonId).toBeGreaterThanOrEqual(first.firstPersonId + first.persons)
    expect(await count(sql`select count(*)::text as n from persons`)).toBe(first.persons + second.persons)
    expect(await count(sql`select count(*)::text as n from checkins`)).toBe(first.checkins + second.checkins)
    // The server can still insert with its own defaults afterwards.
    const row = await t.database.db
      .insertInto('households')
      .values({ region_code: '420100', address: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(Number(row.id)).toBeGreaterThan(0)
  })
})
