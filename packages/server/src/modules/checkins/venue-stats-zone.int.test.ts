import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { randomUUID } from 'node:crypto'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import type { SessionUser } from '../../auth/session-user.js'
import { scopeOf } from '../../auth/scope.js'
import { VenuesService } from './venues.service.js'

/**
 * Venue statistics count the local day of the configured zone (`TIME_ZONE`): in Shanghai as
 * before, and in a zone with daylight saving a 25-hour day with its hours in local time.
 */
describe.each(TEST_DATABASES)('venue statistics in the region time zone on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let venueId: string
  let user: SessionUser
  const at = async (iso: string) => {
    const db = t.services.database.db
    await sql`select ensure_checkin_partition(${iso.slice(0, 10)}::date)`.execute(db)
    await sql`insert into checkins (region_code, venue_id, person_id, checked_in_at, subject)
              values (${r.communities[0]}, ${venueId}, null, ${iso}::timestamptz, ${randomUUID()})`.execute(
      db,
    )
  }
  const service = (zone: string) =>
    new VenuesService(t.services.database, t.services.audit, t.services.keys, undefined, zone)

  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    venueId = (
      await t.services.database.db
        .insertInto('venues')
        .values({ region_code: r.communities[0], kind: 'market', name: '时区市场' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    user = {
      id: randomUUID(),
      username: 'tz',
      displayName: 'tz',
      role: 'community_worker',
      regionCode: r.district,
      personId: null,
      sessionId: randomUUID(),
    }
    // Europe/Berlin 2026-10-25: 00:00 CEST = 10-24 22:00Z; clocks go back at 01:00Z; ends 10-25 23:00Z.
    await at('2026-10-24T21:59:00Z') // 23:59 on the 24th in Berlin; 05:59 on the 25th in Shanghai
    await at('2026-10-24T22:00:00Z') // 00:00 in Berlin
    await at('2026-10-25T00:30:00Z') // 02:30 CEST
    await at('2026-10-25T01:30:00Z') // 02:30 CET, the repeated hour
    await at('2026-10-25T22:59:00Z') // 23:59 CET; 06:59 on the 26th in Shanghai
  })
  afterAll(() => t.close())

  it('counts the 25-hour day of a daylight-saving switch, hours in local time', async () => {
    const s = await service('Europe/Berlin').stats(scopeOf(user), venueId, '2026-10-25')
    expect(s.entries).toBe(4)
    const byHour = Object.fromEntries(s.hourly.filter((h) => h.entries > 0).map((h) => [h.hour, h.entries]))
    expect(byHour).toEqual({ 0: 1, 2: 2, 23: 1 })
  })

  it('counts the Shanghai day as the fixed +08:00 did', async () => {
    const s = await service('Asia/Shanghai').stats(scopeOf(user), venueId, '2026-10-25')
    expect(s.entries).toBe(4) // 05:59, 06:00, 08:30, 09:30 on the 25th
    const byHour = Object.fromEntries(s.hourly.filter((h) => h.entries > 0).map((h) => [h.hour, h.entries]))
    expect(byHour).toEqual({ 5: 1, 6: 1, 8: 1, 9: 1 })
  })
})
