import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { AuditVerifyResult } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../testing/test-app.js'
import { normalizeDatabaseError } from './errors.js'
import { findUnstorableText } from './edge.js'

/**
 * Issue #14, the edge: cross-origin writes (CSRF from the same site), bodies of the wrong
 * type, security headers, text that cannot be stored (NUL, lone surrogates) and the audit chain
 * it once poisoned, database detail in responses, /metrics, the audit list's scope, timeouts.
 */
describe.each(TEST_DATABASES)('edge security on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let admin: string
  let personId: string
  beforeAll(async () => {
    t = await createTestApp(kind, { METRICS_TOKEN: 'metrics-token-for-tests', REQUEST_TIMEOUT_MS: '1000' })
    r = await t.makeRegions()
    admin = await t.login('admin', '420100')
    personId = (await t.createPerson(r.communities[0])).id
  })
  afterAll(async () => t.close())

  const verify = async () =>
    (await t.app.inject({ url: '/api/audit/verify', headers: { cookie: admin } })).json<AuditVerifyResult>()
  const errorCode = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code

  describe('state-changing requests from another origin (CSRF)', () => {
    const unmask = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/persons/${personId}/unmask`,
        headers: { cookie: admin, host: 'node.example:8080', ...headers },
        payload: { reason: '流调核实身份' },
      })

    it('refuses a page on another port of the same host (same-site, not same-origin)', async () => {
      const res = await unmask({ origin: 'http://node.example:9999', 'sec-fetch-site': 'same-site' })
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('CROSS_ORIGIN_REFUSED')
    })

    it('refuses a foreign Origin even without Sec-Fetch-Site', async () => {
      const res = await unmask({ origin: 'http://node.example:9999' })
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('CROSS_ORIGIN_REFUSED')
      expect((await unmask({ origin: 'null' })).statusCode).toBe(403)
    })

    it('accepts the console on its own origin, and clients that are not browsers', async () => {
      expect(
        (await unmask({ origin: 'http://node.example:8080', 'sec-fetch-site': 'same-origin' })).statusCode,
      ).toBe(200)
      expect((await unmask({})).statusCode).toBe(200)
    })

    it('refuses an empty text/plain POST (a form or sendBeacon a page can send without preflight)', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: admin, 'content-type': 'text/plain' },
        payload: '',
      })
      expect(res.statusCode).toBe(415)
      expect(errorCode(res)).toBe('UNSUPPORTED_MEDIA_TYPE')
      const form = await t.app.inject({
        method: 'POST',
        url: `/api/persons/${personId}/unmask`,
        headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'reason=x',
      })
      expect(form.statusCode).toBe(415)
    })

    it('GETs are not affected', async () => {
      const res = await t.app.inject({
        url: '/api/auth/me',
        headers: { cookie: admin, origin: 'http://elsewhere', 'sec-fetch-site': 'cross-site' },
      })
      expect(res.statusCode).toBe(200)
    })
  })

  it('sends security headers: no framing, no sniffing, no referrer', async () => {
    const res = await t.app.inject({ url: '/api/auth/me', headers: { cookie: admin } })
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  describe('text that cannot be stored as given', () => {
    it('a lone surrogate in a login name is refused before anything is recorded; the chain stays whole', async () => {
      const before = await verify()
      for (const username of ['\ud800', 'admin\udfff', 'a\u0000b']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: JSON.stringify({ username, password: 'whatever-password' }),
          headers: { 'content-type': 'application/json' },
        })
        expect(res.statusCode).toBe(400)
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(/body\/username/)
      }
      const after = await verify()
      expect(after.ok).toBe(true)
      expect(after.checked).toBe(before.checked)
    })

    it('an unmask reason with a lone low surrogate or a NUL is a 400, not a poisoned record or a 500', async () => {
      for (const reason of ['核实\udfff', '核实\u0000']) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/persons/${personId}/unmask`,
          headers: { cookie: admin, 'content-type': 'application/json' },
          payload: JSON.stringify({ reason }),
        })
        expect(res.statusCode).toBe(400)
      }
      expect((await verify()).ok).toBe(true)
    })

    it('a NUL in a query string or a path parameter is a 400', async () => {
      const q = await t.app.inject({ url: '/api/persons?q=%00', headers: { cookie: admin } })
      expect(q.statusCode).toBe(400)
      const p = await t.app.inject({ url: '/api/regions/%00', headers: { cookie: admin } })
      expect(p.statusCode).toBe(400)
    })

    it('the audit service itself stores what it hashes, whatever text it is given', async () => {
      await t.services.audit.record(
        { name: 'edge\ud800', role: 'system' },
        {
          action: 'test.ill-formed',
          targetType: 'person',
          targetId: personId,
          reason: 'r\udfff\u0000',
          details: { note: 'x\ud83d', when: new Date(0), ['k\udc00']: 1 },
        },
      )
      await t.services.database.db.transaction().execute((tx) =>
        t.services.audit.append(
          tx,
          { name: 'edge', role: 'system' },
          {
            action: 'test.ill-formed-batch',
            targetType: 'person',
            reason: '\ud800',
          },
        ),
      )
      expect((await verify()).ok).toBe(true)
    })

    it('findUnstorableText finds NULs and lone surrogates anywhere, and passes pairs', () => {
      expect(findUnstorableText({ a: ['ok', { b: 'x\ud800' }] })).toBe('/a/1/b')
      expect(findUnstorableText({ a: '😀 完整' })).toBeUndefined()
      expect(findUnstorableText('\udc00\ud800')).toBe('/')
      expect(findUnstorableText({ n: 1, z: null, t: true })).toBeUndefined()
    })
  })

  it('verification reports every broken record, so an early break does not hide a later edit', async () => {
    const db = t.services.database.db
    const actor = { name: 'verify-all', role: 'system' }
    for (let i = 0; i < 4; i++) {
      await t.services.audit.record(actor, { action: 'test.verify-all', targetType: 'x', reason: `r${i}` })
    }
    const ids = (
      await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'test.verify-all')
        .orderBy('id')
        .execute()
    ).map((x) => x.id)
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
    try {
      await sql`update audit_log set reason = 'first edit' where id = ${ids[0]}`.execute(db)
      await sql`update audit_log set reason = 'later edit' where id = ${ids[2]}`.execute(db)
      const v = await verify()
      expect(v.ok).toBe(false)
      expect(v.brokenAt).toBe(ids[0])
      expect(v.broken).toEqual([
        { id: ids[0], problem: 'edited' },
        { id: ids[2], problem: 'edited' },
      ])
      expect(v.brokenCount).toBe(2)
    } finally {
      await sql`update audit_log set reason = 'r0' where id = ${ids[0]}`.execute(db)
      await sql`update audit_log set reason = 'r2' where id = ${ids[2]}`.execute(db)
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db)
    }
    expect((await verify()).ok).toBe(true)
  })

  describe('no database detail in a response', () => {
    it('maps a check violation to the column, without the failing row', () => {
      const e = Object.assign(new Error('new row for relation "persons" violates check constraint'), {
        code: '23514',
        table: 'persons',
        constraint: 'persons_name_check',
        detail: 'Failing row contains (1, 13912345678, \\x0a0b0c…)',
      })
      const mapped = normalizeDatabaseError(e)
      expect(mapped?.code).toBe('VALIDATION_FAILED')
      expect(mapped?.details).toEqual({ field: 'name' })
      expect(JSON.stringify({ m: mapped?.message, d: mapped?.details })).not.toMatch(
        /Failing row|1391234|persons_name_check|23514/,
      )
    })

    it('maps a data exception (NUL, bad encoding, too long) to a 400', () => {
      for (const code of ['22021', '22P05', '22001', '54000']) {
        expect(normalizeDatabaseError({ code })?.status).toBe(400)
      }
    })

    it('a name of only spaces is a 400 that names no database detail', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/persons',
        headers: { cookie: admin },
        payload: { name: '   ', idType: 'passport', idNumber: 'E12345678', regionCode: r.communities[0] },
      })
      expect(res.statusCode).toBe(400)
      expect(res.body).not.toMatch(/Failing row|sqlstate|constraint|\\x/i)
    })
  })

  describe('/metrics', () => {
    it('answers loopback (the default METRICS_ALLOW) and a scraper with the token, no one else', async () => {
      expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200)
      const remote = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })
      expect(remote.statusCode).toBe(403)
      const spoofed = await t.app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': '127.0.0.1' },
      })
      expect(spoofed.statusCode).toBe(403)
      const wrong = await t.app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: 'Bearer not-the-token' },
      })
      expect(wrong.statusCode).toBe(403)
      const token = await t.app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: 'Bearer metrics-token-for-tests' },
      })
      expect(token.statusCode).toBe(200)
    })
  })

  describe('the audit list', () => {
    it('shows an admin of another city none of this city’s records, and records the reading', async () => {
      await t.services.regionsRepo.insertMissing([
        { code: '420200', parentCode: '420000', level: 'city', name: '黄石市' },
      ])
      const other = await t.login('admin', '420200')
      // A Wuhan admin unmasks with a reason: another city must not read it.
      await t.app.inject({
        method: 'POST',
        url: `/api/persons/${personId}/unmask`,
        headers: { cookie: admin },
        payload: { reason: '武汉的核实理由' },
      })
      const seen = await t.app.inject({ url: '/api/audit?pageSize=100', headers: { cookie: other } })
      expect(seen.statusCode).toBe(200)
      const page = seen.json<{ items: { actorName: string; reason: string | null }[]; total: number }>()
      expect(page.items.map((i) => i.reason)).not.toContain('武汉的核实理由')
      // Records with no region (failed sign-ins, the system) are the node operator's only.
      expect(page.items.every((i) => i.actorName !== 'verify-all')).toBe(true)
      const own = await t.app.inject({ url: '/api/audit?pageSize=100', headers: { cookie: admin } })
      expect(own.json<{ items: { reason: string | null }[] }>().items.map((i) => i.reason)).toContain(
        '武汉的核实理由',
      )
      const reads = await t.services.database.db
        .selectFrom('audit_log')
        .select(['actor_region'])
        .where('action', '=', 'audit.read')
        .execute()
      expect(reads.map((x) => x.actor_region)).toEqual(expect.arrayContaining(['420200', '420100']))
    })
  })

  it('cuts off a request whose body trickles in slower than REQUEST_TIMEOUT_MS', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const address = t.app.server.address()
    if (!address || typeof address === 'string') throw new Error('no port')
    const closed = await new Promise<{ ms: number; data: string }>((resolve) => {
      const started = Date.now()
      const socket = connect(address.port, '127.0.0.1')
      let data = ''
      socket.on('data', (d: Buffer) => (data += d.toString()))
      socket.on('close', () => {
        clearInterval(trickle)
        resolve({ ms: Date.now() - started, data })
      })
      socket.on('error', () => undefined)
      socket.write(
        'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      )
      const trickle = setInterval(() => socket.write(' '), 200)
      setTimeout(() => socket.destroy(), 10_000)
    })
    expect(closed.ms).toBeLessThan(5000)
    expect(closed.data).toMatch(/^HTTP\/1\.1 408|^$/)
  })
})
