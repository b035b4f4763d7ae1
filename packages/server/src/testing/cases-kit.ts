/** Data builders shared by the case, cluster, chain and check-in integration tests (test code only). */
import { sql } from 'kysely'
import { RULE_SET_PRESETS, type Edition, type VenueKind } from '@lianfang/core'
import type { CaseRecord } from '@lianfang/contracts'
import type { TestApp } from './test-app.js'

export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

type Db = TestApp['services']['database']['db']

export async function addVenue(db: Db, regionCode: string, kind: VenueKind = 'market', name = '测试场所') {
  const v = await db
    .insertInto('venues')
    .values({ region_code: regionCode, kind, name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return v.id
}

/** A work unit (office, workshop, team) or class of a venue, in the venue's region (CC.SETTINGS 4). */
export async function addWorkUnit(
  db: Db,
  venueId: string,
  name: string,
  kind: 'office' | 'workshop' | 'team' | 'classroom' | 'other' = 'team',
) {
  const u = await db
    .insertInto('work_units')
    .columns(['region_code', 'venue_id', 'kind', 'name'])
    .expression((eb) =>
      eb
        .selectFrom('venues')
        .select(['region_code', 'id', eb.val(kind).as('kind'), eb.val(name).as('name')])
        .where('id', '=', venueId),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return u.id
}

export async function addHousehold(db: Db, regionCode: string) {
  const h = await db
    .insertInto('households')
    .values({ region_code: regionCode, address: '1-101' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return h.id
}

/** A stay at a venue: `minutes` long, from `at`; the day's partition is created first. */
export async function addCheckin(
  db: Db,
  v: { venueId: string; personId: string; regionCode: string; at: Date; minutes: number },
) {
  for (const d of [v.at, new Date(v.at.getTime() + v.minutes * MINUTE)])
    await sql`select ensure_checkin_partition(${d.toISOString().slice(0, 10)}::date)`.execute(db)
  await db
    .insertInto('checkins')
    .values({
      region_code: v.regionCode,
      venue_id: v.venueId,
      person_id: v.personId,
      checked_in_at: v.at,
      checked_out_at: new Date(v.at.getTime() + v.minutes * MINUTE),
    })
    .execute()
}

/** Publishes an edition's preset as the rule set of a region (and its subtree). */
export async function useEdition(db: Db, regionCode: string, edition: Edition) {
  await db
    .insertInto('rule_sets')
    .values({
      region_code: regionCode,
      name: `test ${edition}`,
      edition,
      version: 1,
      params: JSON.stringify(RULE_SET_PRESETS[edition].params),
      status: 'published',
      published_at: new Date(),
    })
    .execute()
}

/** Reports a case through the API (so every side effect of the case flow runs). */
export async function reportCase(
  t: TestApp,
  cookie: string,
  body: {
    personId: string
    status?: 'confirmed' | 'asymptomatic' | 'suspected'
    onsetAt?: string
    firstPositiveSampleAt?: string
    isolatedAt?: string
  },
): Promise<CaseRecord> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie },
    payload: { status: 'confirmed', ...body },
  })
  if (res.statusCode !== 201) throw new Error(`report case failed: ${res.body}`)
  return res.json<CaseRecord>()
}
