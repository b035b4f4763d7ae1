/**
 * Issue #14: "publish the audit chain head somewhere the node cannot rewrite". The signed head
 * verifies with the node's issuer key from its trust list; a tampered head is refused; a head kept
 * by a second party exposes a truncated or re-chained tail that the chain alone cannot show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { complementSP256, createTrustStore, verifyTrustList } from '@lianfang/core'
import type { SignedAuditHead } from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../testing/test-app.js'
import { createNodeSignatureBackend } from '../crypto/node-signature-backend.js'
import { checkKeptHead, verifyAuditHead } from './audit-head.js'

const TOKEN = 'head-poller-token-0123456789'

describe.each(TEST_DATABASES)('signed audit chain head on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let operator: string
  beforeAll(async () => {
    t = await createTestApp(kind, { METRICS_TOKEN: TOKEN })
    r = await t.makeRegions()
    await t.services.regionsRepo.insertMissing([
      { code: '420200', parentCode: '420000', level: 'city', name: '黄石市' },
    ])
    operator = await t.login('admin', '420100')
    await t.createPerson(r.communities[0]) // an audited change, so the chain is not empty
  })
  afterAll(async () => t.close())

  const head = (headers: Record<string, string>, query = '') =>
    t.app.inject({ url: `/api/audit/head${query}`, headers })

  /** The node's public key for `kid`, as a second party gets it: the trust list, opened with the pinned root. */
  const trustedKey = async (kid: string) => {
    const root = (await t.app.inject({ url: '/api/trust-list/root' })).json<{
      kid: string
      publicKeySpki: string
    }>()
    const list = await verifyTrustList(
      new Uint8Array((await t.app.inject({ url: '/api/trust-list' })).rawPayload),
      [
        {
          kid: new Uint8Array(Buffer.from(root.kid, 'hex')),
          publicKey: new Uint8Array(Buffer.from(root.publicKeySpki, 'base64')),
        },
      ],
      createNodeSignatureBackend(),
      Math.floor(Date.now() / 1000),
    )
    if (!list.ok) throw new Error(list.reason)
    const key = createTrustStore(list.value).get(new Uint8Array(Buffer.from(kid, 'hex')))
    if (!key) throw new Error(`kid ${kid} is not in the trust list`)
    return key.publicKey
  }

  const latest = () =>
    t.services.database.db
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()

  it('gives the operator the latest id and hash, signed by the issuer key of the trust list', async () => {
    const res = await head({ cookie: operator })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const signed = res.json<SignedAuditHead>()
    const row = await latest()
    expect(signed.head).toMatchObject({ node: t.config.nodeId, id: row.id, hash: row.hash })
    const key = await trustedKey(signed.kid)
    const checked = await verifyAuditHead(signed, key)
    expect(checked).toEqual({ ok: true, kid: signed.kid, head: signed.head })
    // The same as base64 SPKI (what GET /api/keys lists).
    expect((await verifyAuditHead(signed.jws, Buffer.from(key).toString('base64'))).ok).toBe(true)
  })

  it('refuses a tampered head, a high-S twin and another key', async () => {
    const signed = (await head({ cookie: operator })).json<SignedAuditHead>()
    const key = await trustedKey(signed.kid)
    const [h, p, s] = signed.jws.split('.') as [string, string, string]
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>
    const reencode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
    const tampered = [
      `${h}.${reencode({ ...payload, hash: 'f'.repeat(64) })}.${s}`,
      `${h}.${reencode({ ...payload, id: '1' })}.${s}`,
      `${h}.${p}.${Buffer.from(s, 'base64url').reverse().toString('base64url')}`,
      `${h}.${p}.${Buffer.from(complementSP256(Buffer.from(s, 'base64url'))).toString('base64url')}`,
      `${reencode({ alg: 'none' })}.${p}.`,
      `${h}.${p}`,
      'not a jws',
    ]
    for (const jws of tampered) expect((await verifyAuditHead(jws, key)).ok, jws).toBe(false)
    const root = (await t.app.inject({ url: '/api/trust-list/root' })).json<{ publicKeySpki: string }>()
    expect((await verifyAuditHead(signed, root.publicKeySpki)).ok).toBe(false)
  })

  it('is for node operators and the metrics token only', async () => {
    expect((await head({})).statusCode).toBe(401)
    expect((await head({ authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(401)
    const poller = await head({ authorization: `Bearer ${TOKEN}` })
    expect(poller.statusCode, poller.body).toBe(200)
    for (const [role, region] of [
      ['admin', '420200'],
      ['admin', r.district],
      ['epidemiologist', '420100'],
    ] as const) {
      const res = await head({ cookie: await t.login(role, region) })
      expect(res.statusCode, `${role}@${region}`).toBe(403)
    }
    expect((await head({ cookie: operator }, '?id=abc')).statusCode).toBe(400)
    expect((await head({ cookie: operator }, '?id=999999999999')).statusCode).toBe(404)
  })

  it('a head kept by a second party exposes a re-chained or truncated tail', async () => {
    await t.createPerson(r.communities[1])
    const kept = (await head({ authorization: `Bearer ${TOKEN}` })).json<SignedAuditHead>()
    const key = await trustedKey(kept.kid)
    const keptHead = (await verifyAuditHead(kept, key)).ok ? kept.head : undefined
    if (!keptHead?.id) throw new Error('no kept head')
    const at = async () => {
      const res = await head({ authorization: `Bearer ${TOKEN}` }, `?id=${keptHead.id}`)
      return res.statusCode === 404 ? undefined : res.json<SignedAuditHead>()
    }
    expect(checkKeptHead(keptHead, (await at())?.head.hash)).toBe('consistent')

    const db = t.services.database.db
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
    try {
      // Re-chained: the record's content and hash rewritten (the chain itself would still verify
      // if every later hash were recomputed too). The node now signs a different hash for the id.
      await sql`update audit_log set hash = ${'e'.repeat(64)} where id = ${keptHead.id}`.execute(db)
      const now = await at()
      expect(now && (await verifyAuditHead(now, key)).ok).toBe(true)
      expect(checkKeptHead(keptHead, now?.head.hash)).toBe('rewritten')
      // Truncated: the tail deleted; the chain that is left verifies, only the kept head shows it.
      await sql`delete from audit_log where id >= ${keptHead.id}`.execute(db)
      expect(await at()).toBeUndefined()
      expect(checkKeptHead(keptHead, undefined)).toBe('truncated')
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db)
    }
  })
})
