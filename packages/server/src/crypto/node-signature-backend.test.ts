import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { deflateSync, inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  createWebCryptoBackend,
  signLf1,
  signLf1Sync,
  verifyLf1,
  verifyLf1Sync,
  zlibDeflate,
  zlibInflate,
} from '@lianfang/core'
import { makeWorld, NOW } from '../../../core/src/codes/__fixtures__/lf1-world.js'
import { createNodeSignatureBackend, generateNodeP256Signer } from './node-signature-backend.js'

const node = createNodeSignatureBackend()
const web = createWebCryptoBackend()
const world = await makeWorld(node, generateNodeP256Signer)
const options = { trust: world.trust, statusLists: world.statusLists, now: NOW }

describe('Node signature backend', () => {
  it('signs LF1 codes that both backends verify', async () => {
    const code = signLf1Sync(world.claims, generateNodeP256Signer())
    expect(verifyLf1Sync(code, options, node)).toMatchObject({ ok: false, stage: 'unknown-key' })
    const good = await signLf1(world.claims, world.issuer)
    expect(verifyLf1Sync(good, options, node)).toMatchObject({ ok: true, claims: world.claims })
    expect(await verifyLf1(good, options, web)).toMatchObject({ ok: true, claims: world.claims })
  })

  it('verifies PS256 and P-384 ES256 and rejects wrong keys without throwing', () => {
    const data = new Uint8Array([1, 2, 3])
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const rsaSpki = new Uint8Array(rsa.publicKey.export({ format: 'der', type: 'spki' }))
    const pss = sign('sha256', data, { key: rsa.privateKey, padding: 6, saltLength: 32 })
    expect(node.verifyPs256(rsaSpki, data, pss)).toBe(true)
    expect(node.verifyP256(rsaSpki, data, pss)).toBe(false)
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' })
    const ecSpki = new Uint8Array(ec.publicKey.export({ format: 'der', type: 'spki' }))
    const sig = sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' })
    expect(node.verifyEcdsaSha256(ecSpki, 'P-384', data, sig)).toBe(true)
    expect(node.verifyEcdsaSha256(ecSpki, 'P-256', data, sig)).toBe(false)
    expect(node.verifyP256(new Uint8Array([1, 2]), data, new Uint8Array(64))).toBe(false)
  })
})

describe('zlib interoperability with node:zlib', () => {
  it('inflates what node:zlib deflates and the other way round, at every level', () => {
    for (const size of [0, 1, 164, 70_000]) {
      const data = new Uint8Array(randomBytes(size))
      for (const level of [0, 6, 9] as const) {
        expect(new Uint8Array(inflateSync(zlibDeflate(data, level)))).toEqual(data)
        expect(zlibInflate(new Uint8Array(deflateSync(data, { level })))).toEqual(
          data.length > 65536 ? undefined : data,
        )
      }
    }
  })
})
