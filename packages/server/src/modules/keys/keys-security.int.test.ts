/**
 * Issue #14, "Signing keys are node-wide": an admin of another city on the same node rotated and
 * revoked the node's issuer key. Key changes are for the node's operators (admins of the node
 * region), confirmed by repeating the key id, with a reason, and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeyInfo } from '@lianfang/contracts'
import { TEST_DATABASES } from '../../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../../testing/test-app.js'

describe.each(TEST_DATABASES)('key management is for the node operators on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let operator: string
  let otherCity: string
  let district: string
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    // A second city served by the same node.
    await t.services.regionsRepo.insertMissing([
      { code: '420200', parentCode: '420000', level: 'city', name: '黄石市' },
    ])
    expect(t.config.nodeRegion).toBe('420100')
    operator = await t.login('admin', '420100')
    otherCity = await t.login('admin', '420200')
    district = await t.login('admin', r.district)
  })
  afterAll(async () => t.close())

  const keys = async () =>
    (await t.app.inject({ url: '/api/keys', headers: { cookie: operator } })).json<KeyInfo[]>()
  const activeKid = async () => {
    const kid = (await keys()).find((k) => k.purpose === 'code' && k.status === 'active')?.kid
    if (!kid) throw new Error('no active code key')
    return kid
  }
  const post = (url: string, cookie: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const errorOf = (res: { json: () => unknown }) =>
    (res.json() as { error: { code: string; message: string; details?: unknown } }).error
  const auditOf = (action: string, targetId: string) =>
    t.services.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'reason', 'details', 'actor_region'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute()

  it('another city’s admin (and a district admin) gets 403 on rotate and revoke; nothing changes; the attempt is audited', async () => {
    const before = await keys()
    const kid = await activeKid()
    const citizen = await t.createPerson(r.communities[0])
    const cookie = await t.login('citizen', r.communities[0], { personId: citizen.id })
    const code = (await t.app.inject({ url: '/api/codes/me', headers: { cookie } })).json<{ qr: string }>().qr
    for (const cookie of [otherCity, district]) {
      const rotate = await post('/api/keys/rotate', cookie, { confirm: kid, reason: 'taking over' })
      expect(rotate.statusCode, rotate.body).toBe(403)
      expect(errorOf(rotate)).toMatchObject({ code: 'FORBIDDEN', details: { nodeRegion: '420100' } })
      const revoke = await post(`/api/keys/${kid}/revoke`, cookie, { confirm: kid, reason: 'taking over' })
      expect(revoke.statusCode, revoke.body).toBe(403)
      // 403 before any check of the body: a non-operator learns nothing about the confirmation.
      expect((await post('/api/keys/rotate', cookie, {})).statusCode).toBe(403)
      expect((await post('/api/keys/rotate', cookie)).statusCode).toBe(403)
    }
    expect(await keys()).toEqual(before)
    const denied = await auditOf('keys.denied', kid)
    expect(denied.filter((d) => d.actor_region === '420200').length).toBeGreaterThanOrEqual(2)
    // The node's codes still verify.
    t.services.verifier.invalidate()
    const gate = await t.login('checkpoint', r.communities[0])
    const v = await t.app.inject({
      method: 'POST',
      url: '/api/codes/verify',
      headers: { cookie: gate },
      payload: { code },
    })
    expect(v.json()).toMatchObject({ ok: true })
  })

  it('tells each admin whether they operate the node', async () => {
    const access = (cookie: string) => t.app.inject({ url: '/api/keys/access', headers: { cookie } })
    expect((await access(operator)).json()).toEqual({ nodeRegion: '420100', operator: true })
    expect((await access(otherCity)).json()).toEqual({ nodeRegion: '420100', operator: false })
    const epi = await t.login('epidemiologist', '420100')
    expect((await access(epi)).statusCode).toBe(403)
  })

  it('an operator without the confirmation or a reason gets 400 naming what is missing', async () => {
    const kid = await activeKid()
    const cases: [object | undefined, RegExp, string[] | undefined][] = [
      [undefined, /confirm and reason/, ['confirm', 'reason']],
      [{}, /confirm and reason/, ['confirm', 'reason']],
      [{ reason: 'rotation' }, /confirm/, ['confirm']],
      [{ confirm: kid }, /reason/, ['reason']],
      [{ confirm: kid, reason: '   ' }, /reason/, ['reason']],
      [{ confirm: 'ffffffffffffffff', reason: 'rotation' }, /confirm does not match/, undefined],
    ]
    for (const [body, message, missing] of cases) {
      for (const url of ['/api/keys/rotate', `/api/keys/${kid}/revoke`]) {
        const res = await post(url, operator, body)
        expect(res.statusCode, `${url} ${JSON.stringify(body)}: ${res.body}`).toBe(400)
        const error = errorOf(res)
        expect(error.code).toBe('VALIDATION_FAILED')
        expect(error.message).toMatch(message)
        if (missing) expect(error.details).toEqual({ missing })
      }
    }
    // Revoking with the kid of another key as confirmation is refused too.
    const root = (await keys()).find((k) => k.purpose === 'root')
    const wrong = await post(`/api/keys/${kid}/revoke`, operator, { confirm: root?.kid, reason: 'x' })
    expect(wrong.statusCode).toBe(400)
    expect(await activeKid()).toBe(kid)
  })

  it('the operator rotates and revokes with confirmation; both are audited with the reason', async () => {
    const old = await activeKid()
    const rotated = await post('/api/keys/rotate', operator, {
      confirm: old,
      reason: 'quarterly rotation',
    })
    expect(rotated.statusCode, rotated.body).toBe(200)
    const fresh = await activeKid()
    expect(fresh).not.toBe(old)
    expect(await auditOf('keys.rotate', fresh)).toEqual([
      expect.objectContaining({
        reason: 'quarterly rotation',
        actor_region: '420100',
        details: { retired: old },
      }),
    ])
    // A second rotation confirmed with the old kid is refused: it no longer names the active key.
    expect((await post('/api/keys/rotate', operator, { confirm: old, reason: 'again' })).statusCode).toBe(400)

    const revoked = await post(`/api/keys/${old}/revoke`, operator, {
      confirm: old,
      reason: 'retired key exposed',
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    expect(revoked.json<KeyInfo[]>().find((k) => k.kid === old)?.status).toBe('revoked')
    expect(await auditOf('keys.revoke', old)).toEqual([
      expect.objectContaining({ reason: 'retired key exposed', actor_region: '420100' }),
    ])
  })
})
