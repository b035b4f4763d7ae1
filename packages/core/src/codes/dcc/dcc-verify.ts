/**
 * EU Digital COVID Certificate (`HC1:`) verifier, after the eHealth Network "Technical
 * Specifications for Digital COVID Certificates", Vol. 1 (v1.0.5, 2021): prefix → Base45 (RFC
 * 9285) → zlib → COSE_Sign1 (RFC 9052) → CWT (RFC 8392) with the hcert at claim −260/1 → DSC
 * signature (ES256/PS256, kid = SHA-256(DSC DER)[0..8]) → validity → extended key usage → JSON
 * schema. Runs in Node and in the browser; never throws.
 */
import { base45Decode } from '../base45.js'
import { bytesKey, toHex } from '../bytes.js'
import { CBOR_INVALID, decodeCbor, isBytes } from '../cbor.js'
import { zlibInflate } from '../compression.js'
import { COSE_HEADER, headerParam, parseCoseSign1, sigStructure } from '../cose-sign1.js'
import { COSE_ALG, deriveKid, type SignatureBackend } from '../crypto-backend.js'
import { dccSchemaProblem } from './dcc-schema.js'
import type { DscCertificate } from './dsc-certificate.js'
import { cborToJson, type JsonValue } from './hcert-json.js'

/** Pipeline stages, in order (names of the EU test-suite runner contract). */
export const DCC_STAGES = [
  'prefix',
  'base45',
  'zlib',
  'cose',
  'cbor',
  'signature',
  'expiry',
  'keyusage',
  'schema',
] as const
export type DccStage = (typeof DCC_STAGES)[number]

export type DccVerification =
  | {
      readonly ok: true
      readonly stage: null
      /** The hcert (claim −260, key 1) as JSON. */
      readonly payload: { [key: string]: JsonValue }
      /** CWT iss (issuing country), iat and exp (seconds). */
      readonly issuer: string | null
      readonly issuedAt: number
      readonly expiresAt: number
      readonly kid: string
    }
  | { readonly ok: false; readonly stage: DccStage; readonly reason: string; readonly payload: null }

/** Document signer certificates by kid. */
export interface DccTrustStore {
  get(kid: Uint8Array): DscCertificate | undefined
}

/** Indexes DSCs by their kid: the first 8 bytes of SHA-256 over the certificate DER. */
export async function createDccTrustStore(
  certs: readonly DscCertificate[],
  backend: Pick<SignatureBackend, 'sha256'>,
): Promise<DccTrustStore> {
  const byKid = new Map<string, DscCertificate>()
  for (const c of certs) byKid.set(bytesKey(await deriveKid(backend, c.der)), c)
  return { get: (kid) => byKid.get(bytesKey(kid)) }
}

export interface DccVerifyOptions {
  readonly trust: DccTrustStore
  /** Verification time, seconds since the Unix epoch (fractions allowed). */
  readonly now: number
}

/** Extended key usage OIDs per certificate type (eHN DCC Tech. Spec. Vol. 1 §5.1.1), both forms. */
const EKU: Record<'t' | 'v' | 'r', readonly string[]> = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
}

const CLAIM = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const

type Failure = Extract<DccVerification, { ok: false }>
const fail = (stage: DccStage, reason: string): Failure => ({ ok: false, stage, reason, payload: null })

/** Verifies `HC1:` QR text. */
export async function verifyDcc(
  qr: string,
  options: DccVerifyOptions,
  backend: SignatureBackend,
): Promise<DccVerification> {
  try {
    return await run(qr, options, backend)
  } catch (e) {
    return fail('cose', `unexpected: ${e instanceof Error ? e.message : String(e)}`)
  }
}

async function run(
  qr: unknown,
  options: DccVerifyOptions,
  backend: SignatureBackend,
): Promise<DccVerification> {
  if (typeof qr !== 'string' || !qr.startsWith('HC1:')) return fail('prefix', 'does not start with HC1:')
  const compressed = base45Decode(qr, 4)
  if (!compressed) return fail('base45', 'not Base45 (RFC 9285)')
  const coseBytes = (backend.inflate ?? zlibInflate)(compressed)
  if (!coseBytes) return fail('zlib', 'not a zlib stream')
  const msg = parseCoseSign1(coseBytes)
  if (!msg) return fail('cose', 'not a COSE_Sign1 structure')

  const claims = decodeCbor(msg.payload)
  if (!(claims instanceof Map))
    return fail('cbor', claims === CBOR_INVALID ? 'payload is not CBOR' : 'CWT is not a map')
  const hcertMap =
    (claims.get(CLAIM.hcert) as unknown) instanceof Map
      ? (claims.get(CLAIM.hcert) as Map<unknown, unknown>)
      : undefined
  const hcert = hcertMap?.get(1)
  if (!(hcert instanceof Map)) return fail('cbor', 'no hcert at claim -260 / 1')
  const payload = cborToJson(hcert)
  if (payload === undefined || payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return fail('cbor', 'hcert is not a JSON object')

  const pk = msg.protectedHeader.get(COSE_HEADER.kid)
  const kid = pk !== undefined ? pk : msg.unprotectedHeader.get(COSE_HEADER.kid)
  if (!isBytes(kid)) return fail('signature', 'no kid')
  const dsc = options.trust.get(kid)
  if (!dsc) return fail('signature', `kid ${toHex(kid)} matches no document signer`)
  const alg = headerParam(msg, COSE_HEADER.alg)
  const data = sigStructure(msg.protectedBytes, msg.payload)
  let valid: boolean
  if (alg === COSE_ALG.ES256 && dsc.curve === 'P-256')
    valid = await backend.verifyP256(dsc.spki, data, msg.signature)
  else if (alg === COSE_ALG.ES256 && dsc.curve)
    valid = await backend.verifyEcdsaSha256(dsc.spki, dsc.curve, data, msg.signature)
  else if (alg === COSE_ALG.PS256 && dsc.keyType === 'rsa')
    valid = await backend.verifyPs256(dsc.spki, data, msg.signature)
  else return fail('signature', `algorithm ${String(alg)} does not fit the ${dsc.curve ?? dsc.keyType} key`)
  if (!valid) return fail('signature', 'signature does not verify')

  const iat = claims.get(CLAIM.iat) as unknown
  const exp = claims.get(CLAIM.exp) as unknown
  if (typeof iat !== 'number' || typeof exp !== 'number') return fail('expiry', 'iat and exp are required')
  const now = options.now
  if (iat < dsc.notBefore) return fail('expiry', 'issued before the signer certificate was valid')
  if (now < iat) return fail('expiry', 'not valid yet (iat is after the verification time)')
  if (now > exp) return fail('expiry', 'expired')
  if (exp > dsc.notAfter) return fail('expiry', 'outlives the signer certificate')

  const type = (['v', 't', 'r'] as const).find((k) => k in payload)
  if (dsc.extendedKeyUsage.length > 0 && !(type && EKU[type].some((o) => dsc.extendedKeyUsage.includes(o))))
    return fail('keyusage', `the signer certificate may not sign type ${type ?? '(none)'}`)

  const problem = dccSchemaProblem(payload)
  if (problem) return fail('schema', problem)
  const iss = claims.get(CLAIM.iss) as unknown
  return {
    ok: true,
    stage: null,
    payload,
    issuer: typeof iss === 'string' ? iss : null,
    issuedAt: iat,
    expiresAt: exp,
    kid: toHex(kid),
  }
}
