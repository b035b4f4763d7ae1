import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp } from '../../testing/test-app.js'
import { addVenue } from '../../testing/cases-kit.js'
import { CheckinWriter, type CheckinRow } from './checkin-writer.js'

/**
 * The group-committing writer with several flushes in flight: replays of one scan that land in
 * concurrent batches are inserted once and never deadlock, and a check-out batch waits for the
 * check-ins before it so that it can close them.
 */
describe.each(TEST_DATABASES)('check-in writer on %s', (kind) => {
  let t: TestApp
  let region: string
  let venueId: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    const r = await t.makeRegions()
    region = r.communities[0]
    venueId = await addVenue(t.services.database.db, region, 'market', '并发市场')
  })
  afterAll(async () => t.close())

  const row = (over: Partial<CheckinRow> & Pick<CheckinRow, 'clientScanId' | 'checkedInAt'>): CheckinRow => ({
    regionCode: region,
    venueId,
    personId: null,
    source: 'gate_scan',
    direction: 'in',
    decision: 'allow',
    denyReason: null,
    colour: 'green',
    resident: null,
    companionPersonId: null,
    operatorUserId: null,
    issuer: null,
    subject: null,
    seat: null,
    ...over,
  })

  it('replays spread over concurrent batches, in opposite orders, are each inserted exactly once', async () => {
    // Three batches in flight at once carry the same 400 scans: in order, reversed, and rotated.
    // Inserted in the order they came, two batches would each hold a key the other waits for.
    const writer = new CheckinWriter(t.services.database, null, { maxBatch: 400, maxConcurrent: 3 })
    const at = new Date(Date.now() - 60_000)
    const keys = Array.from({ length: 400 }, () => randomUUID())
    const orders = [keys, [...keys].reverse(), [...keys.slice(200), ...keys.slice(0, 200)]]
    const results = await Promise.all(
      orders.map((order) =>
        writer.write(
          order.map((k) => row({ clientScanId: k, checkedInAt: at })),
          null,
        ),
      ),
    )
    const insertedBy = new Map<string, number>()
    orders.forEach((order, b) => {
      order.forEach((k, i) => {
        if (results[b]?.[i]) insertedBy.set(k, (insertedBy.get(k) ?? 0) + 1)
      })
    })
    expect([...insertedBy.values()].every((n) => n === 1)).toBe(true)
    expect(insertedBy.size).toBe(keys.length)
    const stored = await t.services.database.db
      .selectFrom('checkins')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('client_scan_id', 'in', keys)
      .executeTakeFirstOrThrow()
    expect(Number(stored.n)).toBe(keys.length)
  })

  it('replays re-stamped with other times, in concurrent batches and within one, are stored once', async () => {
    // Issue #14: the scan id alone is the key. Three batches in flight carry the same 300 ids, each
    // at its own time (a client that re-stamps a retry); one batch also carries each id twice.
    const writer = new CheckinWriter(t.services.database, null, { maxBatch: 600, maxConcurrent: 3 })
    const keys = Array.from({ length: 300 }, () => randomUUID())
    const times = [1, 2, 3].map((m) => new Date(Date.now() - m * 60_000))
    const batches = times.map((at, b) =>
      (b === 0 ? [...keys, ...keys] : b === 1 ? [...keys].reverse() : keys).map((k, i) =>
        row({ clientScanId: k, checkedInAt: new Date(at.getTime() - (i >= keys.length ? 1000 : 0)) }),
      ),
    )
    const results = await Promise.all(batches.map((rows) => writer.write(rows, null)))
    const insertedBy = new Map<string, number>()
    batches.forEach((rows, b) => {
      rows.forEach((r, i) => {
        if (results[b]?.[i]) insertedBy.set(r.clientScanId, (insertedBy.get(r.clientScanId) ?? 0) + 1)
      })
    })
    expect(insertedBy.size).toBe(keys.length)
    expect([...insertedBy.values()].every((n) => n === 1)).toBe(true)
    const stored = await t.services.database.db
      .selectFrom('checkins')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('client_scan_id', 'in', keys)
      .executeTakeFirstOrThrow()
    expect(Number(stored.n)).toBe(keys.length)
  })

  it('a check-out sent while its check-in is still being written closes that check-in', async () => {
    // A large batch of check-ins (slow to write), then a small batch of their check-outs, with two
    // flushes allowed in flight: the check-outs must wait, or they look before the check-ins commit.
    const writer = new CheckinWriter(t.services.database, null, { maxBatch: 1500, maxConcurrent: 2 })
    const persons = await Promise.all(Array.from({ length: 10 }, () => t.createPerson(region)))
    const inAt = new Date(Date.now() - 30 * 60_000)
    const outAt = new Date(Date.now() - 60_000)
    const others = Array.from({ length: 1490 }, () => row({ clientScanId: randomUUID(), checkedInAt: inAt }))
    const ins = writer.write(
      [
        ...others,
        ...persons.map((p) => row({ personId: p.id, clientScanId: randomUUID(), checkedInAt: inAt })),
      ],
      null,
    )
    const outs = writer.write(
      persons.map((p) =>
        row({ personId: p.id, clientScanId: randomUUID(), checkedInAt: outAt, direction: 'out' }),
      ),
      null,
    )
    expect([...(await ins), ...(await outs)].every(Boolean)).toBe(true)
    const open = await t.services.database.db
      .selectFrom('checkins')
      .select('person_id')
      .where(
        'person_id',
        'in',
        persons.map((p) => p.id),
      )
      .where('direction', '=', 'in')
      .where('checked_out_at', 'is', null)
      .execute()
    expect(open).toEqual([])
  })
})
