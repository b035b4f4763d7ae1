/** A small federation for tests: a root key, one issuer key, a signed trust list and status list. */
import {
  createStatusBits,
  createStatusListStore,
  createTrustStore,
  setStatusBit,
  signStatusList,
  signTrustList,
  verifyStatusList,
  verifyTrustList,
  type Lf1Claims,
  type Lf1StatusListStore,
  type Lf1TrustStore,
  type P256Signer,
  type SignatureBackend,
  type TrustList,
} from '../index.js'

export const NOW = 1_795_000_000

export interface Lf1World<S extends P256Signer = P256Signer> {
  readonly root: S
  readonly issuer: S
  readonly trust: Lf1TrustStore
  readonly statusLists: Lf1StatusListStore
  readonly trustListBytes: Uint8Array
  readonly statusListBytes: Uint8Array
  readonly claims: Lf1Claims
  /** Status index that the list marks revoked. */
  readonly revokedIndex: number
}

export async function makeWorld<S extends P256Signer>(
  backend: SignatureBackend,
  makeSigner: () => S | Promise<S>,
): Promise<Lf1World<S>> {
  const root = await makeSigner()
  const issuer = await makeSigner()
  const list: TrustList = {
    version: 1,
    issuedAt: NOW - 3600,
    expiresAt: NOW + 30 * 86400,
    keys: [
      {
        kid: issuer.kid,
        issuer: 'node-420100',
        region: '420100',
        alg: 'ES256',
        publicKey: issuer.publicKeySpki,
        notBefore: NOW - 86400,
        notAfter: NOW + 365 * 86400,
        status: 'active',
      },
    ],
  }
  const trustListBytes = await signTrustList(list, root)
  const opened = await verifyTrustList(
    trustListBytes,
    [{ kid: root.kid, publicKey: root.publicKeySpki }],
    backend,
    NOW,
  )
  if (!opened.ok) throw new Error(opened.reason)
  const trust = createTrustStore(opened.value)
  const bits = createStatusBits(1024)
  setStatusBit(bits, 7)
  const statusListBytes = await signStatusList(
    { issuer: 'node-420100', listId: '2026-11', issuedAt: NOW - 60, ttl: 900, size: 1024, bits },
    issuer,
  )
  const status = await verifyStatusList(statusListBytes, trust, backend)
  if (!status.ok) throw new Error(status.reason)
  const statusLists = createStatusListStore()
  statusLists.put(status.value)
  const claims: Lf1Claims = {
    issuer: 'node-420100',
    region: '420102',
    subject: 'p-7GQ2vH9kR3xA',
    maskedName: '张*明',
    colour: 'green',
    issuedAt: NOW - 600,
    expiresAt: NOW - 600 + 24 * 3600,
    statusListId: '2026-11',
    statusIndex: 42,
  }
  return { root, issuer, trust, statusLists, trustListBytes, statusListBytes, claims, revokedIndex: 7 }
}
