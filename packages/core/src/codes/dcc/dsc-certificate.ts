/**
 * What the DCC verifier needs from a document signer certificate (DSC, X.509 per RFC 5280):
 * validity, SubjectPublicKeyInfo, key type and extended key usage OIDs. Parsed with
 * @peculiar/asn1-x509 (pure, runs in Node and the browser).
 */
import { AsnConvert } from '@peculiar/asn1-schema'
import { Certificate, ExtendedKeyUsage, id_ce_extKeyUsage } from '@peculiar/asn1-x509'
import { bytesEqual, fromBase64 } from '../bytes.js'
import type { EcCurve } from '../crypto-backend.js'

/** A parsed DSC. Times are seconds since the Unix epoch. */
export interface DscCertificate {
  readonly der: Uint8Array
  readonly spki: Uint8Array
  /** `ec` (ES256, with `curve`), `rsa` (PS256), or `other` (no supported algorithm). */
  readonly keyType: 'ec' | 'rsa' | 'other'
  /** The named curve of an `ec` key. */
  readonly curve: EcCurve | null
  readonly notBefore: number
  readonly notAfter: number
  /** Extended key usage OIDs (RFC 5280 §4.2.1.12); empty when the extension is absent. */
  readonly extendedKeyUsage: readonly string[]
}

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1'
/** DER of the namedCurve OIDs (RFC 5480 §2.1.1.1): secp256r1, secp384r1, secp521r1. */
const CURVES: readonly [EcCurve, Uint8Array][] = [
  ['P-256', Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07)],
  ['P-384', Uint8Array.of(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22)],
  ['P-521', Uint8Array.of(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23)],
]
const OID_RSA = '1.2.840.113549.1.1.1'
const OID_RSA_PSS = '1.2.840.113549.1.1.10'

/** Parses a DER certificate; `undefined` if it is not one. Never throws. */
export function parseDscCertificate(der: Uint8Array): DscCertificate | undefined {
  try {
    const cert = AsnConvert.parse(der, Certificate)
    const tbs = cert.tbsCertificate
    const spkiInfo = tbs.subjectPublicKeyInfo
    const alg = spkiInfo.algorithm.algorithm
    let keyType: DscCertificate['keyType'] = 'other'
    let curve: EcCurve | null = null
    if (alg === OID_RSA || alg === OID_RSA_PSS) keyType = 'rsa'
    else if (alg === OID_EC_PUBLIC_KEY && spkiInfo.algorithm.parameters) {
      const params = new Uint8Array(spkiInfo.algorithm.parameters)
      curve = CURVES.find(([, der]) => bytesEqual(der, params))?.[0] ?? null
      if (curve) keyType = 'ec'
    }
    const ekuExt = tbs.extensions?.find((e) => e.extnID === id_ce_extKeyUsage)
    const eku = ekuExt ? [...AsnConvert.parse(ekuExt.extnValue, ExtendedKeyUsage)] : []
    return {
      der,
      spki: new Uint8Array(AsnConvert.serialize(spkiInfo)),
      keyType,
      curve,
      notBefore: Math.floor(tbs.validity.notBefore.getTime().getTime() / 1000),
      notAfter: Math.floor(tbs.validity.notAfter.getTime().getTime() / 1000),
      extendedKeyUsage: eku,
    }
  } catch {
    return undefined
  }
}

/** Reads the first certificate from PEM text (RFC 7468), or bare Base64 DER. */
export function pemToDer(pem: string): Uint8Array | undefined {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)
  return fromBase64(m ? (m[1] ?? '') : pem)
}
