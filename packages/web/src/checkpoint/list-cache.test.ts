import { beforeAll, describe, expect, it } from 'vitest'
import {
  createStatusBits,
  createWebCryptoBackend,
  generateWebCryptoP256Signer,
  setStatusBit,
  signLf1,
  signStatusList,
  signTrustList,
  type Lf1Claims,
  type P256Signer,
  type StatusList,
  type TrustList,
} from '@lianfang/core'
import { bytesToBase64, bytesToHex } from './encoding'
import { createMemoryKvStore } from './kv-store'
import { LIST_KEYS, loadCachedLists, refreshLists, type ListSource, type RootKeyJson } from './list-cache'
import { verifyPresentedCode } from './verify-code'

const backend = createWebCryptoBackend()
const NOW_S = 1_795_000_000
const NOW = NOW_S * 1000
const ISSUER = 'node-420100'

let root: P256Signer
let otherRoot: P256Signer
let issuer: P256Signer
let strangerKey: P256Signer

const rootJson = (signer: P256Signer): RootKeyJson => ({
  kid: bytesToHex(signer.kid),
  publicKeySpki: bytesToBase64(signer.publicKeySpki),
})

const trustList = (version: number, over: Partial<TrustList> = {}): TrustList => ({
  version,
  issuedAt: NOW_S - 3600,
  expiresAt: NOW_S + 7 * 86400,
  keys: [
    {
      kid: issuer.kid,
      issuer: ISSUER,
      region: '420100',
      alg: 'ES256',
      publicKey: issuer.publicKeySpki,
      notBefore: NOW_S - 86400,
      notAfter: NOW_S + 365 * 86400,
      status: 'active',
    },
  ],
  ...over,
})

const statusList = (issuedAt: number, revoked: number[] = [7]): StatusList => {
  const bits = createStatusBits(1024)
  for (const i of revoked) setStatusBit(bits, i)
  return { issuer: ISSUER, listId: '2026-11', issuedAt, ttl: 900, size: 1024, bits }
}

const claims = (over: Partial<Lf1Claims> = {}): Lf1Claims => ({
  issuer: ISSUER,
  region: '420102',
  subject: 'p-7GQ2vH9kR3xA',
  maskedName: '张*明',
  colour: 'green',
  issuedAt: NOW_S - 600,
  expiresAt: NOW_S + 6 * 3600,
  statusListId: '2026-11',
  statusIndex: 3,
  ...over,
})

/** A server whose answers the test changes; `offline` makes every fetch fail. */
function fakeServer(init: { root: RootKeyJson; trust: Uint8Array; status: Uint8Array }) {
  const state = { ...init, offline: false, rootCalls: 0 }
  const source: ListSource = {
    root: async () => {
      state.rootCalls++
      if (state.offline) throw new TypeError('Failed to fetch')
      return state.root
    },
    trustList: async () => {
      if (state.offline) throw new TypeError('Failed to fetch')
      return state.trust
    },
    statusList: async () => {
      if (state.offline) throw new TypeError('Failed to fetch')
      return state.status
    },
  }
  return { state, source }
}

beforeAll(async () => {
  root = await generateWebCryptoP256Signer()
  otherRoot = await generateWebCryptoP256Signer()
  issuer = await generateWebCryptoP256Signer()
  strangerKey = await generateWebCryptoP256Signer()
})

async function world() {
  const server = fakeServer({
    root: rootJson(root),
    trust: await signTrustList(trustList(2), root),
    status: await signStatusList(statusList(NOW_S - 60), issuer),
  })
  const kv = createMemoryKvStore()
  const first = await refreshLists(kv, server.source, backend, NOW)
  expect(first.problems).toEqual([])
  return { server, kv, first }
}

describe('checkpoint list cache', () => {
  it('pins the root, keeps verified lists and verifies a code offline with them', async () => {
    const { server, kv, first } = await world()
    expect(first.lists.trust?.list.version).toBe(2)
    expect(first.lists.status).toHaveLength(1)
    expect([...kv.entries.keys()].sort()).toEqual(Object.values(LIST_KEYS).sort())

    server.state.offline = true
    const later = NOW + 5 * 60_000
    const offline = await refreshLists(kv, server.source, backend, later)
    expect(offline.problems.map((p) => p.list)).toEqual(['trust', 'status'])
    const code = await signLf1(claims(), issuer)
    const result = await verifyPresentedCode(code, offline.lists, backend, later)
    expect(result).toMatchObject({ ok: true, allow: true, colour: 'green', maskedName: '张*明' })
    expect(result.statusFresh).toBe(true)
  })

  it('never replaces the pinned root', async () => {
    const { server, kv } = await world()
    server.state.root = rootJson(otherRoot)
    server.state.trust = await signTrustList(trustList(3), otherRoot)
    const calls = server.state.rootCalls
    const out = await refreshLists(kv, server.source, backend, NOW)
    expect(server.state.rootCalls).toBe(calls)
    expect(out.problems).toEqual([{ list: 'trust', reason: 'unknown signing key' }])
    expect(out.lists.trust?.list.version).toBe(2)
    expect((await loadCachedLists(kv, backend, NOW)).root?.kid).toEqual(root.kid)
  })

  it('refuses a forged trust list and keeps the held one', async () => {
    const { server, kv } = await world()
    const good = await signTrustList(trustList(3), root)
    const forged = good.slice()
    forged[forged.length - 5] = (forged[forged.length - 5] ?? 0) ^ 0x01
    server.state.trust = forged
    const out = await refreshLists(kv, server.source, backend, NOW)
    expect(out.problems[0]).toEqual({ list: 'trust', reason: 'signature does not verify' })
    expect(out.lists.trust?.list.version).toBe(2)
    expect((await loadCachedLists(kv, backend, NOW)).trust?.list.version).toBe(2)
  })

  it('refuses an older (rolled-back) or expired trust list', async () => {
    const { server, kv } = await world()
    server.state.trust = await signTrustList(trustList(1), root)
    let out = await refreshLists(kv, server.source, backend, NOW)
    expect(out.problems[0]?.reason).toMatch(/older than the held 2/)
    server.state.trust = await signTrustList(
      trustList(5, { issuedAt: NOW_S - 9 * 86400, expiresAt: NOW_S - 86400 }),
      root,
    )
    out = await refreshLists(kv, server.source, backend, NOW)
    expect(out.problems[0]).toEqual({ list: 'trust', reason: 'trust list is not valid now' })
    expect(out.lists.trust?.list.version).toBe(2)
  })

  it('refuses a status list signed by an unknown key, or older than the held one', async () => {
    const { server, kv } = await world()
    server.state.status = await signStatusList(statusList(NOW_S, []), strangerKey)
    let out = await refreshLists(kv, server.source, backend, NOW)
    expect(out.problems).toEqual([{ list: 'status', reason: 'unknown signing key' }])
    server.state.status = await signStatusList(statusList(NOW_S - 3600, []), issuer)
    out = await refreshLists(kv, server.source, backend, NOW)
    expect(out.problems).toEqual([{ list: 'status', reason: 'older than the held status list' }])
    // The held list still marks index 7 revoked.
    const revoked = await signLf1(claims({ statusIndex: 7 }), issuer)
    expect(await verifyPresentedCode(revoked, out.lists, backend, NOW)).toMatchObject({
      ok: false,
      allow: false,
      stage: 'revoked',
    })
  })

  it('takes a newer status list and learns of a revoked code', async () => {
    const { server, kv } = await world()
    const code = await signLf1(claims({ statusIndex: 9 }), issuer)
    server.state.status = await signStatusList(statusList(NOW_S, [7, 9]), issuer)
    const out = await refreshLists(kv, server.source, backend, NOW + 1000)
    expect(out.problems).toEqual([])
    expect(await verifyPresentedCode(code, out.lists, backend, NOW + 1000)).toMatchObject({
      stage: 'revoked',
    })
  })

  it('does not trust tampered storage', async () => {
    const { kv } = await world()
    const stored = JSON.parse(kv.entries.get(LIST_KEYS.trust) ?? '{}') as { b64: string; fetchedAt: number }
    kv.entries.set(LIST_KEYS.trust, JSON.stringify({ ...stored, b64: stored.b64.replace(/^..../, 'AAAA') }))
    const lists = await loadCachedLists(kv, backend, NOW)
    expect(lists.trust).toBeUndefined()
    expect(lists.status).toEqual([])
    const code = await signLf1(claims(), issuer)
    expect(await verifyPresentedCode(code, lists, backend, NOW)).toMatchObject({
      allow: false,
      stage: 'no-lists',
    })
  })

  it('flags a stale status list, and stops once the trust list has expired', async () => {
    const { kv } = await world()
    const code = await signLf1(claims({ expiresAt: NOW_S + 72 * 3600 - 600 }), issuer)
    const inAnHour = NOW + 3600_000
    const stale = await verifyPresentedCode(
      code,
      await loadCachedLists(kv, backend, inAnHour),
      backend,
      inAnHour,
    )
    expect(stale).toMatchObject({ ok: true, allow: true, statusFresh: false })
    const inEightDays = NOW + 8 * 86400_000
    const expired = await loadCachedLists(kv, backend, inEightDays)
    expect(expired.trust).toBeUndefined()
  })

  it('denies yellow and red codes, expired and tampered ones, with the stage', async () => {
    const { first } = await world()
    const lists = first.lists
    const yellow = await verifyPresentedCode(
      await signLf1(claims({ colour: 'yellow' }), issuer),
      lists,
      backend,
      NOW,
    )
    expect(yellow).toMatchObject({ ok: true, allow: false, colour: 'yellow' })
    const red = await verifyPresentedCode(
      await signLf1(claims({ colour: 'red' }), issuer),
      lists,
      backend,
      NOW,
    )
    expect(red).toMatchObject({ ok: true, allow: false, colour: 'red' })
    const old = await signLf1(claims({ issuedAt: NOW_S - 7200, expiresAt: NOW_S - 60 }), issuer)
    expect(await verifyPresentedCode(old, lists, backend, NOW)).toMatchObject({
      allow: false,
      stage: 'expired',
    })
    const code = await signLf1(claims(), issuer)
    const i = code.length - 10
    const tampered = code.slice(0, i) + (code[i] === '0' ? '1' : '0') + code.slice(i + 1)
    const bad = await verifyPresentedCode(tampered, lists, backend, NOW)
    expect(bad.allow).toBe(false)
    expect(bad.stage).not.toBeNull()
    expect(await verifyPresentedCode('hello', lists, backend, NOW)).toMatchObject({ stage: 'prefix' })
    expect(await verifyPresentedCode(` ${code}\n`, lists, backend, NOW)).toMatchObject({ allow: true })
  })
})
