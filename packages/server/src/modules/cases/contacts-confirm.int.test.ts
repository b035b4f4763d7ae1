import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type KyselyPlugin } from 'kysely'
import type { AuditVerifyResult, ContactOutcome } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import type { Database } from '../../db/database.js'
import type { SessionUser } from '../../auth/session-user.js'
import { scopeOf } from '../../auth/scope.js'
import { AuditService } from '../../audit/audit.service.js'
import { ColourService } from '../health-codes/index.js'
import { ContactsService } from './contacts.service.js'
import { ago, DAY, reportCase } from '../../testing/cases-kit.js'

/** Counts the statements a service issues (BEGIN and COMMIT do not pass through plugins). */
class StatementCounter implements KyselyPlugin {
  n = 0
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.n++
    return args.node
  }
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result)
}

describe.each(TEST_DATABASES)('bulk contact confirmation, one transaction, set-based, on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let other: TestRegions
  let epi: string
  let admin: string
  let user: SessionUser
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    other = await t.makeRegions()
    epi = await t.login('epidemiologist', r.district)
    admin = await t.login('admin', '420100')
    const u = await t.services.database.db
      .selectFrom('users')
      .select(['id', 'username', 'role', 'region_code'])
      .where('role', '=', 'epidemiologist')
      .where('region_code', '=', r.district)
      .executeTakeFirstOrThrow()
    user = {
      id: u.id,
      username: u.username,
      displayName: u.username,
      role: 'epidemiologist',
      regionCode: u.region_code,
      personId: null,
      sessionId: 'test',
    }
  })
  afterAll(async () => t.close())

  const db = () => t.services.database.db
  const confirm = async (caseId: string, contacts: object[]) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/contacts`,
      headers: { cookie: epi },
      payload: { contacts },
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<ContactOutcome[]>()
  }
  const newCase = async () => {
    const p = await t.createPerson(r.communities[0])
    return { person: p, c: await reportCase(t, epi, { personId: p.id, onsetAt: ago(DAY) }) }
  }
  const verify = async () =>
    (await t.app.inject({ url: '/api/audit/verify', headers: { cookie: admin } })).json<AuditVerifyResult>()
  const counts = async () => {
    const n = async (table: 'contacts' | 'quarantine_orders' | 'assist_requests' | 'audit_log' | 'outbox') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      contacts: await n('contacts'),
      orders: await n('quarantine_orders'),
      assist: await n('assist_requests'),
      audit: await n('audit_log'),
      outbox: await n('outbox'),
    }
  }

  it('a mixed batch: each item decided and reported, the accepted ones written, red at once, audited in order', async () => {
    const { person: caseP, c } = await newCase()
    const a = await t.createPerson(r.communities[1])
    const s = await t.createPerson(r.communities[2])
    const longAgo = await t.createPerson(r.communities[3])
    const known = await t.createPerson(r.communities[1])
    const theirs = await t.createPerson(other.communities[0])
    expect(
      (await confirm(c.id, [{ personId: known.id, degree: 'close', lastExposureAt: ago(DAY) }]))[0]?.status,
    ).toBe('confirmed')
    const before = await verify()
    const out = await confirm(c.id, [
      { personId: a.id, degree: 'close', lastExposureAt: ago(DAY), reasons: [{ rule: 'household' }] },
      { personId: theirs.id, degree: 'close', lastExposureAt: ago(DAY) },
      { personId: caseP.id, degree: 'close', lastExposureAt: ago(DAY) },
      { personId: a.id, degree: 'close', lastExposureAt: ago(DAY) },
      { personId: known.id, degree: 'close', lastExposureAt: ago(DAY) },
      { personId: '999999999999', degree: 'close', lastExposureAt: ago(DAY) },
      { personId: s.id, degree: 'secondary', viaPersonId: a.id, lastExposureAt: ago(DAY) },
      { personId: longAgo.id, degree: 'close', lastExposureAt: ago(20 * DAY) },
    ])
    expect(out.map((o) => o.error?.code ?? o.status)).toEqual([
      'confirmed',
      'routed',
      'CONTACT_IS_CASE',
      'CONFLICT',
      'CONFLICT',
      'PERSON_NOT_FOUND',
      'confirmed',
      'confirmed',
    ])
    expect(out.map((o) => o.personId)).toEqual([
      a.id,
      theirs.id,
      caseP.id,
      a.id,
      known.id,
      '999999999999',
      s.id,
      longAgo.id,
    ])
    for (const o of out.filter((x) => x.status === 'rejected')) {
      expect(o).toMatchObject({
        contactId: null,
        quarantineOrderId: null,
        assistRequestId: null,
        routedTo: null,
      })
      expect(o.error?.message).toBeTruthy()
    }
    const [oa, oTheirs, , , , , os, oLong] = out
    expect(oa?.quarantineOrderId).not.toBeNull()
    expect(os?.quarantineOrderId).not.toBeNull()
    expect(oLong).toMatchObject({ status: 'confirmed', quarantineOrderId: null })
    expect(oTheirs).toMatchObject({ routedTo: other.communities[0], quarantineOrderId: null })
    expect(oTheirs?.assistRequestId).not.toBeNull()

    // The rows: each contact with its order, `via` and reasons; the 协查 request names its contact.
    const rows = await db()
      .selectFrom('contacts')
      .select(['id', 'person_id', 'degree', 'via_person_id', 'quarantine_order_id', 'reasons', 'region_code'])
      .where('case_id', '=', c.id)
      .execute()
    const byPerson = new Map(rows.map((k) => [k.person_id, k]))
    expect(rows).toHaveLength(5)
    expect(byPerson.get(a.id)).toMatchObject({
      id: oa?.contactId,
      quarantine_order_id: oa?.quarantineOrderId,
      reasons: [{ rule: 'household' }],
    })
    expect(byPerson.get(s.id)).toMatchObject({ degree: 'secondary', via_person_id: a.id })
    expect(byPerson.get(theirs.id)).toMatchObject({
      region_code: other.communities[0],
      quarantine_order_id: null,
    })
    const orders = await db()
      .selectFrom('quarantine_orders')
      .select(['id', 'person_id', 'reason', 'ends_at', 'note'])
      .where('person_id', 'in', [a.id, s.id, longAgo.id, theirs.id])
      .execute()
    expect(orders.map((o) => [o.person_id, o.reason]).sort()).toEqual(
      [
        [a.id, 'close_contact'],
        [s.id, 'secondary_contact'],
      ].sort(),
    )
    expect(orders.every((o) => o.note === `contact of case ${c.id}`)).toBe(true)
    const assist = await db()
      .selectFrom('assist_requests')
      .select(['id', 'contact_id', 'to_region', 'payload'])
      .where('id', '=', oTheirs?.assistRequestId ?? '0')
      .executeTakeFirstOrThrow()
    expect(assist).toMatchObject({ contact_id: oTheirs?.contactId, to_region: other.communities[0] })
    expect(assist.payload).toMatchObject({ caseId: c.id, degree: 'close' })

    // Colours recomputed by the request itself: nothing pending, the two ordered contacts red.
    const pending = await db()
      .selectFrom('outbox')
      .select('person_id')
      .where('processed_at', 'is', null)
      .where('person_id', 'in', [a.id, s.id, theirs.id, longAgo.id])
      .execute()
    expect(pending).toEqual([])
    const codes = await db()
      .selectFrom('health_codes')
      .select(['person_id', 'colour'])
      .where('person_id', 'in', [a.id, s.id])
      .execute()
    expect(codes.map((x) => x.colour)).toEqual(['red', 'red'])

    // One audit record per accepted item, in item order, and the chain still verifies.
    const audit = await db()
      .selectFrom('audit_log')
      .select(['id', 'action', 'target_id', 'details'])
      .where('action', 'in', ['contact.confirm', 'contact.routed'])
      .where(sql<boolean>`details->>'caseId' = ${c.id}`)
      .orderBy('id')
      .execute()
    expect(audit.map((x) => [x.action, x.target_id])).toEqual([
      ['contact.confirm', known.id],
      ['contact.confirm', a.id],
      ['contact.routed', theirs.id],
      ['contact.confirm', s.id],
      ['contact.confirm', longAgo.id],
    ])
    expect(audit[1]?.details).toEqual({
      caseId: c.id,
      degree: 'close',
      quarantineOrderId: oa?.quarantineOrderId,
    })
    expect(audit[2]?.details).toEqual({
      caseId: c.id,
      assistRequestId: oTheirs?.assistRequestId,
      to: other.communities[0],
    })
    const after = await verify()
    expect(after.ok).toBe(true)
    expect(after.checked).toBeGreaterThanOrEqual(before.checked + 4)
  })

  it('a failure in the middle of the writes leaves nothing written, and the same batch then goes through', async () => {
    const { c } = await newCase()
    const mine = await t.createPerson(r.communities[1])
    const theirs = await t.createPerson(other.communities[0])
    const items = [
      { personId: mine.id, degree: 'close' as const, lastExposureAt: ago(DAY) },
      { personId: theirs.id, degree: 'close' as const, lastExposureAt: ago(DAY) },
    ]
    // The outbox insert is the last write of the transaction: orders, contacts, the 协查
    // request and the audit records are all written when it fails.
    const failing = new ColourService(t.services.database, t.services.colours.sources)
    failing.enqueue = () => Promise.reject(new Error('outbox unavailable'))
    const broken = new ContactsService(t.services.database, t.services.audit, failing, t.services.quarantine)
    const before = await counts()
    await expect(broken.confirm(user, scopeOf(user), c.id, items)).rejects.toThrow(/outbox unavailable/)
    expect(await counts()).toEqual(before)
    expect((await verify()).ok).toBe(true)
    const out = await t.services.contacts.confirm(user, scopeOf(user), c.id, items)
    expect(out.map((o) => o.status)).toEqual(['confirmed', 'routed'])
    expect((await verify()).ok).toBe(true)
  })

  it('two investigations confirming one person at the same time leave one running order', async () => {
    const contact = await t.createPerson(r.communities[2])
    const [first, second] = await Promise.all([newCase(), newCase()])
    const [one, two] = await Promise.all(
      [first, second].map((x, i) =>
        confirm(x.c.id, [{ personId: contact.id, degree: 'close', lastExposureAt: ago((1 + i) * DAY) }]),
      ),
    )
    expect([one?.[0]?.status, two?.[0]?.status]).toEqual(['confirmed', 'confirmed'])
    const orders = await db()
      .selectFrom('quarantine_orders')
      .select(['id', 'ends_at'])
      .where('person_id', '=', contact.id)
      .execute()
    expect(orders).toHaveLength(1)
    expect(one?.[0]?.quarantineOrderId).toBe(orders[0]?.id)
    expect(two?.[0]?.quarantineOrderId).toBe(orders[0]?.id)
    // The later end of the two (exposed one day ago: 13 days from now), whichever came first.
    expect((orders[0]?.ends_at.getTime() ?? 0) - Date.now()).toBeGreaterThan(12.9 * DAY)
  })

  it('issues as many statements for 30 contacts as for 3 (set-based, nothing per item)', async () => {
    const statements = async (n: number) => {
      const { c } = await newCase()
      const persons = []
      for (let i = 0; i < n; i++) persons.push(await t.createPerson(r.communities[i % 4] ?? r.communities[0]))
      const counter = new StatementCounter()
      const counted: Database = { ...t.services.database, db: t.services.database.db.withPlugin(counter) }
      const service = new ContactsService(
        counted,
        new AuditService(counted),
        new ColourService(counted, t.services.colours.sources),
        t.services.quarantine,
      )
      const out = await service.confirm(
        user,
        scopeOf(user),
        c.id,
        persons.map((p) => ({ personId: p.id, degree: 'close' as const, lastExposureAt: ago(DAY) })),
      )
      expect(out.every((o) => o.status === 'confirmed')).toBe(true)
      const red = await db()
        .selectFrom('health_codes')
        .select('colour')
        .where(
          'person_id',
          'in',
          persons.map((p) => p.id),
        )
        .execute()
      expect(red.map((x) => x.colour)).toEqual(persons.map(() => 'red'))
      return counter.n
    }
    const few = await statements(3)
    const many = await statements(30)
    expect(many).toBe(few)
    expect(many).toBeLessThan(40)
  })
})
