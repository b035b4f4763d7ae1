import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { deflateSync, inflateSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  base45Decode,
  base45Encode,
  complementSP256,
  createLf1DecodeMemo,
  createWebCryptoBackend,
  encodeCoseSign1,
  isLowSP256,
  parseCoseSign1,
  signLf1,
  signLf1Sync,
  verifyLf1,
  verifyLf1Sync,
  zlibDeflate,
  zlibInflate,
} from '@lianfang/core'
import { makeWorld, NOW } from '../../../core/src/codes/__fixtures__/lf1-world.js'
import {
  createMemoizingBackend,
  createNodeSignatureBackend,
  createThreadPoolBackend,
  generateNodeP256Signer,
} from './node-signature-backend.js'

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

describe('low-S signatures through the memos (issue #14)', () => {
  /** The same code with the high-S twin of its signature (a valid ECDSA signature of the same bytes). */
  const highTwin = (code: string) => {
    const msg = parseCoseSign1(zlibInflate(base45Decode(code, 4) ?? new Uint8Array()) ?? new Uint8Array())
    if (!msg) throw new Error('no message')
    return (
      'LF1:' +
      base45Encode(
        zlibDeflate(encodeCoseSign1(msg.protectedBytes, msg.payload, complementSP256(msg.signature)), 0),
      )
    )
  }

  it('the Node signer only makes low-S signatures', () => {
    const signer = generateNodeP256Signer()
    for (let i = 0; i < 64; i++) expect(isLowSP256(signer.sign(randomBytes(32)))).toBe(true)
  })

  it('a high-S twin is refused by the memoizing, thread-pool and decode-memo paths, before and after the valid code', async () => {
    const memoized = createMemoizingBackend(node, 8)
    const pool = createThreadPoolBackend(8)
    const decode = createLf1DecodeMemo(8)
    for (let i = 0; i < 8; i++) {
      const code = signLf1Sync({ ...world.claims, statusIndex: 100 + i }, world.issuer)
      const high = highTwin(code)
      for (let round = 0; round < 2; round++) {
        for (const opts of [options, { ...options, decode }]) {
          expect(verifyLf1Sync(code, opts, memoized).ok).toBe(true)
          expect(verifyLf1Sync(high, opts, memoized)).toMatchObject({ ok: false, stage: 'signature' })
          expect((await verifyLf1(code, opts, pool)).ok).toBe(true)
          expect(await verifyLf1(high, opts, pool)).toMatchObject({ ok: false, stage: 'signature' })
        }
      }
    }
  })
})

describe('zlib interoperability with node:zlib', () => {
  it('the backend inflater agrees with the pure one: same bytes, same refusals', () => {
    const inflate = node.inflate ?? (() => undefined)
    for (const size of [0, 1, 164, 70_000]) {
      const data = new Uint8Array(randomBytes(size))
      for (const level of [0, 6, 9] as const) {
        const z = zlibDeflate(data, level)
        expect(inflate(z)).toEqual(zlibInflate(z))
        const bad = Uint8Array.from(z)
        bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1 // Adler-32
        expect(inflate(bad)).toBeUndefined()
        expect(zlibInflate(bad)).toBeUndefined()
      }
    }
    expect(inflate(new Uint8Array(deflateSync(new Uint8Array(1 << 20))))).toBeUndefined() // bomb
    expect(inflate(new Uint8Array([0x78, 0xbb, 0, 0, 0, 1]))).toBeUndefined() // preset dictionary
    expect(inflate(new Uint8Array([1, 2, 3]))).toBeUndefined()
  })

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

describe('Memoizing backend', () => {
  const signer = generateNodeP256Signer()
  const other = generateNodeP256Signer()
  const message = (n: number) => new Uint8Array(Buffer.from(`message ${n}`))

  it('answers a repeated check from memory and never a changed one', () => {
    let calls = 0
    const counting = {
      ...node,
      verifyP256: (k: Uint8Array, d: Uint8Array, s: Uint8Array) => {
        calls++
        return node.verifyP256(k, d, s)
      },
    }
    const memo = createMemoizingBackend(counting, 10)
    const sig = signer.sign(message(1))
    expect(memo.verifyP256(signer.publicKeySpki, message(1), sig)).toBe(true)
    expect(memo.verifyP256(signer.publicKeySpki, message(1), Uint8Array.from(sig))).toBe(true)
    expect(calls).toBe(1)
    // Same signature bytes, other message or other key: checked for real, and refused.
    expect(memo.verifyP256(signer.publicKeySpki, message(2), sig)).toBe(false)
    expect(memo.verifyP256(other.publicKeySpki, message(1), sig)).toBe(false)
    expect(calls).toBe(3)
  })

  it('agrees with the plain backend on random tampering (property)', () => {
    const memo = createMemoizingBackend(node, 50)
    const sigs = [0, 1, 2].map((n) => signer.sign(message(n)))
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 63 })),
        (m, s, otherKey, flip) => {
          const sig = Uint8Array.from(sigs[s] ?? new Uint8Array(64))
          if (flip !== null) sig[flip] = (sig[flip] ?? 0) ^ 1
          const key = otherKey ? other.publicKeySpki : signer.publicKeySpki
          expect(memo.verifyP256(key, message(m), sig)).toBe(node.verifyP256(key, message(m), sig))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('forgets the oldest entries beyond its limit', () => {
    let calls = 0
    const memo = createMemoizingBackend(
      { ...node, verifyP256: (k, d, s) => (calls++, node.verifyP256(k, d, s)) },
      2,
    )
    const sigs = [0, 1, 2].map((n) => signer.sign(message(n)))
    sigs.forEach((s, n) => memo.verifyP256(signer.publicKeySpki, message(n), s))
    memo.verifyP256(signer.publicKeySpki, message(2), sigs[2] ?? new Uint8Array())
    expect(calls).toBe(3)
    memo.verifyP256(signer.publicKeySpki, message(0), sigs[0] ?? new Uint8Array())
    expect(calls).toBe(4)
  })

  it('remembers at least the last limit / 2 checks and never more than limit', () => {
    let calls = 0
    const memo = createMemoizingBackend(
      { ...node, verifyP256: (k, d, s) => (calls++, node.verifyP256(k, d, s)) },
      10,
    )
    const sigs = Array.from({ length: 40 }, (_, n) => signer.sign(message(n)))
    const check = (n: number) =>
      memo.verifyP256(signer.publicKeySpki, message(n), sigs[n] ?? new Uint8Array())
    for (let n = 0; n < 40; n++) check(n)
    expect(calls).toBe(40)
    // The last five are remembered whatever the generation boundary.
    for (let n = 35; n < 40; n++) check(n)
    expect(calls).toBe(40)
    // Of all forty, at most ten are remembered.
    for (let n = 0; n < 40; n++) check(n)
    expect(calls).toBeGreaterThanOrEqual(40 + 30)
  })
})

describe('Thread-pool backend', () => {
  const signer = generateNodeP256Signer()
  const other = generateNodeP256Signer()
  const message = (n: number) => new Uint8Array(Buffer.from(`pool message ${n}`))

  it('verifies LF1 codes like the synchronous backend, and refuses altered ones', async () => {
    const pool = createThreadPoolBackend()
    const code = await signLf1(world.claims, world.issuer)
    expect(await verifyLf1(code, options, pool)).toMatchObject({ ok: true, claims: world.claims })
    expect(await verifyLf1(code, options, pool)).toEqual(verifyLf1Sync(code, options, node))
    const altered = code.slice(0, -3) + (code.endsWith('A') ? 'B' : 'A') + code.slice(-2)
    expect(await verifyLf1(altered, options, pool)).toEqual(verifyLf1Sync(altered, options, node))
  })

  it('agrees with the plain backend on random tampering, answered from memory or not (property)', async () => {
    const pool = createThreadPoolBackend(8)
    const sigs = [0, 1, 2].map((n) => signer.sign(message(n)))
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 63 })),
        async (m, s, otherKey, flip) => {
          const sig = Uint8Array.from(sigs[s] ?? new Uint8Array(64))
          if (flip !== null) sig[flip] = (sig[flip] ?? 0) ^ 1
          const key = otherKey ? other.publicKeySpki : signer.publicKeySpki
          expect(await pool.verifyP256(key, message(m), sig)).toBe(node.verifyP256(key, message(m), sig))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('answers false, without throwing, for a key that is not a P-256 key or a short signature', async () => {
    const pool = createThreadPoolBackend()
    const sig = signer.sign(message(1))
    expect(await pool.verifyP256(new Uint8Array([1, 2, 3]), message(1), sig)).toBe(false)
    expect(await pool.verifyP256(signer.publicKeySpki, message(1), sig.subarray(0, 63))).toBe(false)
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      format: 'der',
      type: 'spki',
    })
    expect(await pool.verifyP256(new Uint8Array(rsa), message(1), sig)).toBe(false)
  })
})
