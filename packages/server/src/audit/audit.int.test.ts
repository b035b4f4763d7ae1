import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { AuditVerifyResult } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'

describe.each(TEST_DATABASES)('hash-chained audit on %s', (kind) => {
  let t: TestApp
  let admin: string
  let personId: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    const r = await t.makeRegions()
    admin = await t.login('admin', '420100')
    personId = (await t.createPerson(r.communities[0])).id
    await t.app.inject({ url: `/api/persons/${personId}`, headers: { cookie: admin } })
  })
  afterAll(async () => t.close())

  const verify = async () =>
    (await t.app.inject({ url: '/api/audit/verify', headers: { cookie: admin } })).json<AuditVerifyResult>()

  it('records every read and write of personal data', async () => {
    const res = await t.app.inject({
      url: `/api/audit?targetType=person&targetId=${personId}`,
      headers: { cookie: admin },
    })
    const actions = res.json<{ items: { action: string }[] }>().items.map((i) => i.action)
    expect(actions).toEqual(expect.arrayContaining(['person.create', 'person.read']))
  })

  it('the intact chain verifies', async () => {
    const v = await verify()
    expect(v.ok).toBe(true)
    expect(v.checked).toBeGreaterThan(3)
  })

  it('a batch append keeps the order given, links each record to the one before, and verifies', async () => {
    const audit = t.services.audit
    const actor = { name: 'batch-test', role: 'system' }
    const events = ['first', 'second', 'third'].map((reason, i) => ({
      action: 'test.batch',
      targetType: 'person',
      targetId: personId,
      reason,
      details: { i, nested: { b: 1, a: [i] } },
    }))
    await t.services.database.db.transaction().execute(async (tx) => {
      await audit.append(tx, actor, { action: 'test.single', targetType: 'person', targetId: personId })
      await audit.appendMany(tx, actor, events)
      await audit.appendMany(tx, actor, [])
    })
    const rows = await t.services.database.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'reason', 'prev_hash', 'hash'])
      .where('action', 'in', ['test.single', 'test.batch'])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => r.reason)).toEqual([null, 'first', 'second', 'third'])
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash)
    expect((await verify()).ok).toBe(true)
  })

  it('records written at once by many requests (one statement each) and by batches form one chain', async () => {
    const audit = t.services.audit
    const actor = { name: '并发 test ✓', role: 'system' }
    const before = (await verify()).checked
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) =>
        audit.record(actor, {
          action: 'test.concurrent',
          targetType: 'person',
          targetId: personId,
          reason: i % 3 === 0 ? null : `理由 ${i}`,
          details: { i, z: '末', a: { y: [1, 'é'], x: null } },
        }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        t.services.database.db.transaction().execute((tx) =>
          audit.appendMany(tx, actor, [
            { action: 'test.concurrent-batch', targetType: 'person', targetId: personId, details: { i } },
            { action: 'test.concurrent-batch', targetType: 'person', targetId: personId },
          ]),
        ),
      ),
    ])
    const v = await verify()
    expect(v.ok).toBe(true)
    expect(v.checked).toBe(before + 50)
  })

  it('refuses updates and deletes', async () => {
    await expect(sql`update audit_log set reason = 'x'`.execute(t.services.database.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from audit_log`.execute(t.services.database.db)).rejects.toThrow(/append-only/)
  })

  it('detects an edited row, then a deleted row, made around the trigger', async () => {
    const db = t.services.database.db
    // a record in the middle of the chain (truncating the tail needs an external anchor of the head hash)
    const target = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'person.create')
      .executeTakeFirstOrThrow()
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
    try {
      await sql`update audit_log set reason = 'tampered' where id = ${target.id}`.execute(db)
      const edited = await verify()
      expect(edited).toMatchObject({ ok: false, brokenAt: target.id })
      expect(edited.problem).toMatch(/edited/)
      await sql`update audit_log set reason = null where id = ${target.id}`.execute(db)
      expect((await verify()).ok).toBe(true)
      await sql`delete from audit_log where id = ${target.id}`.execute(db)
      const deleted = await verify()
      expect(deleted.ok).toBe(false)
      expect(deleted.problem).toMatch(/removed or inserted/)
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db)
    }
  })

  it('is not readable by non-admins', async () => {
    const r = await t.makeRegions()
    const epi = await t.login('epidemiologist', r.district)
    expect((await t.app.inject({ url: '/api/audit/verify', headers: { cookie: epi } })).statusCode).toBe(403)
  })
})
