/** `lianfang verify`: LF1 and LR1 texts checked offline against a trust list and status lists. */
import { describe, expect, it } from 'vitest'
import {
  createStatusBits,
  generateWebCryptoP256Signer,
  setStatusBit,
  signLf1,
  signLr1,
  signStatusList,
  signTrustList,
  type Lr1Claims,
} from '@lianfang/core'
import { verifyOffline } from './verify.js'

const NOW = 1_795_000_000
const root = await generateWebCryptoP256Signer()
const issuer = await generateWebCryptoP256Signer()
const trustList = await signTrustList(
  {
    version: 1,
    issuedAt: NOW - 60,
    expiresAt: NOW + 86_400,
    keys: [
      {
        kid: issuer.kid,
        issuer: 'node-420100',
        region: '420100',
        alg: 'ES256',
        publicKey: issuer.publicKeySpki,
        notBefore: NOW - 86_400,
        notAfter: NOW + 86_400,
        status: 'active',
      },
    ],
  },
  root,
)
const bits = createStatusBits(1024)
setStatusBit(bits, 9)
const statusList = await signStatusList(
  { issuer: 'node-420100', listId: 'main', issuedAt: NOW - 30, ttl: 300, size: 1024, bits },
  issuer,
)
const result: Lr1Claims = {
  issuer: 'node-420100',
  region: '420102',
  subject: 'subject-1',
  maskedName: '张*',
  result: 'negative',
  kind: 'single',
  sampledAt: NOW - 7200,
  resultedAt: NOW - 3600,
  lab: 'lab',
  resultId: '17',
  issuedAt: NOW - 60,
  expiresAt: NOW - 7200 + 7 * 86_400,
  statusListId: 'main',
  statusIndex: 8,
}
const lists = {
  trustList,
  rootSpki: root.publicKeySpki,
  statusLists: [statusList],
  now: NOW,
  allowMissingStatus: false,
}

describe('lianfang verify', () => {
  it('verifies an LR1 result and an LF1 code', async () => {
    expect(await verifyOffline(await signLr1(result, issuer), lists)).toMatchObject({
      ok: true,
      kind: 'LR1',
      claims: result,
      statusChecked: true,
    })
    const code = await signLf1(
      {
        issuer: 'node-420100',
        region: '420102',
        subject: 'subject-1',
        maskedName: '张*',
        colour: 'green',
        issuedAt: NOW - 60,
        expiresAt: NOW + 3600,
        statusListId: 'main',
        statusIndex: 3,
      },
      issuer,
    )
    expect(await verifyOffline(code, lists)).toMatchObject({ ok: true, kind: 'LF1', stage: null })
  })

  it('names the stage of a refused result, and needs the status list unless told otherwise', async () => {
    const revoked = await signLr1({ ...result, statusIndex: 9 }, issuer)
    expect(await verifyOffline(revoked, lists)).toMatchObject({ ok: false, kind: 'LR1', stage: 'revoked' })
    expect(await verifyOffline('LR1:%%', lists)).toMatchObject({ ok: false, stage: 'base45' })
    const text = await signLr1(result, issuer)
    const none = { ...lists, statusLists: [] }
    expect(await verifyOffline(text, none)).toMatchObject({ ok: false, stage: 'status-unavailable' })
    expect(await verifyOffline(text, { ...none, allowMissingStatus: true })).toMatchObject({
      ok: true,
      statusChecked: false,
    })
    const stranger = await generateWebCryptoP256Signer()
    expect(await verifyOffline(text, { ...lists, rootSpki: stranger.publicKeySpki })).toMatchObject({
      ok: false,
      kind: null,
    })
  })
})
