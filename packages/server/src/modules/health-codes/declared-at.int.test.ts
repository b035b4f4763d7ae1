import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

/**
 * A temperature read on a ward and entered later (the discharge criterion counts days of
 * readings, CONF.DISCHARGE) keeps the time it was taken: staff may give `declaredAt`; a citizen
 * declares for now; a time in the future is refused.
 */
describe.each(TEST_DATABASES)('health declarations entered later on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
  })
  afterAll(async () => t.close())

  const declare = (cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/declarations/health', headers: { cookie }, payload })

  it('staff back-enter a reading at the time it was taken', async () => {
    const staff = await t.login('epidemiologist', r.district)
    const p = await t.createPerson(r.communities[0])
    const takenAt = new Date(Date.now() - 2 * 86_400_000)
    const res = await declare(staff, {
      personId: p.id,
      temperatureC: 36.6,
      declaredAt: takenAt.toISOString(),
      symptoms: [],
    })
    expect(res.statusCode, res.body).toBe(201)
    const row = await t.services.database.db
      .selectFrom('health_declarations')
      .select(['declared_at', 'source'])
      .where('person_id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(new Date(row.declared_at).toISOString()).toBe(takenAt.toISOString())
    expect(row.source).toBe('staff')
  })

  it('refuses a time in the future, and a citizen giving one', async () => {
    const staff = await t.login('epidemiologist', r.district)
    const p = await t.createPerson(r.communities[0])
    const future = await declare(staff, {
      personId: p.id,
      temperatureC: 36.6,
      declaredAt: new Date(Date.now() + 86_400_000).toISOString(),
      symptoms: [],
    })
    expect(future.statusCode).toBe(400)
    expect(future.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { field: 'declaredAt' } },
    })
    const citizen = await t.login('citizen', r.communities[0])
    const own = await declare(citizen, {
      temperatureC: 36.6,
      declaredAt: new Date(Date.now() - 86_400_000).toISOString(),
      symptoms: [],
    })
    expect(own.statusCode).toBe(400)
    expect(own.json()).toMatchObject({ error: { details: { field: 'declaredAt', keyword: 'staffOnly' } } })
  })
})
