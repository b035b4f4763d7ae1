/**
 * Signed test results (LR1, #17): a citizen sees only their own results with a QR for each final
 * one; a checkpoint verifies a QR against the trust list (genuine, forged, revoked by voiding);
 * a citizen imports another node's signed result (结果互认), once, and the health code reads it.
 */
import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskName, signLr1Sync, type Lr1Claims } from '@lianfang/core'
import type { FactCreated, NatResultVerification, SignedNatResult } from '@lianfang/contracts'
import { createNodeP256Signer } from '../../crypto/node-signature-backend.js'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

const HOUR = 3600_000
const ago = (h: number) => new Date(Date.now() - h * HOUR).toISOString()

describe.each(TEST_DATABASES)('signed test results (LR1) on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let tester: string
  let checkpoint: string
  /** Another node's issuer key, in this node's trust list (as the federation will put it). */
  const foreign = createNodeP256Signer(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)
  const now = () => Math.floor(Date.now() / 1000)

  beforeAll(async () => {
    t = await createTestApp(kind)
    // Before any trust list is signed (the keys service caches it): a key of node-110000.
    await t.services.database.db
      .insertInto('signing_keys')
      .values({
        kid: Buffer.from(foreign.kid).toString('hex'),
        purpose: 'code',
        issuer: 'node-110000',
        region_code: '110000',
        alg: 'ES256',
        public_spki: Buffer.from(foreign.publicKeySpki),
        private_enc: null,
        status: 'retired',
        not_before: new Date(Date.now() - 86_400_000),
        not_after: new Date(Date.now() + 30 * 86_400_000),
      })
      .execute()
    r = await t.makeRegions()
    tester = await t.login('tester', r.district)
    checkpoint = await t.login('checkpoint', r.district)
  })
  afterAll(async () => t.close())

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } })
  const codeOf = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code
  const post = (url: string, cookie: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object })
  const enter = async (personId: string, body: Record<string, unknown>) => {
    const res = await post('/api/nat-results', tester, { personId, ...body })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<FactCreated>().id
  }
  const citizen = async (name: string) => {
    const p = await t.createPerson(r.communities[0], { name })
    return { ...p, cookie: await t.login('citizen', r.communities[0], { personId: p.id }) }
  }
  const mine = async (cookie: string) => {
    const res = await get('/api/me/nat-results', cookie)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<SignedNatResult[]>()
  }
  const verify = async (qr: string) => {
    const res = await post('/api/nat-results/verify', checkpoint, { qr })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<NatResultVerification>()
  }
  const foreignClaims = (over: Partial<Lr1Claims> = {}): Lr1Claims => ({
    issuer: 'node-110000',
    region: '110105',
    subject: 'bj-subject-0001',
    maskedName: maskName('张三丰'),
    result: 'negative',
    kind: 'single',
    sampledAt: now() - 20 * 3600,
    resultedAt: now() - 10 * 3600,
    lab: '北京市朝阳区疾控中心',
    resultId: `bj-${String(Math.random()).slice(2, 12)}`,
    issuedAt: now() - 60,
    expiresAt: now() - 20 * 3600 + 7 * 86_400,
    statusListId: 'main',
    statusIndex: 5,
    ...over,
  })

  it('lists the citizen’s own results, newest first, with a QR for each final one', async () => {
    const a = await citizen('张三丰')
    const negative = await enter(a.id, { sampledAt: ago(3), result: 'negative', labName: '武汉金域' })
    await enter(a.id, { sampledAt: ago(2), result: 'positive', pooled: true })
    await enter(a.id, { sampledAt: ago(1), result: 'pending' })
    await enter(a.id, { sampledAt: ago(24 * 8), result: 'negative' })
    const list = await mine(a.cookie)
    expect(list.map((x) => [x.result, x.kind, x.noQr])).toEqual([
      ['pending', 'single', 'pending'],
      ['positive', 'pooled', 'pooled_positive'],
      ['negative', 'single', null],
      ['negative', 'single', 'expired'],
    ])
    const shown = list[2]
    expect(shown).toMatchObject({ id: negative, source: 'local', lab: '武汉金域', voided: false })
    expect(shown?.qr).toMatch(/^LR1:[0-9A-Z $%*+\-./:]+$/)
    expect(list.filter((x) => x.qr !== null)).toHaveLength(1)

    // Another citizen sees none of them; staff see them in their scope only.
    const b = await citizen('李四')
    expect(await mine(b.cookie)).toEqual([])
    const community = await t.login('community_worker', r.communities[0])
    const theirs = await get(`/api/persons/${a.id}/nat-results`, community)
    expect(theirs.statusCode, theirs.body).toBe(200)
    expect(theirs.json<SignedNatResult[]>().map((x) => x.id)).toContain(negative)
    const elsewhere = await t.makeRegions()
    const outsider = await t.login('community_worker', elsewhere.district)
    expect((await get(`/api/persons/${a.id}/nat-results`, outsider)).statusCode).toBe(403)
    expect((await get(`/api/persons/${a.id}/nat-results`, a.cookie)).statusCode).toBe(403)
  })

  it('verifies a genuine QR, and refuses a forged one at its stage', async () => {
    const a = await citizen('王小明')
    await enter(a.id, { sampledAt: ago(5), result: 'negative' })
    const qr = (await mine(a.cookie))[0]?.qr ?? ''
    expect(await verify(qr)).toMatchObject({
      ok: true,
      result: 'negative',
      kind: 'single',
      maskedName: maskName('王小明'),
      issuer: t.config.nodeId,
      statusChecked: true,
    })
    const i = qr.length - 20
    const altered = qr.slice(0, i) + (qr[i] === 'A' ? 'B' : 'A') + qr.slice(i + 1)
    expect((await verify(altered)).ok).toBe(false)
    const stranger = createNodeP256Signer(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)
    const claims = foreignClaims({ issuer: t.config.nodeId })
    expect(await verify(signLr1Sync(claims, stranger))).toMatchObject({ ok: false, stage: 'unknown-key' })
    expect(await verify(signLr1Sync(claims, { ...stranger, kid: foreign.kid }))).toMatchObject({
      ok: false,
      stage: 'unknown-key', // the kid is node-110000's: another issuer than the claimed one
    })
    expect(
      await verify(signLr1Sync({ ...claims, issuer: 'node-110000' }, { ...stranger, kid: foreign.kid })),
    ).toMatchObject({ ok: false, stage: 'signature' })
    expect(await verify('LF1:' + qr.slice(4))).toMatchObject({ ok: false, stage: 'prefix' })
  })

  it('a voided result’s QR is refused as revoked (the appeal sets its status bit)', async () => {
    const a = await citizen('赵六')
    const positive = await enter(a.id, { sampledAt: ago(4), result: 'positive' })
    const qr = (await mine(a.cookie))[0]?.qr ?? ''
    expect(await verify(qr)).toMatchObject({ ok: true, result: 'positive' })
    const appeal = await post('/api/appeals', a.cookie, { statement: 'the lab mixed up my sample' })
    expect(appeal.statusCode, appeal.body).toBe(201)
    const reviewer = await t.login('epidemiologist', r.district)
    const decided = await post(`/api/appeals/${appeal.json<{ id: string }>().id}/decide`, reviewer, {
      decision: 'accepted',
      note: 'sample mix-up confirmed by the lab',
      corrections: [{ type: 'void_nat_result', id: positive }],
    })
    expect(decided.statusCode, decided.body).toBe(200)
    t.services.verifier.invalidate()
    expect(await verify(qr)).toMatchObject({ ok: false, stage: 'revoked' })
    expect((await mine(a.cookie))[0]).toMatchObject({ voided: true, qr: null, noQr: 'voided' })
  })

  it('imports another node’s result once; the health code reads it like a local one', async () => {
    const a = await citizen('张三丰')
    const qr = signLr1Sync(foreignClaims(), foreign)
    expect(await verify(qr)).toMatchObject({ ok: true, issuer: 'node-110000', statusChecked: false })
    const res = await post('/api/me/nat-results/import', a.cookie, { qr })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<FactCreated>()).toMatchObject({ personId: a.id, colour: 'green' })
    expect(await mine(a.cookie)).toEqual([
      expect.objectContaining({
        source: 'imported',
        issuer: 'node-110000',
        issuerRegion: '110105',
        result: 'negative',
        lab: '北京市朝阳区疾控中心',
        qr,
      }),
    ])
    const again = await post('/api/me/nat-results/import', a.cookie, { qr })
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'RESULT_EXISTS'])
    // Someone else's name: not theirs.
    const b = await citizen('李四')
    const theirs = await post('/api/me/nat-results/import', b.cookie, { qr })
    expect([theirs.statusCode, codeOf(theirs)]).toEqual([403, 'RESULT_NOT_YOURS'])
    // A positive from elsewhere turns the code red (RULES HC.ZJ.2021: positive → red).
    const c = await citizen('张三丰')
    const positive = signLr1Sync(foreignClaims({ result: 'positive' }), foreign)
    const red = await post('/api/me/nat-results/import', c.cookie, { qr: positive })
    expect(red.statusCode, red.body).toBe(201)
    expect(red.json<FactCreated>().colour).toBe('red')
  })

  it('this node’s own result is already listed (409), or another person’s (403)', async () => {
    const a = await citizen('孙七')
    await enter(a.id, { sampledAt: ago(2), result: 'negative' })
    const qr = (await mine(a.cookie))[0]?.qr ?? ''
    const own = await post('/api/me/nat-results/import', a.cookie, { qr })
    expect([own.statusCode, codeOf(own)]).toEqual([409, 'RESULT_EXISTS'])
    const b = await citizen('孙七')
    const other = await post('/api/me/nat-results/import', b.cookie, { qr })
    expect([other.statusCode, codeOf(other)]).toEqual([403, 'RESULT_NOT_YOURS'])
  })

  it('bad input gets a 4xx, never a 500, and nothing is stored', async () => {
    const a = await citizen('周八')
    const bad: [unknown, number, string | undefined][] = [
      [{ qr: 'LR1:AB\u0000CD' }, 400, 'VALIDATION_FAILED'],
      [{ qr: `LR1:${'A'.repeat(100_000)}` }, 400, undefined],
      [{ qr: 'LR1:aa' }, 400, 'RESULT_INVALID'],
      [{ qr: 'not a result' }, 400, 'RESULT_INVALID'],
      [{ qr: '' }, 400, 'VALIDATION_FAILED'],
      [{}, 400, 'VALIDATION_FAILED'],
      [
        {
          qr: signLr1Sync(
            foreignClaims({ expiresAt: now() - 1, issuedAt: now() - 3600, resultedAt: now() - 3700 }),
            foreign,
          ),
        },
        400,
        'RESULT_INVALID',
      ],
    ]
    for (const [payload, status, code] of bad) {
      const res = await post('/api/me/nat-results/import', a.cookie, payload)
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, res.body).toBeLessThan(500)
      expect(res.statusCode).toBe(res.statusCode === 413 ? 413 : status)
      if (code && res.statusCode !== 413) expect(codeOf(res)).toBe(code)
    }
    const base45 = await post('/api/me/nat-results/import', a.cookie, { qr: 'LR1:aa' })
    expect(base45.json<{ error: { details: unknown } }>().error.details).toEqual({ stage: 'base45' })
    expect(await mine(a.cookie)).toEqual([])
    for (const qr of ['LR1:AB\u0000CD', 'x'.repeat(100_000)]) {
      const res = await post('/api/nat-results/verify', checkpoint, { qr })
      expect([400, 413]).toContain(res.statusCode)
    }
    expect(await verify('LR1:%%%%')).toMatchObject({ ok: false, stage: 'base45' })
    // Only the roles that verify codes verify results.
    expect((await post('/api/nat-results/verify', a.cookie, { qr: 'LR1:aa' })).statusCode).toBe(403)
  })
})
