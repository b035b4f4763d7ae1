/**
 * Issue #16, "verify an EU DCC": the API verifies `HC1:` codes against the node's trust list of
 * document signers, loaded from PEM by the node's operators. Self-made signers and codes
 * (__fixtures__/self-made-dsc.ts), so core's path runs without ../shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DccSigner, DccVerifyResult } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp } from '../../testing/test-app.js'
import {
  DCC_EKU,
  makeDsc,
  RECOVERY_HCERT,
  signDcc,
  TEST_HCERT,
  type SelfMadeDsc,
} from './__fixtures__/self-made-dsc.js'

describe.each(TEST_DATABASES)('EU DCC verification on %s', (kind) => {
  let t: TestApp
  let operator: string
  let districtAdmin: string
  let checkpoint: string
  let lab: string
  let dsc: SelfMadeDsc
  let signer: DccSigner

  beforeAll(async () => {
    t = await createTestApp(kind)
    const r = await t.makeRegions()
    operator = await t.login('admin', t.config.nodeRegion)
    districtAdmin = await t.login('admin', r.district)
    checkpoint = await t.login('checkpoint', r.district)
    lab = await t.login('lab', r.district)
    dsc = makeDsc({ country: 'DE', commonName: 'DSC 01 DE test' })
    const res = await add(operator, { pem: dsc.pem })
    expect(res.statusCode, res.body).toBe(201)
    signer = res.json<DccSigner>()
  })
  afterAll(async () => t.close())

  const post = (url: string, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
  const add = (cookie: string, body: object) => post('/api/dcc/signers', cookie, body)
  const verify = async (qr: string, cookie = checkpoint) => {
    const res = await post('/api/dcc/verify', cookie, { qr })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<DccVerifyResult>()
  }
  const signers = async () =>
    (await t.app.inject({ url: '/api/dcc/signers', headers: { cookie: operator } })).json<DccSigner[]>()

  it('loads a DSC from PEM: kid, country and label from the certificate', () => {
    expect(signer.kid).toBe(Buffer.from(dsc.kid).toString('hex'))
    expect(signer).toMatchObject({ country: 'DE', label: 'DSC 01 DE test', keyType: 'ec' })
    expect(signer.subject).toContain('CN=DSC 01 DE test')
  })

  it('a vaccination certificate verifies, with what the officer needs', async () => {
    const result = await verify(signDcc(dsc))
    expect(result).toMatchObject({ ok: true, stage: null, reason: null })
    expect(result.signer).toEqual({ id: signer.id, kid: signer.kid, label: signer.label, country: 'DE' })
    expect(result.summary).toMatchObject({
      familyName: 'Musterfrau',
      givenName: 'Erika',
      familyNameStd: 'MUSTERFRAU',
      givenNameStd: 'ERIKA',
      dateOfBirth: '1964-08-12',
      type: 'v',
      vaccination: {
        doseNumber: 2,
        totalDoses: 2,
        date: '2021-05-29',
        product: 'EU/1/20/1528',
        country: 'DE',
      },
      test: null,
      recovery: null,
      issuerCountry: 'DE',
    })
  })

  it('test and recovery certificates show their own fields', async () => {
    const test = await verify(signDcc(dsc, TEST_HCERT))
    expect(test.summary).toMatchObject({
      type: 't',
      test: { testType: 'LP6464-4', result: '260415000', sampleTime: '2021-05-28T10:30:00Z' },
    })
    const recovery = await verify(signDcc(dsc, RECOVERY_HCERT))
    expect(recovery.summary).toMatchObject({
      type: 'r',
      recovery: { firstPositive: '2021-04-21', validFrom: '2021-05-01', validUntil: '2021-10-21' },
    })
  })

  it('says where a refused code stopped', async () => {
    expect(await verify('HC2:6BFOXN*TS0BI$ZD')).toMatchObject({ ok: false, stage: 'prefix', summary: null })
    expect((await verify('HC1:!!!')).stage).toBe('base45')
    expect((await verify(signDcc(makeDsc()))).stage).toBe('signature') // an unknown signer
    const now = Math.floor(Date.now() / 1000)
    expect((await verify(signDcc(dsc, undefined, { iat: now - 9 * 86_400, exp: now - 86_400 }))).stage).toBe(
      'expiry',
    )
    const testsOnly = makeDsc({ eku: [DCC_EKU.t] })
    expect((await add(operator, { pem: testsOnly.pem, label: 'tests only' })).statusCode).toBe(201)
    expect((await verify(signDcc(testsOnly))).stage).toBe('keyusage')
    expect((await verify(signDcc(testsOnly, TEST_HCERT))).ok).toBe(true)
    expect((await verify(signDcc(dsc, { ...TEST_HCERT, dob: 'yesterday' }))).stage).toBe('schema')
  })

  it('audits who verified and the outcome, never the holder', async () => {
    await verify(signDcc(dsc))
    const rows = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'target_id', 'details'])
      .where('action', '=', 'dcc.verify')
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    expect(rows[0]).toMatchObject({ actor_role: 'checkpoint', target_id: signer.kid })
    expect(rows[0]?.details).toEqual({ ok: true, stage: null, country: 'DE', type: 'v' })
    expect(JSON.stringify(rows)).not.toMatch(/Musterfrau|MUSTERFRAU|1964-08-12/)
  })

  it('refuses text that holds no usable certificate with a 400 naming pem, and a second copy with 409', async () => {
    for (const pem of [
      'hello',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      'x'.repeat(300),
    ]) {
      const res = await add(operator, { pem })
      expect(res.statusCode, pem).toBe(400)
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'pem' } } })
    }
    const again = await add(operator, { pem: dsc.pem })
    expect(again.statusCode).toBe(409)
  })

  it('removal needs a reason, is audited, and the signer stops verifying', async () => {
    const other = makeDsc({ country: 'FR', commonName: 'DSC FR' })
    const added = (await add(operator, { pem: other.pem })).json<DccSigner>()
    const qr = signDcc(other, undefined, { country: 'FR' })
    expect((await verify(qr)).ok).toBe(true)
    expect((await post(`/api/dcc/signers/${added.id}/remove`, operator, {})).statusCode).toBe(400)
    expect((await post(`/api/dcc/signers/${added.id}/remove`, operator, { reason: '  ' })).statusCode).toBe(
      400,
    )
    const res = await post(`/api/dcc/signers/${added.id}/remove`, operator, { reason: 'key compromised' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<DccSigner[]>().map((s) => s.id)).not.toContain(added.id)
    expect((await signers()).map((s) => s.id)).not.toContain(added.id)
    expect((await verify(qr)).stage).toBe('signature')
    expect(
      (await post(`/api/dcc/signers/${added.id}/remove`, operator, { reason: 'again' })).statusCode,
    ).toBe(404)
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('target_id', '=', added.id)
      .where('target_type', '=', 'dcc_signer')
      .execute()
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'dcc.signer.add', reason: null },
        { action: 'dcc.signer.remove', reason: 'key compromised' },
      ]),
    )
    // Removed, it may be trusted again.
    expect((await add(operator, { pem: other.pem })).statusCode).toBe(201)
  })

  it('verifying needs code:verify; the trust list is for the node operators', async () => {
    const qr = signDcc(dsc)
    expect((await post('/api/dcc/verify', lab, { qr })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/dcc/verify', payload: { qr } })).statusCode).toBe(
      401,
    )
    const pem = makeDsc().pem
    expect((await add(checkpoint, { pem })).statusCode).toBe(403)
    expect(
      (await t.app.inject({ url: '/api/dcc/signers', headers: { cookie: checkpoint } })).statusCode,
    ).toBe(403)
    // An admin, but of a district: not the node's operator.
    const refused = await add(districtAdmin, { pem })
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(
      (await post(`/api/dcc/signers/${signer.id}/remove`, districtAdmin, { reason: 'no' })).statusCode,
    ).toBe(403)
    expect((await signers()).map((s) => s.id)).toContain(signer.id)
  })

  it('refuses a QR text over 8 KB with a 400, not a 5xx', async () => {
    const res = await post('/api/dcc/verify', checkpoint, { qr: `HC1:${'A'.repeat(9000)}` })
    expect(res.statusCode).toBe(400)
  })
})
