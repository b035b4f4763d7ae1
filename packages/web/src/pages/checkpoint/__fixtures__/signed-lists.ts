/**
 * A federation in small for the checkpoint's tests: a root key, an issuer key it trusts, the
 * signed trust and status lists (status index 7 revoked), and codes signed by the issuer — all
 * made with core's real signing, relative to the real clock (the page reads `Date.now()`).
 */
import {
  createStatusBits,
  generateWebCryptoP256Signer,
  setStatusBit,
  signLf1,
  signStatusList,
  signTrustList,
  type Lf1Claims,
  type P256Signer,
} from '@lianfang/core'
import { bytesToBase64, bytesToHex } from '../../../checkpoint/encoding'
import type { RootKeyJson } from '../../../checkpoint/list-cache'

const ISSUER = 'node-110000'
export const REVOKED_INDEX = 7

export interface Federation {
  readonly root: RootKeyJson
  readonly trustList: Uint8Array
  readonly statusList: Uint8Array
  /** An LF1 code for a person, signed by the trusted issuer. */
  readonly code: (over?: Partial<Lf1Claims>) => Promise<string>
}

export async function federation(): Promise<Federation> {
  const root: P256Signer = await generateWebCryptoP256Signer()
  const issuer: P256Signer = await generateWebCryptoP256Signer()
  const now = Math.floor(Date.now() / 1000)
  const trustList = await signTrustList(
    {
      version: 1,
      issuedAt: now - 3600,
      expiresAt: now + 7 * 86400,
      keys: [
        {
          kid: issuer.kid,
          issuer: ISSUER,
          region: '110000',
          alg: 'ES256',
          publicKey: issuer.publicKeySpki,
          notBefore: now - 86400,
          notAfter: now + 365 * 86400,
          status: 'active',
        },
      ],
    },
    root,
  )
  const bits = createStatusBits(1024)
  setStatusBit(bits, REVOKED_INDEX)
  const statusList = await signStatusList(
    { issuer: ISSUER, listId: '2026-12', issuedAt: now - 60, ttl: 900, size: 1024, bits },
    issuer,
  )
  const code = (over: Partial<Lf1Claims> = {}) =>
    signLf1(
      {
        issuer: ISSUER,
        region: '110101',
        subject: 'p-7GQ2vH9kR3xA',
        maskedName: '张*明',
        colour: 'green',
        issuedAt: now - 600,
        expiresAt: now + 6 * 3600,
        statusListId: '2026-12',
        statusIndex: 3,
        ...over,
      },
      issuer,
    )
  return {
    root: { kid: bytesToHex(root.kid), publicKeySpki: bytesToBase64(root.publicKeySpki) },
    trustList,
    statusList,
    code,
  }
}
