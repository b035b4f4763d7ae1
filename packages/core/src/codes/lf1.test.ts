import { describe, expect, it } from 'vitest'
import {
  base45Decode,
  createWebCryptoBackend,
  generateWebCryptoP256Signer,
  signLf1,
  verifyLf1,
  verifyStatusList,
  verifyTrustList,
  zlibInflate,
} from './index.js'
import { makeWorld, NOW } from './__fixtures__/lf1-world.js'

const backend = createWebCryptoBackend()
const world = await makeWorld(backend, generateWebCryptoP256Signer)
const opts = { trust: world.trust, statusLists: world.statusLists, now: NOW }

describe('LF1 sign and verify (WebCrypto backend)', () => {
  it('round-trips claims', async () => {
    const code = await signLf1(world.claims, world.issuer)
    expect(code.startsWith('LF1:')).toBe(true)
    expect(code.length).toBeLessThan(300)
    const r = await verifyLf1(code, opts, backend)
    expect(r).toMatchObject({ ok: true, claims: world.claims, statusFresh: true })
  })

  it('names the failing stage', async () => {
    const code = await signLf1(world.claims, world.issuer)
    const stage = async (c: string, o = opts) => {
      const r = await verifyLf1(c, o, backend)
      return r.ok ? 'ok' : r.stage
    }
    expect(await stage('HC1:' + code.slice(4))).toBe('prefix')
    expect(await stage('LF1:aa')).toBe('base45')
    expect(await stage('LF1:00000')).toBe('zlib')
    expect(await stage(code, { ...opts, now: world.claims.expiresAt })).toBe('expired')
    expect(await stage(code, { ...opts, now: world.claims.issuedAt - 3600 })).toBe('not-yet-valid')
    const revoked = await signLf1({ ...world.claims, statusIndex: world.revokedIndex }, world.issuer)
    expect(await stage(revoked)).toBe('revoked')
    const otherList = await signLf1({ ...world.claims, statusListId: 'other' }, world.issuer)
    expect(await stage(otherList)).toBe('status-unavailable')
    const stranger = await generateWebCryptoP256Signer()
    expect(await stage(await signLf1(world.claims, stranger))).toBe('unknown-key')
    const forged = await signLf1(world.claims, { ...stranger, kid: world.issuer.kid })
    expect(await stage(forged)).toBe('signature')
    const wrongIssuer = await signLf1({ ...world.claims, issuer: 'node-110000' }, world.issuer)
    expect(await stage(wrongIssuer)).toBe('unknown-key')
  })

  it('rejects claims that live longer than 72 hours when signing', async () => {
    await expect(
      signLf1({ ...world.claims, expiresAt: world.claims.issuedAt + 73 * 3600 }, world.issuer),
    ).rejects.toThrow(/72 hours/)
  })

  it('inflates what it deflated and checks Adler-32', async () => {
    const code = await signLf1(world.claims, world.issuer)
    const z = base45Decode(code, 4)!
    expect(zlibInflate(z)).toBeDefined()
    const bad = z.slice()
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 1
    expect(zlibInflate(bad)).toBeUndefined()
  })

  it('refuses trust lists and status lists not signed by the right key', async () => {
    const stranger = await generateWebCryptoP256Signer()
    const r = await verifyTrustList(
      world.trustListBytes,
      [{ kid: stranger.kid, publicKey: stranger.publicKeySpki }],
      backend,
      NOW,
    )
    expect(r.ok).toBe(false)
    const late = await verifyTrustList(
      world.trustListBytes,
      [{ kid: world.root.kid, publicKey: world.root.publicKeySpki }],
      backend,
      NOW + 365 * 86400,
    )
    expect(late).toMatchObject({ ok: false, reason: 'trust list is not valid now' })
    const tampered = world.statusListBytes.slice()
    tampered[tampered.length - 70] = (tampered.at(-70) ?? 0) ^ 0x10
    expect((await verifyStatusList(tampered, world.trust, backend)).ok).toBe(false)
  })
})
