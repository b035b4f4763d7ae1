import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

const DAY = 86_400_000

describe.each(TEST_DATABASES)('set-based colour recomputation on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
  })
  afterAll(async () => t.close())

  const db = () => t.services.database.db
  const recompute = (ids: readonly string[]) =>
    db()
      .transaction()
      .execute((tx) => t.services.colours.recomputeIn(tx, ids))
  const codes = async (ids: readonly string[]) =>
    new Map(
      (
        await db()
          .selectFrom('health_codes')
          .select(['person_id', 'colour', 'status_index', 'subject_id', 'computed_at', 'reasons'])
          .where('person_id', 'in', [...ids])
          .execute()
      ).map((c) => [c.person_id, c]),
    )
  const history = (ids: readonly string[]) =>
    db()
      .selectFrom('colour_history')
      .select(['person_id', 'colour', 'previous_colour', 'reasons'])
      .where('person_id', 'in', [...ids])
      .orderBy('id')
      .execute()

  it('one batch of new, unchanged and changed codes: indexes, status bits and history as one by one', async () => {
    const [fresh, same, turning, unknown] = [
      await t.createPerson(r.communities[0]),
      await t.createPerson(r.communities[1]),
      await t.createPerson(r.communities[2]),
      { id: '999999999999' },
    ]
    const ids = [fresh.id, same.id, turning.id]
    await recompute([same.id, turning.id])
    await db().deleteFrom('health_codes').where('person_id', '=', fresh.id).execute()
    await db().deleteFrom('colour_history').where('person_id', 'in', ids).execute()
    const before = await codes(ids)
    expect([...before.values()].map((c) => c.colour)).toEqual(['green', 'green'])
    await db()
      .insertInto('quarantine_orders')
      .values({
        person_id: turning.id,
        region_code: r.communities[2],
        kind: 'centralized',
        reason: 'close_contact',
        starts_at: new Date(),
        ends_at: new Date(Date.now() + 10 * DAY),
      })
      .execute()

    await recompute([...ids, unknown.id, same.id])

    const after = await codes(ids)
    expect(after.get(fresh.id)?.colour).toBe('green')
    expect(after.get(fresh.id)?.subject_id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(after.get(same.id)).toMatchObject({
      colour: 'green',
      status_index: before.get(same.id)?.status_index,
      subject_id: before.get(same.id)?.subject_id,
    })
    expect(after.get(same.id)?.computed_at.getTime()).toBeGreaterThan(
      before.get(same.id)?.computed_at.getTime() ?? Infinity,
    )
    expect(after.get(turning.id)?.colour).toBe('red')
    expect(after.get(turning.id)?.reasons).toEqual([
      expect.objectContaining({ code: 'QUARANTINE', colour: 'red' }),
    ])
    const oldIndex = before.get(turning.id)?.status_index ?? -1
    expect(after.get(turning.id)?.status_index).not.toBe(oldIndex)
    const indexes = [...after.values()].map((c) => c.status_index)
    expect(new Set(indexes).size).toBe(3)
    const bits = await db()
      .selectFrom('code_status_bits')
      .select(['status_index', 'status'])
      .where('status_index', 'in', [...indexes, ...[...before.values()].map((c) => c.status_index)])
      .execute()
    expect(bits).toEqual([{ status_index: oldIndex, status: 'changed' }])
    expect((await history(ids)).map((h) => [h.person_id, h.previous_colour, h.colour])).toEqual([
      [fresh.id, null, 'green'],
      [turning.id, 'green', 'red'],
    ])
    expect((await history([turning.id]))[0]?.reasons).toEqual([
      { code: 'QUARANTINE', text: expect.objectContaining({ en: expect.any(String) as string }) as unknown },
    ])
    // Nothing changed: no status bit, no history.
    await recompute(ids)
    expect(await history(ids)).toHaveLength(2)
    expect((await codes(ids)).get(turning.id)?.status_index).toBe(after.get(turning.id)?.status_index)
  })

  it('a batch of 120 persons turns red together', async () => {
    const persons = []
    for (let i = 0; i < 120; i++) persons.push((await t.createPerson(r.communities[i % 4] ?? '')).id)
    await recompute(persons)
    await db()
      .insertInto('quarantine_orders')
      .values(
        persons.map((id, i) => ({
          person_id: id,
          region_code: r.communities[i % 4] ?? '',
          kind: 'centralized',
          reason: 'close_contact',
          starts_at: new Date(),
          ends_at: new Date(Date.now() + 10 * DAY),
        })),
      )
      .execute()
    await recompute(persons)
    const after = await codes(persons)
    expect([...after.values()].filter((c) => c.colour === 'red')).toHaveLength(120)
    expect(new Set([...after.values()].map((c) => c.status_index)).size).toBe(120)
    expect(await history(persons)).toHaveLength(240)
  })
})
