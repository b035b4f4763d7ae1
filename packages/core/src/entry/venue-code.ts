import { base45Decode, base45Encode } from '../codes/base45.js'
import { zlibDeflate, zlibInflate } from '../codes/compression.js'
import type { P256Signer, SignatureBackend } from '../codes/crypto-backend.js'
import { openCoseDocument, signCoseDocument } from '../codes/signed-document.js'
import type { Lf1TrustStore } from '../codes/trust-list.js'

/**
 * Venue codes (场所码): what a poster at a venue's entrance carries, and what a citizen scans
 * to check in. `"LFV1:" + Base45(zlib(COSE_Sign1(ES256, CBOR {iss, venue, region, kind, name})))`
 * — the LF1 envelope with venue claims and no expiry (posters stay up); a venue is withdrawn by
 * deactivating it on the server. Signed by the node's code key, so any checkpoint that trusts
 * the node can show the venue offline. See docs/health-code-format.md.
 */
export const VENUE_CODE_PREFIX = 'LFV1:'

export interface VenueClaims {
  readonly issuer: string
  readonly venueId: string
  readonly region: string
  readonly kind: string
  readonly name: string
}

export async function signVenueCode(claims: VenueClaims, signer: P256Signer): Promise<string> {
  const payload = new Map<string, unknown>([
    ['iss', claims.issuer],
    ['venue', claims.venueId],
    ['region', claims.region],
    ['kind', claims.kind],
    ['name', claims.name],
  ])
  return VENUE_CODE_PREFIX + base45Encode(zlibDeflate(await signCoseDocument(payload, signer)))
}

export type VenueCodeResult =
  { readonly ok: true; readonly claims: VenueClaims } | { readonly ok: false; readonly reason: string }

/** Opens a venue code against trusted issuer keys (not revoked, issuer matching). Never throws. */
export async function verifyVenueCode(
  text: string,
  trust: Lf1TrustStore,
  backend: SignatureBackend,
): Promise<VenueCodeResult> {
  if (typeof text !== 'string' || !text.startsWith(VENUE_CODE_PREFIX))
    return { ok: false, reason: 'not a venue code (LFV1:)' }
  const packed = base45Decode(text, VENUE_CODE_PREFIX.length)
  if (!packed) return { ok: false, reason: 'bad Base45' }
  const cose = zlibInflate(packed)
  if (!cose) return { ok: false, reason: 'bad zlib data' }
  let signerIssuer: string | undefined
  const opened = await openCoseDocument(
    cose,
    (kid) => {
      const key = trust.get(kid)
      if (!key || key.status === 'revoked') return undefined
      signerIssuer = key.issuer
      return key.publicKey
    },
    backend,
  )
  if (!opened.ok) return opened
  if (!(opened.payload instanceof Map)) return { ok: false, reason: 'payload is not a map' }
  const m = opened.payload as ReadonlyMap<unknown, unknown>
  const [issuer, venueId, region, kind, name] = ['iss', 'venue', 'region', 'kind', 'name'].map((k) =>
    m.get(k),
  )
  if (
    [issuer, venueId, region, kind, name].some(
      (v) => typeof v !== 'string' || v.length === 0 || v.length > 200,
    )
  ) {
    return { ok: false, reason: 'iss, venue, region, kind and name are required strings' }
  }
  if (issuer !== signerIssuer) return { ok: false, reason: 'issuer is not the signer' }
  return { ok: true, claims: { issuer, venueId, region, kind, name } as VenueClaims }
}
