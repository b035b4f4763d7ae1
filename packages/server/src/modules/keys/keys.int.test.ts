import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrustStore, verifyStatusList, verifyTrustList, isStatusBitSet } from '@lianfang/core'
import type { CodeVerification, MyHealthCode } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'
import { createNodeSignatureBackend } from '../../crypto/node-signature-backend.js'

describe.each(TEST_DATABASES)('signed codes, keys and lists on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let admin: string
  let gate: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    admin = await t.login('admin', '420100')
    gate = await t.login('checkpoint', r.communities[0])
  })
  afterAll(async () => t.close())

  const citizenWithCode = async () => {
    const p = await t.createPerson(r.communities[0], { name: '赵子龙' })
    const cookie = await t.login('citizen', r.communities[0], { personId: p.id })
    const res = await t.app.inject({ url: '/api/codes/me', headers: { cookie } })
    expect(res.statusCode, res.body).toBe(200)
    return { p, cookie, code: res.json<MyHealthCode>() }
  }
  const verify = async (code: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/codes/verify',
        headers: { cookie: gate },
        payload: { code },
      })
    ).json<CodeVerification>()

  it('issues a short-lived LF1 code that a checkpoint verifies, with the masked name and no reasons', async () => {
    const { code } = await citizenWithCode()
    expect(code.qr).toMatch(/^LF1:[0-9A-Z $%*+\-./:]+$/)
    expect(code.maskedName).toBe('赵**')
    const life = new Date(code.expiresAt).getTime() - new Date(code.issuedAt).getTime()
    expect(life).toBeGreaterThan(0)
    expect(life).toBeLessThanOrEqual(4 * 3600_000)
    const v = await verify(code.qr)
    expect(v).toMatchObject({ ok: true, colour: 'green', maskedName: '赵**', issuer: 'lf-420100' })
    expect(code.qr).not.toContain('赵子龙')
  })

  it('refuses tampered and foreign codes, naming the stage', async () => {
    const { code } = await citizenWithCode()
    expect(await verify('HC1:' + code.qr.slice(4))).toMatchObject({ ok: false, stage: 'prefix' })
    expect(await verify('LF1:!!!')).toMatchObject({ ok: false, stage: 'base45' })
    const flipped = code.qr.slice(0, 40) + (code.qr[40] === 'A' ? 'B' : 'A') + code.qr.slice(41)
    expect((await verify(flipped)).ok).toBe(false)
  })

  it('a colour change marks the old code in the status list; the new code carries the new colour', async () => {
    const { p, cookie, code } = await citizenWithCode()
    await t.app.inject({
      method: 'POST',
      url: '/api/declarations/health',
      headers: { cookie },
      payload: { temperatureC: 38.6, symptoms: [] },
    })
    const after = await t.app.inject({ url: '/api/codes/me', headers: { cookie } })
    const fresh = after.json<MyHealthCode>()
    expect(fresh.colour).toBe('yellow')
    t.services.verifier.invalidate()
    expect(await verify(code.qr)).toMatchObject({ ok: false, stage: 'revoked' })
    expect(await verify(fresh.qr)).toMatchObject({ ok: true, colour: 'yellow' })
    expect(p.id).toBeDefined()
  })

  it('publishes a root-signed trust list and a signed status list that open with the pinned root', async () => {
    const root = (await t.app.inject({ url: '/api/trust-list/root' })).json<{
      kid: string
      publicKeySpki: string
    }>()
    const tl = await t.app.inject({ url: '/api/trust-list' })
    expect(tl.headers['content-type']).toBe('application/cose')
    expect(tl.headers['cache-control']).toMatch(/max-age=/)
    const backend = createNodeSignatureBackend()
    const roots = [
      {
        kid: new Uint8Array(Buffer.from(root.kid, 'hex')),
        publicKey: new Uint8Array(Buffer.from(root.publicKeySpki, 'base64')),
      },
    ]
    const trust = await verifyTrustList(
      new Uint8Array(tl.rawPayload),
      roots,
      backend,
      Math.floor(Date.now() / 1000),
    )
    expect(trust.ok).toBe(true)
    if (!trust.ok) return
    const sl = await t.app.inject({ url: '/api/status-list' })
    const status = await verifyStatusList(
      new Uint8Array(sl.rawPayload),
      createTrustStore(trust.value),
      backend,
    )
    expect(status.ok).toBe(true)
    if (status.ok) expect(isStatusBitSet(status.value, status.value.size - 1)).toBe(false)
  })

  it('rotation keeps old codes valid; revoking the old key makes them fail', async () => {
    const { code } = await citizenWithCode()
    const active = (await t.app.inject({ url: '/api/keys', headers: { cookie: admin } }))
      .json<{ kid: string; purpose: string; status: string }[]>()
      .find((k) => k.purpose === 'code' && k.status === 'active')
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/keys/rotate',
      headers: { cookie: admin },
      payload: { confirm: active?.kid, reason: 'scheduled rotation in a test' },
    })
    expect(rotated.statusCode, rotated.body).toBe(200)
    const keys = rotated.json<{ kid: string; purpose: string; status: string }[]>()
    const retired = keys.find((k) => k.purpose === 'code' && k.status === 'retired')
    expect(retired).toBeDefined()
    expect(keys.filter((k) => k.purpose === 'code' && k.status === 'active')).toHaveLength(1)
    expect((await verify(code.qr)).ok).toBe(true)
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/keys/${retired!.kid}/revoke`,
      headers: { cookie: admin },
      payload: { confirm: retired!.kid, reason: 'key material exposed in a test' },
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    const v = await verify(code.qr)
    expect(v.ok).toBe(false)
    expect(['unknown-key', 'revoked', 'signature']).toContain(v.stage)
    const epi = await t.login('epidemiologist', r.district)
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/keys/rotate',
          headers: { cookie: epi },
          payload: { confirm: 'x', reason: 'y' },
        })
      ).statusCode,
    ).toBe(403)
  })
})
